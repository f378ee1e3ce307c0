import Hummingbird
import RelaisStore

/// The moderator console under `/console`: server-rendered pages that work without script (one static file adds keyboard shortcuts).
///
/// Where the pieces are: `ConsoleSessionMiddleware` lets through only a live session (and,
/// for a POST, Relais's own origin and the session's CSRF token) into a
/// `ConsoleRequestContext`, whose session is not optional; `ConsoleRoleMiddleware` refuses
/// the deciding and administering groups to the other roles (compliance staff read; they are
/// refused every claim and decision). Each concern has its routes (sign-in, queue, case,
/// audit log, webhooks), holding only the stores it uses.
struct ConsoleRoutes: Sendable {
    let pages: ConsolePages
    let sessions: any ConsoleStore
    let clock: RelaisClock
    let signIn: ConsoleSignInRoutes
    let queue: ConsoleQueueRoutes
    let cases: ConsoleCaseRoutes
    let notes: ConsoleNotesRoutes
    let users: ConsoleUserRoutes
    let appeals: ConsoleAppealRoutes
    let audit: ConsoleAuditRoutes
    let webhooks: ConsoleWebhookRoutes
    let compliance: ConsoleComplianceRoutes
    let pileOns: ConsolePileOnRoutes
    let preferences: ConsolePreferenceRoutes

    static let routes = [
        "GET /console", "GET /console/login", "POST /console/login", "POST /console/logout", "GET /console/queue",
        "POST /console/claim", "GET /console/cases/{id}", "POST /console/cases/{id}/reveal", "POST /console/cases/{id}/claim", "POST /console/cases/{id}/release",
        "POST /console/cases/{id}/renew", "POST /console/cases/{id}/decide", "GET /console/cases/{id}/statements",
        "POST /console/cases/{id}/statements/resend",
        "GET /console/audit", "GET /console/webhooks", "POST /console/webhooks/replay", "GET /console/static/{file}",
    ] + ConsoleAppealRoutes.routes + ConsoleNotesRoutes.routes + ConsoleUserRoutes.routes + ConsolePileOnRoutes.routes
        + ConsoleComplianceRoutes.routes + ConsolePreferenceRoutes.routes

    /// Hands each route struct the part of the environment it uses, and nothing else.
    init(env: RelaisEnvironment, assets: WebAssets, loginTokens: FormTokens, signIn policy: SignInPolicy) {
        let pages = ConsolePages(assets: assets), storage = env.storage, clock = env.clock
        self.pages = pages
        self.sessions = storage
        self.clock = clock
        signIn = ConsoleSignInRoutes(store: storage, leases: storage, clock: clock, loginTokens: loginTokens, policy: policy, pages: pages)
        let config = env.config
        queue = ConsoleQueueRoutes(
            queue: storage, cases: storage, clock: clock, pages: pages, breaks: BreakCheck(console: storage, rule: config.moderation.breakPrompt))
        cases = ConsoleCaseRoutes(
            cases: storage, console: storage, submissions: storage, notes: storage, presets: TenantPresets(tenants: storage, config: config), clock: clock,
            pages: pages, breakRule: config.moderation.breakPrompt)
        notes = ConsoleNotesRoutes(notes: storage, clock: clock, pages: pages)
        users = ConsoleUserRoutes(users: storage, clock: clock, pages: pages)
        appeals = ConsoleAppealRoutes(appeals: storage, tenants: storage, outOfCourt: { config.outOfCourt(for: $0) }, clock: clock, pages: pages)
        audit = ConsoleAuditRoutes(audit: storage, pages: pages)
        webhooks = ConsoleWebhookRoutes(tenants: storage, webhooks: storage, clock: clock, pages: pages)
        compliance = ConsoleComplianceRoutes(
            reports: storage, appeals: storage, support: storage, submissions: storage, tenants: storage, clock: clock, pages: pages)
        pileOns = ConsolePileOnRoutes(
            pileOns: storage, cases: storage, presets: TenantPresets(tenants: storage, config: config), clock: clock, pages: pages)
        preferences = ConsolePreferenceRoutes(sessions: storage, pages: pages)
    }

    func register(on router: Router<RelaisRequestContext>) {
        let console = router.group("console")
        console.get { _, _ in ConsolePages.redirect("/console/queue") }
        console.get("static/:file") { [pages] _, context in
            guard let response = pages.assets.staticFile(try context.parameters.require("file")) else { throw HTTPError(.notFound) }
            return response
        }
        signIn.registerPublic(on: console)
        preferences.registerPublic(on: console)

        let signedIn = console.group()
            .add(middleware: ConsoleSessionMiddleware(sessions: sessions, clock: clock, pages: pages))
            .group(context: ConsoleRequestContext.self)
        let deciding = signedIn.group().add(middleware: ConsoleRoleMiddleware(permission: .decide, pages: pages))
        let administering = signedIn.group().add(middleware: ConsoleRoleMiddleware(permission: .administer, pages: pages))
        let complying = signedIn.group().add(middleware: ConsoleRoleMiddleware(permission: .comply, pages: pages))
        signIn.register(on: signedIn)
        queue.register(on: signedIn, deciding: deciding)
        cases.register(on: signedIn, deciding: deciding)
        cases.registerResend(on: complying)
        compliance.register(complying: complying)
        notes.register(deciding: deciding)
        users.register(administering: administering)
        appeals.register(on: signedIn, deciding: deciding)
        audit.register(on: signedIn)
        webhooks.register(on: administering)
        pileOns.register(on: signedIn, deciding: deciding)
        preferences.register(on: signedIn)
    }
}
