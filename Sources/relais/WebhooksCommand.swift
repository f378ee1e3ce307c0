import ArgumentParser
import Foundation
import RelaisStore

/// `relais webhooks …`: a tenant's endpoint and secret, delivery status, replays.
/// Delivery itself runs inside `relais serve`.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Webhook endpoints, delivery status and replays (docs/webhooks.md).",
        subcommands: [Set.self, Show.self, Status.self, Replay.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a tenant's webhook URL. The first time (or with --rotate-secret) prints a new signing secret, only once.")
        @Argument(help: "Tenant name.") var tenant: String
        @Argument(help: "Where events are POSTed: an http:// or https:// URL.") var url: String
        @Flag(help: "Replace the signing secret; deliveries are signed with the new one at once.") var rotateSecret = false
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON object.") var json = false

        struct Output: Encodable {
            var tenant: String
            var url: String
            /// Only when a new secret was made.
            var secret: String?
            var secretPrefix: String
        }

        func run() async throws {
            let storage = try await db.open()
            let (endpoint, secret) = try await clearly {
                try await storage.setWebhookEndpoint(tenantName: tenant, url: url, rotateSecret: rotateSecret, now: Date())
            }
            if json {
                try printJSON(Output(tenant: endpoint.tenantName, url: endpoint.url, secret: secret, secretPrefix: endpoint.secretPrefix))
                return
            }
            print("Webhooks for '\(endpoint.tenantName)' go to \(endpoint.url).")
            if let secret {
                print("Signing secret (shown only this once; verify Relais-Signature with it):\n\(secret)")
            } else {
                print("Signing secret unchanged (\(endpoint.secretPrefix)…); --rotate-secret makes a new one.")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a tenant's webhook URL and the prefix of its secret.")
        @Argument(help: "Tenant name.") var tenant: String
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        struct Output: Encodable {
            var tenant: String
            var url: String?
            var secretPrefix: String?
            var updatedAt: String?
        }

        func run() async throws {
            let storage = try await db.open()
            let endpoint = try await clearly { try await storage.webhookEndpoint(tenantName: tenant) }
            if json {
                try printJSON(Output(
                    tenant: tenant, url: endpoint?.url, secretPrefix: endpoint?.secretPrefix,
                    updatedAt: endpoint?.updatedAt.formatted(.iso8601)))
                return
            }
            guard let endpoint else {
                print("No webhook URL for '\(tenant)': events stay pending until `relais webhooks set \(tenant) URL`.")
                return
            }
            print("\(endpoint.tenantName)\t\(endpoint.url)\tsecret \(endpoint.secretPrefix)…\tupdated \(endpoint.updatedAt.formatted(.iso8601))")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count pending, delivered and dead events, and list the dead ones.")
        @Argument(help: "Tenant name (default: all tenants).") var tenant: String?
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        /// Dates as ISO 8601 for scripts.
        struct Output: Encodable {
            struct Dead: Encodable {
                var id, tenant, type: String
                var attempts: Int
                var lastError: String?
                var createdAt: String
            }
            var pending, delivered, dead: Int
            var deadEvents: [Dead]

            init(_ status: WebhookStatus) {
                (pending, delivered, dead) = (status.pending, status.delivered, status.dead)
                deadEvents = status.deadEvents.map {
                    Dead(id: $0.id, tenant: $0.tenant, type: $0.type, attempts: $0.attempts, lastError: $0.lastError,
                         createdAt: $0.createdAt.formatted(.iso8601))
                }
            }
        }

        func run() async throws {
            let storage = try await db.open()
            let status = try await clearly { try await storage.webhookStatus(tenantName: tenant) }
            if json { try printJSON(Output(status)); return }
            print("pending \(status.pending)\tdelivered \(status.delivered)\tdead \(status.dead)")
            for event in status.deadEvents {
                print("dead\t\(event.id)\t\(event.tenant)\t\(event.type)\tattempts \(event.attempts)\t\(event.lastError ?? "-")")
            }
            if status.dead > 0 { print("Send them again: relais webhooks replay --dead\(tenant.map { " " + $0 } ?? "")") }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put events back to pending, due now, with a fresh count of attempts (recorded in the audit log).")
        @Option(help: "One event, by id (delivered or dead).") var event: String?
        @Flag(help: "Every dead event.") var dead = false
        @Argument(help: "Only this tenant's events.") var tenant: String?
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard (event != nil) != dead else { throw ValidationError("give exactly one of --event ID or --dead") }
        }

        struct Output: Encodable { var replayed: Int }

        func run() async throws {
            let storage = try await db.open()
            let selection: WebhookReplay = event.map { .event($0) } ?? .dead
            let count = try await clearly { try await storage.replayWebhooks(selection, tenantName: tenant, actor: "cli", now: Date()) }
            if json { try printJSON(Output(replayed: count)); return }
            print("\(count) event\(count == 1 ? "" : "s") back to pending; a running `relais serve` sends \(count == 1 ? "it" : "them") within a poll.")
        }
    }
}

/// Store errors as one clear line instead of a stack trace.
private func clearly<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as StorageError {
        throw ValidationError(error.description)
    } catch let error as WebhookError {
        throw ValidationError(error.description)
    }
}
