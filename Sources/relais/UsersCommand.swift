import ArgumentParser
import Foundation
import RelaisServer
import RelaisStore

/// `relais users`: the people who moderate a tenant's cases.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage moderators (admin, moderator, compliance) and their personal API tokens.",
        subcommands: [Create.self, Token.self, Password.self, List.self])

    struct TokenOutput: Encodable {
        var name: String
        var tenant: String
        var role: String
        var token: String
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user of one tenant and print a first personal token (shown only once).")
        @Argument(help: "User name: letters, digits, '-' or '_'.") var name: String
        @Option(help: "The tenant the user moderates.") var tenant: String
        @Option(help: "admin, moderator or compliance (compliance reads cases and statements, decides nothing).")
        var role: String = Moderator.Role.moderator.rawValue
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON object with name, tenant, role and token.") var json = false

        func validate() throws {
            guard Moderator.Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: " + Moderator.Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        func run() async throws {
            let storage = try await db.open()
            do {
                let (user, token) = try await storage.createModerator(name: name, tenantName: tenant, role: Moderator.Role(rawValue: role)!, now: Date())
                if json { try printJSON(TokenOutput(name: user.name, tenant: tenant, role: user.role.rawValue, token: token)) } else {
                    print("Created \(user.role.rawValue) '\(user.name)' for tenant '\(tenant)'. Personal token (shown only this once):\n\(token)")
                }
            } catch let error as StorageError { throw ValidationError(error.description) } catch let error as ModerationError {
                throw ValidationError(error.description)
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new personal token for a user (shown only once); the old one stops working at once.")
        @Argument var name: String
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON object with name, tenant, role and token.") var json = false

        func run() async throws {
            let storage = try await db.open()
            do {
                let (user, token) = try await storage.issueToken(moderatorName: name, now: Date())
                let tenant = try await storage.tenant(id: user.tenantId)?.name ?? user.tenantId.rawValue
                if json { try printJSON(TokenOutput(name: user.name, tenant: tenant, role: user.role.rawValue, token: token)) } else {
                    print("New personal token for '\(user.name)' (the old one no longer works):\n\(token)")
                }
            } catch let error as ModerationError { throw ValidationError(error.description) }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's console password (at least 12 characters; hashed with bcrypt).",
            discussion: "On a terminal it asks for the password twice, without echo. Otherwise it reads standard input: printf '%s' \"$PASSWORD\" | relais users password mia (one trailing newline is ignored). Setting a password lifts a lock-out and signs the user out everywhere.")
        @Argument var name: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let password = isatty(STDIN_FILENO) == 1 ? try PasswordPrompt.ask(for: name) : try PasswordPrompt.readStandardInput()
            if let problem = ConsolePasswords.problem(with: password) { throw ValidationError(problem) }
            let storage = try await db.open()
            let hash = await ConsolePasswords.hash(password)
            do { try await storage.setPassword(moderatorName: name, passwordHash: hash, now: Date()) } catch let error as ModerationError {
                throw ValidationError(error.description)
            }
            print("Password set for '\(name)'. They can sign in at /console/login.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (tokens are never shown, only their prefix).")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var name: String
            var tenant: String
            var role: String
            var tokenPrefix: String?
            var createdAt: String
        }

        func run() async throws {
            let storage = try await db.open()
            let tenants = Dictionary(uniqueKeysWithValues: try await storage.tenants().map { ($0.id, $0.name) })
            let rows = try await storage.moderators().map {
                Row(name: $0.name, tenant: tenants[$0.tenantId] ?? $0.tenantId.rawValue, role: $0.role.rawValue, tokenPrefix: $0.tokenPrefix,
                    createdAt: $0.createdAt.formatted(.iso8601))
            }
            if json { try printJSON(rows); return }
            if rows.isEmpty { print("No users yet: relais users create NAME --tenant TENANT --role moderator"); return }
            for row in rows { print("\(row.name)\t\(row.tenant)\t\(row.role)\t\(row.tokenPrefix.map { $0 + "…" } ?? "-")\t\(row.createdAt)") }
        }
    }
}
