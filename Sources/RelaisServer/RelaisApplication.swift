import Foundation
import Hummingbird
import Logging
import RelaisCore
import RelaisStore
import ServiceLifecycle

/// What the routes work with: loaded once at start, then only read.
public struct RelaisEnvironment: Sendable {
    public let storage: any RelaisStorage
    public let directory: HelplineDirectory
    public let config: RelaisConfig
    public let clock: RelaisClock
    /// Signs the embed sheet's and the console sign-in's form tokens.
    let formTokens: FormTokens
    /// Each tenant's configuration and directory, for deciding help cards.
    let help: HelpCards
    /// Request limits, per key, token, reporter and address.
    let limits: RateLimiters
    /// Who each API key is, read at most once per `TenantKeyCache.defaultStaleness`.
    let tenantKeys: TenantKeyCache
    /// Requests handled at once at most (`--max-in-flight`); past it, 503 at once.
    public var maxInFlight = InFlightLimit.defaultMax
    /// The link and signing secrets, read once per process.
    let secrets: SharedSecrets
    /// The web pages' templates, static files and texts, when read beforehand (else the
    /// router reads them).
    let assets: WebAssets?

    /// `formSecret`: the form tokens' key, shared by every instance on the database
    /// (`RelaisStorage.sharedSecret`); `RELAIS_EMBED_SECRET` overrides it, and without either
    /// each process makes its own.
    public init(
        storage: any RelaisStorage, directory: HelplineDirectory, config: RelaisConfig = .empty, clock: RelaisClock = .system,
        formSecret: Data? = nil, assets: WebAssets? = nil
    ) {
        self.storage = storage
        self.assets = assets
        formTokens = FormTokens.fromEnvironment(fallback: formSecret)
        self.directory = directory
        self.config = config
        self.clock = clock
        help = HelpCards(directory: directory, config: config)
        secrets = SharedSecrets(storage: storage)
        limits = RateLimiters(config.rateLimits, trustForwardedFor: config.trustForwardedFor)
        tenantKeys = TenantKeyCache(store: storage)
    }

    func snapshot(for tenant: Tenant) -> DirectorySnapshot { help.snapshot(for: tenant) }

    /// The directory the help-card policy reads for this tenant.
    public func directory(for tenant: Tenant) -> HelplineDirectory { help.directory(for: tenant) }

    /// The one way a report is filed, from the API or the web sheet.
    var filing: ReportFiling {
        let secrets = self.secrets
        return ReportFiling(reports: storage, help: help, clock: clock, linkSecret: { try await secrets.secret(named: ReportLinkToken.secretName) })
    }
    /// What the person who reported may see of their report: its progress and their evidence pack.
    var reporterView: ReporterView {
        let secrets = self.secrets
        return ReporterView(
            tenants: storage, reports: storage, moderation: storage, appeals: storage, clock: clock,
            linkSecret: { try await secrets.secret(named: ReportLinkToken.secretName) },
            signingSecret: { try await secrets.secret(named: EvidencePack.keyName) })
    }
    var appealIntake: AppealIntake { AppealIntake(appeals: storage, clock: clock) }
    /// On a database that announces key changes, the service that listens for them.
    var keyWatch: [any Service] {
        guard let watching = storage as? any TenantKeyWatching else { return [] }
        return [TenantKeyWatchService(store: watching, cache: tenantKeys)]
    }
}

public enum RelaisApplication {
    /// Every route the server answers, as "METHOD /path" with OpenAPI-style parameters.
    /// A test checks this list against `openapi.yaml` and against the live router.
    public static let routes: [String] = [
        "GET /healthz", "GET /readyz", "GET /openapi.yaml",
        "POST /v1/reports", "GET /v1/reports/{id}", "GET /v1/reports/{id}/evidence", "GET /.well-known/relais-evidence-key",
        "GET /v1/support", "POST /v1/support/events", "GET /v1/support/events",
        "GET /v1/helplines", "GET /v1/directory",
    ] + PileOnRoutes.routes + AppealRoutes.routes + HandoffRoutes.routes + ModerationRoutes.routes + AppealReviewRoutes.routes + FlaggerFiguresRoutes.routes
        + StatementSubmissionRoutes.routes + FlaggerRoutes.routes

    /// The HTML pages (the embeddable report sheet and the demo feed): not part of the JSON
    /// API, so not in `openapi.yaml`.
    public static let webRoutes: [String] = DemoRoutes.routes + EmbedRoutes.routes + AppealPageRoutes.routes + StatusPageRoutes.routes + HandoffPageRoutes.routes
        + ConsoleRoutes.routes

    public static func router(_ env: RelaisEnvironment, metrics: MetricsEndpoint? = nil) -> Router<RelaisRequestContext> {
        let router = Router(context: RelaisRequestContext.self)
        router.add(middleware: AccessLogMiddleware())
        // Request counts and durations by route pattern, only when metrics are on.
        if metrics != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: ProblemMiddleware())
        let inFlight = InFlightLimit(max: env.maxInFlight)
        router.add(middleware: InFlightLimitMiddleware(limit: inFlight))
        HealthRoutes(storage: env.storage).register(on: router)
        if let metrics {
            MetricsRoutes(registry: metrics.registry, token: metrics.token, webhooks: env.storage, storage: env.storage, inFlight: inFlight).register(on: router)
        }
        // Browser callers: the preflight carries no key; the answers carry the tenant's CORS headers.
        let cors = CORSRules(env.config.corsOrigins)
        router.add(middleware: CORSPreflightMiddleware(rules: cors))
        router.add(middleware: EmbedRateLimitMiddleware(limits: env.limits))
        let api = router.group("v1").add(middleware: TenantAuthMiddleware(tenants: env.tenantKeys, limits: env.limits)).add(middleware: TenantCORSMiddleware(rules: cors))
        ReportRoutes(filing: env.filing, reports: env.storage, reporters: env.limits.reporter).register(on: api)
        let pileOnRoutes = PileOnRoutes(pileOns: env.storage, clock: env.clock)
        pileOnRoutes.register(on: api)
        EvidenceRoutes(reporterView: env.reporterView).register(api: api, router: router)
        SupportRoutes(events: env.storage, help: env.help, clock: env.clock).register(on: api)
        DirectoryRoutes(help: env.help, clock: env.clock).register(on: api)
        let config = env.config, storage = env.storage, secrets = env.secrets
        AppealRoutes(intake: env.appealIntake, appeals: env.storage, outOfCourt: { config.outOfCourt(for: $0) }, clock: env.clock).register(on: api)
        HandoffRoutes(flaggers: env.storage, clock: env.clock).register(on: api)
        // Trusted flaggers' own tokens: a group of its own.
        let flagger = router.group("v1/flagger").add(middleware: FlaggerAuthMiddleware(flaggers: env.storage, limits: env.limits))
        FlaggerRoutes(filing: env.filing, flaggers: env.storage, tenants: env.storage, clock: env.clock).register(on: flagger)
        // Moderators' personal tokens, not tenant keys: a group of its own.
        let moderation = router.group("v1/moderation").add(middleware: ModeratorAuthMiddleware(moderators: env.storage, limits: env.limits))
        ModerationRoutes(moderation: env.storage, presets: TenantPresets(tenants: storage, config: config), notes: storage, clock: env.clock).register(on: moderation)
        StatementSubmissionRoutes(submissions: env.storage).register(on: moderation)
        pileOnRoutes.register(moderation: moderation)
        AppealReviewRoutes(
            appeals: env.storage, outOfCourt: { id in try await storage.tenant(id: id).flatMap(config.outOfCourt(for:)) }, clock: env.clock
        ).register(on: moderation)
        FlaggerFiguresRoutes(flaggers: env.storage, tenants: env.storage, clock: env.clock).register(on: moderation)
        // The web sheet and the demo: public pages, outside the API-key group.
        let assets: WebAssets
        do { assets = try env.assets ?? WebAssets.bundled() } catch { fatalError("Relais's web assets are broken: \(error)") }
        EmbedRoutes(
            tenants: env.storage, filing: env.filing, events: SupportRoutes(events: env.storage, help: env.help, clock: env.clock),
            help: env.help, clock: env.clock, assets: assets, tokens: env.formTokens
        ).register(on: router)
        AppealPageRoutes(
            tenants: env.storage, appeals: env.storage, intake: env.appealIntake,
            linkSecret: { try await secrets.secret(named: AppealLinkToken.secretName) }, clock: env.clock, assets: assets,
            tokens: env.formTokens, config: config
        ).register(on: router)
        StatusPageRoutes(
            reporterView: env.reporterView, help: env.help, clock: env.clock, assets: assets,
            appealSecret: { try await secrets.secret(named: AppealLinkToken.secretName) }
        ).register(on: router)
        HandoffPageRoutes(tenants: env.storage, flaggers: env.storage, clock: env.clock, assets: assets, tokens: env.formTokens).register(on: router)
        DemoRoutes(tenants: env.storage, assets: assets).register(on: router)
        // The moderator console: signed-in pages under /console (cookie sessions, CSRF tokens).
        ConsoleRoutes(env: env, assets: assets, loginTokens: env.formTokens, signIn: .default).register(on: router)
        return router
    }

    /// The HTTP application on `host:port`; `onServerRunning` receives the bound port (useful with port 0).
    /// `services` run beside the server and stop after it on shutdown (the webhook worker).
    public static func application(
        _ env: RelaisEnvironment, host: String, port: Int, logger: Logger, services: [any Service] = [], metrics: MetricsEndpoint? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(env, metrics: metrics),
            configuration: .init(address: .hostname(host, port: port), serverName: "Relais"),
            services: services + env.keyWatch,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}

struct HealthRoutes {
    let storage: any RelaisStorage

    func register(on router: Router<RelaisRequestContext>) {
        router.get("healthz") { _, _ in try JSONCoding.response(["status": "ok"]) }
        router.get("readyz") { _, _ in
            do { try await storage.ping() } catch StorageError.unwritable(let reason) {
                throw Problem(.serviceUnavailable, title: "Storage unavailable", detail: "Relais cannot write to its database: \(reason).", headers: [.retryAfter: "30"])
            } catch {
                throw Problem(.serviceUnavailable, title: "Database unreachable", detail: "Relais cannot reach its database.")
            }
            return try JSONCoding.response(["status": "ready"])
        }
        router.get("openapi.yaml") { _, _ in
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"), let data = try? Data(contentsOf: url) else {
                throw Problem(.notFound, title: "Not found")
            }
            return Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
