import ArgumentParser
import Foundation
import RelaisStore

struct TenantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenants", abstract: "Manage tenants (platforms) and their API keys.",
        subcommands: [Create.self, List.self, RotateKey.self])

    struct KeyOutput: Encodable {
        var tenant: String
        var apiKey: String
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant and print its new API key (shown only once).")
        @Argument(help: "Tenant name: letters, digits, '-' or '_'.") var name: String
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON object with tenant and apiKey.") var json = false

        func run() async throws {
            let storage = try await db.open()
            do {
                let (tenant, key) = try await storage.createTenant(name: name, now: Date())
                if json { try printJSON(KeyOutput(tenant: tenant.name, apiKey: key)) } else {
                    print("Created tenant '\(tenant.name)'. Its API key (shown only this once):\n\(key)")
                }
            } catch let error as StorageError { throw ValidationError(error.description) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants (keys are never shown, only their prefix).")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var name: String
            var keyPrefix: String
            var createdAt: String
        }

        func run() async throws {
            let storage = try await db.open()
            let rows = try await storage.tenants().map {
                Row(name: $0.name, keyPrefix: $0.keyPrefix, createdAt: $0.createdAt.formatted(.iso8601))
            }
            if json { try printJSON(rows); return }
            if rows.isEmpty { print("No tenants yet: relais tenants create NAME"); return }
            for row in rows { print("\(row.name)\t\(row.keyPrefix)…\t\(row.createdAt)") }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key", abstract: "Replace a tenant's API key; the old key stops working at once.")
        @Argument var name: String
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON object with tenant and apiKey.") var json = false

        func run() async throws {
            let storage = try await db.open()
            do {
                let (tenant, key) = try await storage.rotateKey(tenantName: name)
                if json { try printJSON(KeyOutput(tenant: tenant.name, apiKey: key)) } else {
                    print("New API key for '\(tenant.name)' (the old one no longer works):\n\(key)")
                }
            } catch let error as StorageError { throw ValidationError(error.description) }
        }
    }
}
