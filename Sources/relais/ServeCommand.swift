import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import RelaisCore
import RelaisServer
import RelaisStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP server (creates and migrates the database on first start).")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Config file with tenant settings (docs/configuration.md).") var config: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: ArgumentHelp(
        "Serve GET /metrics (Prometheus) to callers that send this token as a bearer; also RELAIS_METRICS_TOKEN. Off without one.",
        valueName: "token"))
    var metricsToken: String?
    @Option(help: "Log lines as text, or as JSON objects (one per line) for a log collector: text or json.") var logFormat = "text"
    @Option(help: "SQLite durability: normal (survives a crash) or full (fsync per commit, survives power loss).")
    var durability = "normal"
    @Option(help: "SQLite group commit: reports written per transaction at most (1 = one transaction per report).")
    var writeBatch = 64
    @Option(
        help: ArgumentHelp(
            "Test only: pin the server's clock to an ISO 8601 instant with a zone. Refused unless RELAIS_ALLOW_TEST_CLOCK=1.",
            valueName: "instant"))
    var testClock: String?
    @Option(help: ArgumentHelp("Seconds between webhook polls when there is no backlog.", valueName: "seconds"))
    var webhookPollInterval = 1.0
    @Option(help: "Webhook events claimed and sent per poll.") var webhookBatchSize = 10
    @Option(help: "Failed attempts before a webhook event is dead (docs/webhooks.md).") var webhookMaxAttempts = 16
    @Option(help: ArgumentHelp("Seconds between Transparency Database polls (docs/dsa.md).", valueName: "seconds"))
    var dsaPollInterval = 5.0
    @Option(help: ArgumentHelp("Seconds a sender holds the statements it is sending before another may take them.", valueName: "seconds"))
    var dsaClaimLease = 120.0

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("--log-level: '\(logLevel)' is not a log level") }
        guard let sqliteDurability = SQLiteStorage.Durability(rawValue: durability) else {
            throw ValidationError("--durability: use normal or full")
        }
        let clock = try Self.clock(testClock, environment: ProcessInfo.processInfo.environment)
        guard webhookPollInterval > 0, webhookPollInterval <= 3600 else { throw ValidationError("--webhook-poll-interval: use 0 < seconds ≤ 3600") }
        guard (1...1000).contains(webhookBatchSize) else { throw ValidationError("--webhook-batch-size: use 1…1000") }
        guard (1...100).contains(webhookMaxAttempts) else { throw ValidationError("--webhook-max-attempts: use 1…100") }
        guard dsaClaimLease >= 1, dsaClaimLease <= 3600 else { throw ValidationError("--dsa-claim-lease: use 1 ≤ seconds ≤ 3600") }
        guard dsaPollInterval > 0, dsaPollInterval <= 3600 else { throw ValidationError("--dsa-poll-interval: use 0 < seconds ≤ 3600") }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format: use text or json") }
        let json = logFormat == "json"
        LoggingSystem.bootstrap { label in
            if json {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "relais")
        let directory = try HelplineDirectory.bundled()
        let settings: RelaisConfig
        do { settings = try config.map { try RelaisConfig.load(path: $0, directory: directory) } ?? .empty } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
        guard (1...1000).contains(writeBatch) else { throw ValidationError("--write-batch: use 1 to 1000") }
        let storage = try await db.open(durability: sqliteDurability, writeBatch: writeBatch, moderation: settings.moderation)

        // First start: a demo tenant, so the quick start works without any set-up. When two
        // instances start together on an empty database, one creates it and prints the key.
        var createdKey: String?
        if try await storage.tenants().isEmpty {
            do { createdKey = try await storage.createTenant(name: "demo", now: Date()).apiKey } catch StorageError.tenantExists {}
        }
        let demoKey = createdKey

        let env = RelaisEnvironment(
            storage: storage, directory: directory, config: settings, clock: clock,
            formSecret: try await storage.sharedSecret(named: "form-tokens"))
        let host = self.host
        let testClock = self.testClock
        // The worker uses the system clock even under --test-clock: retries and claim leases
        // are real time, only the help card's opening hours are pinned.
        let webhooks = WebhookWorker(
            store: storage,
            options: WebhookDeliveryOptions(
                pollInterval: .milliseconds(Int((webhookPollInterval * 1000).rounded())), batchSize: webhookBatchSize,
                retry: WebhookRetryPolicy(maxAttempts: webhookMaxAttempts)),
            logger: Logger(label: "relais.webhooks"))
        // Tokens are read now, so a missing one stops the start with a message naming where it should be.
        let links: [TransparencyLink]
        do { links = try TransparencyLink.all(settings, environment: ProcessInfo.processInfo.environment) } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
        let submissions = StatementSubmissionWorker(
            storage: storage, links: links, pollInterval: .milliseconds(Int((dsaPollInterval * 1000).rounded())), claimLease: dsaClaimLease,
            logger: Logger(label: "relais.dsa"))
        var metrics: MetricsEndpoint?
        if let token = metricsToken ?? ProcessInfo.processInfo.environment["RELAIS_METRICS_TOKEN"], !token.isEmpty {
            guard token.utf8.count >= 16 else { throw ValidationError("--metrics-token: use at least 16 characters") }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            metrics = MetricsEndpoint(registry: registry, token: token)
        }
        let app = RelaisApplication.application(env, host: host, port: port, logger: logger, services: [webhooks, submissions], metrics: metrics) { boundPort in
            var banner = "Relais is running: open http://\(host):\(boundPort)/ — API at http://\(host):\(boundPort)/v1, console at http://\(host):\(boundPort)/console (database \(storage.location), directory \(directory.version))"
            if let demoKey {
                banner += "\nFirst start: created tenant 'demo'. Its API key (shown only this once):\n  \(demoKey)"
                banner += "\nTry: curl -H 'Authorization: Bearer \(demoKey)' 'http://\(host):\(boundPort)/v1/support?country=FR&locale=fr-FR'"
            }
            let demoTenant = (try? await storage.tenant(named: "demo")) ?? nil
            if demoTenant != nil {
                banner += "\nDemo: open http://\(host):\(boundPort)/ and report something from the feed."
            }
            if let testClock { banner += "\nTEST CLOCK: the time is pinned to \(testClock)." }
            // stdout may be a pipe: write the banner unbuffered so a script sees it at once.
            FileHandle.standardOutput.write(Data((banner + "\n").utf8))
        }
        try await app.runService()
        await storage.shutdown()
    }

    /// The system clock, or a pinned one for browser tests (closed hours at 23:30). A pinned
    /// clock in production would show wrong opening hours to people in distress, so it
    /// needs an explicit opt-in that a deployment never sets by accident.
    static func clock(_ testClock: String?, environment: [String: String]) throws -> RelaisClock {
        guard let testClock else { return .system }
        guard environment["RELAIS_ALLOW_TEST_CLOCK"] == "1" else {
            throw ValidationError("--test-clock is for tests only and is refused here: set RELAIS_ALLOW_TEST_CLOCK=1 to allow it")
        }
        guard let instant = Timestamp.parse(testClock) else {
            throw ValidationError("--test-clock: '\(testClock)' is not ISO 8601 with a zone, such as 2026-11-29T23:30:00+01:00")
        }
        return .fixed(instant)
    }
}
