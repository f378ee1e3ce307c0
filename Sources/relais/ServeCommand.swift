import ArgumentParser
import Configuration
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
        commandName: "serve", abstract: "Run the HTTP server (creates and migrates the database on first start).",
        discussion: """
            Every option can also be set in the environment (RELAIS_ and the option's name: \
            RELAIS_WRITE_BATCH for --write-batch, RELAIS_DATABASE_URL for --database) or in the \
            config file's "serve" object ({"serve": {"writeBatch": 64}}). A flag wins over the \
            environment, the environment over the file, the file over the default; \
            --print-config shows what applies and from where.
            """)

    // Optional, with no default here: a flag given wins, and one not given leaves the option
    // to the environment, the config file or the default (`ServeSettings`).
    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (default 8080).") var port: Int?
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Config file with tenant settings and a serve object of these options (docs/configuration.md); also RELAIS_CONFIG.")
    var config: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default info).") var logLevel: String?
    @Option(help: ArgumentHelp(
        "Serve GET /metrics (Prometheus) to callers that send this token as a bearer. Off without one.",
        valueName: "token"))
    var metricsToken: String?
    @Option(help: "Log lines as text, or as JSON objects (one per line) for a log collector: text or json (default text).")
    var logFormat: String?
    @Option(help: "SQLite durability: normal (survives a crash) or full (fsync per commit, survives power loss); default normal.")
    var durability: String?
    @Option(help: "SQLite group commit: reports written per transaction at most; 1 = one transaction per report (default 64).")
    var writeBatch: Int?
    @Option(help: "SQLite: reports that may wait for the writer; past it a report is answered 503 with Retry-After at once (default 1024).")
    var writeQueue: Int?
    @Option(help: "Requests handled at once at most (probes and /metrics excepted); past it 503 with Retry-After at once (default 1024).")
    var maxInFlight: Int?
    @Option(
        help: ArgumentHelp(
            "Test only: pin the server's clock to an ISO 8601 instant with a zone. Refused unless RELAIS_ALLOW_TEST_CLOCK=1.",
            valueName: "instant"))
    var testClock: String?
    @Option(help: ArgumentHelp("Seconds between webhook polls when there is no backlog (default 1).", valueName: "seconds"))
    var webhookPollInterval: Double?
    @Option(help: "Webhook events claimed and sent per poll (default 10).") var webhookBatchSize: Int?
    @Option(help: "Failed attempts before a webhook event is dead, docs/webhooks.md (default 16).") var webhookMaxAttempts: Int?
    @Option(help: ArgumentHelp("Seconds between Transparency Database polls, docs/dsa.md (default 5).", valueName: "seconds"))
    var dsaPollInterval: Double?
    @Option(help: ArgumentHelp("Seconds a sender holds the statements it is sending before another may take them (default 120).", valueName: "seconds"))
    var dsaClaimLease: Double?
    @Flag(help: "Print every effective option and where it came from (flag, environment, config file, default), secrets redacted; then exit.")
    var printConfig = false

    /// The flags given, by their key in `ServeSettings`.
    var givenFlags: [String: ConfigContent] {
        var flags: [String: ConfigContent] = [:]
        func put(_ key: String, _ value: ConfigContent?) { if let value { flags[key] = value } }
        put("host", host.map(ConfigContent.string))
        put("port", port.map(ConfigContent.int))
        put("databaseUrl", db.database.map(ConfigContent.string))
        put("poolSize", db.poolSize.map(ConfigContent.int))
        put("config", config.map(ConfigContent.string))
        put("logLevel", logLevel.map(ConfigContent.string))
        put("metricsToken", metricsToken.map(ConfigContent.string))
        put("logFormat", logFormat.map(ConfigContent.string))
        put("durability", durability.map(ConfigContent.string))
        put("writeBatch", writeBatch.map(ConfigContent.int))
        put("writeQueue", writeQueue.map(ConfigContent.int))
        put("maxInFlight", maxInFlight.map(ConfigContent.int))
        put("testClock", testClock.map(ConfigContent.string))
        put("webhookPollInterval", webhookPollInterval.map(ConfigContent.double))
        put("webhookBatchSize", webhookBatchSize.map(ConfigContent.int))
        put("webhookMaxAttempts", webhookMaxAttempts.map(ConfigContent.int))
        put("dsaPollInterval", dsaPollInterval.map(ConfigContent.double))
        put("dsaClaimLease", dsaClaimLease.map(ConfigContent.double))
        return flags
    }

    func run() async throws {
        guard #available(macOS 15, *) else { throw ValidationError("relais serve needs macOS 15 or later") }
        let environment = ProcessInfo.processInfo.environment
        let configPath = config ?? environment["RELAIS_CONFIG"]
        let settings = try ServeSettings(
            flags: givenFlags, environment: environment, file: try configPath.map(ServeSettings.FileValue.serveSection) ?? [:],
            configPath: configPath)
        if printConfig {
            print(settings.printed)
            return
        }
        try await serve(settings, configPath: configPath)
    }

    @available(macOS 15, *)
    func serve(_ options: ServeSettings, configPath: String?) async throws {
        let host = options.host, port = options.port, logLevel = options.logLevel, logFormat = options.logFormat
        let durability = options.durability, writeBatch = options.writeBatch, writeQueue = options.writeQueue
        let maxInFlight = options.maxInFlight, metricsToken = options.metricsToken, testClock = options.testClock
        let webhookPollInterval = options.webhookPollInterval, webhookBatchSize = options.webhookBatchSize
        let webhookMaxAttempts = options.webhookMaxAttempts
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("--log-level: '\(logLevel)' is not a log level") }
        guard let sqliteDurability = SQLiteStorage.Durability(rawValue: durability) else {
            throw ValidationError("--durability: use normal or full")
        }
        let clock = try Self.clock(testClock, environment: ProcessInfo.processInfo.environment)
        guard webhookPollInterval > 0, webhookPollInterval <= 3600 else { throw ValidationError("--webhook-poll-interval: use 0 < seconds ≤ 3600") }
        guard (1...1000).contains(webhookBatchSize) else { throw ValidationError("--webhook-batch-size: use 1…1000") }
        guard (1...100).contains(webhookMaxAttempts) else { throw ValidationError("--webhook-max-attempts: use 1…100") }
        guard options.dsaClaimLease >= 1, options.dsaClaimLease <= 3600 else { throw ValidationError("--dsa-claim-lease: use 1 ≤ seconds ≤ 3600") }
        guard options.dsaPollInterval > 0, options.dsaPollInterval <= 3600 else { throw ValidationError("--dsa-poll-interval: use 0 < seconds ≤ 3600") }
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
        // The templates and texts are read on another core while the database opens and
        // migrates: a start is the time to the first request a platform can send.
        async let assets = WebAssets.bundled()
        let directory = try HelplineDirectory.bundled()
        let settings: RelaisConfig
        do { settings = try configPath.map { try RelaisConfig.load(path: $0, directory: directory) } ?? .empty } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
        guard (1...1000).contains(writeBatch) else { throw ValidationError("--write-batch: use 1 to 1000") }
        guard (1...1_000_000).contains(writeQueue) else { throw ValidationError("--write-queue: use 1 to 1000000") }
        guard (1...1_000_000).contains(maxInFlight) else { throw ValidationError("--max-in-flight: use 1 to 1000000") }
        // Before anything makes a metric (the storage's and the worker's counters are made
        // with them), or those would count into nothing.
        var metrics: MetricsEndpoint?
        if let token = metricsToken {
            guard token.utf8.count >= 16 else { throw ValidationError("--metrics-token: use at least 16 characters") }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            metrics = MetricsEndpoint(registry: registry, token: token)
        }
        let storage = try await DatabaseOptions.open(
            url: options.databaseURL, poolSize: options.poolSize, durability: sqliteDurability, writeBatch: writeBatch, writeQueue: writeQueue,
            moderation: settings.moderation)

        // First start: a demo tenant, so the quick start works without any set-up. When two
        // instances start together on an empty database, one creates it and prints the key.
        var createdKey: String?
        if try await storage.tenants().isEmpty {
            do { createdKey = try await storage.createTenant(name: "demo", now: Date()).apiKey } catch StorageError.tenantExists {}
        }
        let demoKey = createdKey

        var env = RelaisEnvironment(
            storage: storage, directory: directory, config: settings, clock: clock,
            formSecret: try await storage.sharedSecret(named: "form-tokens"), assets: try await assets)
        env.maxInFlight = maxInFlight
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
            storage: storage, links: links, pollInterval: .milliseconds(Int((options.dsaPollInterval * 1000).rounded())), claimLease: options.dsaClaimLease,
            logger: Logger(label: "relais.dsa"))
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
