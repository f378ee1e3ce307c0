import ArgumentParser
import Foundation
import RelaisCore
import RelaisServer
import RelaisStore

/// `relais flaggers`: trusted flaggers (DSA Art. 22), their tokens, the tenants that accept
/// them, and where their `notice.decided` events go.
struct FlaggersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flaggers", abstract: "Manage trusted flaggers (DSA Art. 22): accounts, tokens, accepting tenants, webhooks.",
        subcommands: [Create.self, Token.self, Accept.self, List.self, Webhook.self])

    struct Output: Encodable {
        var name: String
        var designatedBy: String
        var expertise: [String]
        var targetHours: Double
        var tenants: [String]
        var token: String?
        var tokenPrefix: String?

        init(_ f: TrustedFlagger, token: String? = nil) {
            name = f.name
            designatedBy = f.designatedBy
            expertise = f.expertise.map(\.rawValue)
            targetHours = f.targetHours
            tenants = f.tenants
            self.token = token
            tokenPrefix = token == nil ? f.tokenPrefix : nil
        }
    }

    static func expertise(_ text: String) throws -> [ReportCategory] {
        var categories: [ReportCategory] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let category = ReportCategory(rawValue: part) else {
                throw ValidationError("--expertise: '\(part)' is not a category (\(ReportCategory.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !categories.contains(category) { categories.append(category) }
        }
        guard !categories.isEmpty else { throw ValidationError("--expertise: name at least one category") }
        return categories
    }

    static func failing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as FlaggerError { throw ValidationError(error.description) } catch let error as StorageError {
            throw ValidationError(error.description)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a trusted flagger accepted by the given tenants, and print its token (shown only once).")
        @Argument(help: "The organisation's name, as statements of reasons will show it: letters, digits, '-' or '_'.") var name: String
        @Option(help: "The Digital Services Coordinator that designated it (\"Arcom\").") var designatedBy: String
        @Option(help: "Comma-separated categories it is expert in: its notices there are decided with priority.") var expertise: String
        @Option(help: "Tenants that accept it (repeatable).") var tenant: [String] = []
        @Option(help: "The agreed time to decision, in hours, for the share decided within it.") var targetHours: Double = 24
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON object.") var json = false

        func run() async throws {
            let categories = try FlaggersCommand.expertise(expertise)
            guard targetHours > 0 else { throw ValidationError("--target-hours must be more than 0") }
            let storage = try await db.open()
            let (flagger, token) = try await FlaggersCommand.failing {
                try await storage.createFlagger(
                    name: name, designatedBy: designatedBy, expertise: categories, targetHours: targetHours, tenantNames: tenant, now: Date())
            }
            if json { try printJSON(Output(flagger, token: token)) } else {
                print("Created trusted flagger '\(flagger.name)' (\(flagger.designatedBy)), accepted by: \(flagger.tenants.joined(separator: ", ")). Token (shown only this once):\n\(token)")
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new token for a flagger (shown only once); the old one stops at once.")
        @Argument var name: String
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON object.") var json = false

        func run() async throws {
            let storage = try await db.open()
            let (flagger, token) = try await FlaggersCommand.failing { try await storage.issueFlaggerToken(name: name, now: Date()) }
            if json { try printJSON(Output(flagger, token: token)) } else { print("New token for '\(flagger.name)' (the old one no longer works):\n\(token)") }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A tenant accepts a flagger (recorded in the tenant's audit log).")
        @Argument var name: String
        @Option(help: "The tenant that accepts it.") var tenant: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let storage = try await db.open()
            let flagger = try await FlaggersCommand.failing { try await storage.acceptFlagger(name: name, tenantName: tenant, now: Date()) }
            print("'\(flagger.name)' is accepted by: \(flagger.tenants.joined(separator: ", ")).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List trusted flaggers (tokens are never shown, only their prefix).")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let storage = try await db.open()
            let flaggers = try await storage.flaggers()
            if json { try printJSON(flaggers.map { Output($0) }) } else {
                for f in flaggers {
                    print("\(f.name)\t\(f.designatedBy)\t\(f.expertise.map(\.rawValue).joined(separator: ","))\t\(f.tenants.joined(separator: ","))\t\(f.tokenPrefix.map { $0 + "…" } ?? "-")")
                }
            }
        }
    }

    struct Webhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where a flagger's notice.decided events go; the signing secret is printed when new.")
        @Argument var name: String
        @Argument var url: String
        @Flag(help: "Make a new signing secret.") var rotateSecret = false
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let storage = try await db.open()
            let (set, secret) = try await FlaggersCommand.failing {
                do { return try await storage.setFlaggerWebhook(name: name, url: url, rotateSecret: rotateSecret, now: Date()) } catch let error as WebhookError {
                    throw ValidationError("\(error)")
                }
            }
            print("notice.decided events for '\(name)' go to \(set)." + (secret.map { " Signing secret (shown only this once):\n\($0)" } ?? ""))
        }
    }
}
