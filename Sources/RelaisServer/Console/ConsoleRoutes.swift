import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// The moderator console under `/console`: server-rendered pages, no script at all.
///
/// Every page needs a session (`relais_session` cookie, see `ConsoleCookies`); every POST is
/// refused unless it comes from Relais's own origin with the session's CSRF token. Claims,
/// leases and decisions go through the same store calls and core rules as the moderation
/// API (`Decision.validate(json:)`, then `ModerationStore.decide`, which applies
/// `ModerationRules`). Compliance staff read; they are refused every claim and decision.
struct ConsoleRoutes: Sendable {
    let env: RelaisEnvironment
    let assets: WebAssets
    let loginTokens: FormTokens
    let signIn: SignInPolicy

    static let routes = [
        "GET /console", "GET /console/login", "POST /console/login", "POST /console/logout", "GET /console/queue",
        "POST /console/claim", "GET /console/cases/{id}", "POST /console/cases/{id}/reveal", "POST /console/cases/{id}/release",
        "POST /console/cases/{id}/renew", "POST /console/cases/{id}/decide", "GET /console/cases/{id}/statements",
        "GET /console/audit", "GET /console/webhooks", "POST /console/webhooks/replay", "GET /console/static/{file}",
    ]

    func register(on router: Router<RelaisRequestContext>) {
        let console = router.group("console")
        console.get { _, _ in Self.redirect("/console/queue") }
        console.get("login") { request, _ in try await loginPage(request) }
        console.post("login") { request, _ in try await login(request) }
        console.post("logout") { request, _ in try await posting(request) { session, _ in try await logout(request, session) } }
        console.get("queue") { request, _ in try await reading(request) { try await queue(request, $0) } }
        console.post("claim") { request, _ in try await posting(request) { session, _ in try await claim(session) } }
        console.get("cases/:id") { request, context in
            try await reading(request) { try await casePage(try caseId(context), $0, notice: Self.notice(request)) }
        }
        console.post("cases/:id/reveal") { request, context in
            try await posting(request) { session, _ in try await reveal(try caseId(context), session) }
        }
        console.post("cases/:id/release") { request, context in
            try await posting(request) { session, _ in try await release(try caseId(context), session) }
        }
        console.post("cases/:id/renew") { request, context in
            try await posting(request) { session, _ in try await renew(try caseId(context), session) }
        }
        console.post("cases/:id/decide") { request, context in
            try await posting(request) { session, fields in try await decide(try caseId(context), session, fields) }
        }
        console.get("cases/:id/statements") { request, context in
            try await reading(request) { try await statements(try caseId(context), $0) }
        }
        console.get("audit") { request, _ in try await reading(request) { try await audit($0) } }
        console.get("webhooks") { request, _ in try await reading(request) { try await webhooks($0, notice: Self.notice(request)) } }
        console.post("webhooks/replay") { request, _ in try await posting(request) { try await replay($0, $1) } }
        console.get("static/:file") { _, context in
            guard let response = assets.staticFile(try context.parameters.require("file")) else { throw HTTPError(.notFound) }
            return response
        }
    }

    // MARK: - Sessions and forms

    private func session(_ request: Request) async throws -> ConsoleSession? {
        guard let raw = request.cookies[ConsoleCookies.session]?.value, ConsoleSecrets.isWellFormed(raw) else { return nil }
        return try await env.storage.consoleSession(idHash: APIKey.hash(raw), now: env.clock.now())
    }

    /// A page behind the sign-in: without a live session, the sign-in page.
    private func reading(_ request: Request, _ body: (ConsoleSession) async throws -> Response) async throws -> Response {
        guard let session = try await session(request) else { return Self.redirect("/console/login") }
        return try await body(session)
    }

    /// A form POST: same origin, a live session, and the session's CSRF token, or 403.
    private func posting(_ request: Request, _ body: (ConsoleSession, FormFields) async throws -> Response) async throws -> Response {
        guard EmbedRoutes.isSameOrigin(request) else {
            return try message(nil, status: .forbidden, "Refused", ["Cross-origin form submissions are refused."])
        }
        guard let session = try await session(request) else { return Self.redirect("/console/login") }
        let fields = try await FormFields.body(of: request)
        guard let token = fields["csrf"], ConsoleSecrets.equal(token, session.csrfToken) else {
            return try message(
                session, status: .forbidden, "Form refused",
                ["This form was not sent by your console session (missing or wrong CSRF token). Reload the page and try again."])
        }
        return try await body(session, fields)
    }

    private func page(_ title: String, _ session: ConsoleSession?, notice: String? = nil, error: Bool = false) -> ConsolePage {
        ConsolePage(pageTitle: title, user: session.map(ConsoleUser.init), notice: notice, noticeIsError: error)
    }

    private func render(_ template: String, _ view: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try assets.page(template, view, status: status, framing: .sameOrigin)
        // The console runs no script at all and is never framed.
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        response.headers[.vary] = nil
        return response
    }

    private func message(_ session: ConsoleSession?, status: HTTPResponse.Status, _ heading: String, _ lines: [String], back: String? = nil) throws -> Response {
        try render("console-message", ConsoleMessageView(page: page(heading, session), heading: heading, lines: lines, backURL: back), status: status)
    }

    private func forbiddenRole(_ session: ConsoleSession) throws -> Response {
        try message(
            session, status: .forbidden, "Not allowed for your role",
            ["The \(session.moderator.role.rawValue) role reads cases, statements of reasons and the audit log; it does not claim or decide cases."],
            back: "/console/queue")
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    private func caseId(_ context: RelaisRequestContext) throws -> String {
        let id = try context.parameters.require("id")
        guard id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { throw HTTPError(.notFound) }
        return id
    }

    /// Notices are chosen from a fixed list by key: nothing from the URL is echoed.
    static let notices: [String: String] = [
        "empty": "Nothing to claim: every open case is decided or held by someone.",
        "decided": "Decision recorded. The statement of reasons is stored and the platform is notified.",
        "released": "Lease released: the case is back in the queue.",
        "renewed": "Lease renewed.",
        "revealed": "Content shown. This was recorded in the audit log.",
        "replayed": "Replay queued. This was recorded in the audit log.",
    ]

    static func notice(_ request: Request) -> String? {
        FormFields.query(of: request)["notice"].flatMap { notices[$0] }
    }

    // MARK: - Sign-in

    func loginPage(_ request: Request) async throws -> Response {
        if try await session(request) != nil { return Self.redirect("/console/queue") }
        return try loginForm(request, name: "", error: nil, status: .ok)
    }

    /// The sign-in form's CSRF token: an HMAC bound to a random nonce kept in a cookie of its own.
    private func loginForm(_ request: Request, name: String, error: String?, status: HTTPResponse.Status) throws -> Response {
        let nonce = ConsoleSecrets.random()
        let view = ConsoleLoginView(
            page: page("Sign in", nil), token: loginTokens.issue(tenant: "console-login", formId: nonce, at: env.clock.now()), name: name,
            error: error)
        var response = try render("console-login", view, status: status)
        response.setCookie(ConsoleCookies.make(ConsoleCookies.login, value: nonce, maxAge: 3600, request: request))
        return response
    }

    func login(_ request: Request) async throws -> Response {
        guard EmbedRoutes.isSameOrigin(request) else {
            return try message(nil, status: .forbidden, "Refused", ["Cross-origin form submissions are refused."])
        }
        let fields = try await FormFields.body(of: request)
        let now = env.clock.now()
        guard let nonce = request.cookies[ConsoleCookies.login]?.value, ConsoleSecrets.isWellFormed(nonce),
            loginTokens.isValid(fields["csrf"] ?? "", tenant: "console-login", formId: nonce, at: now)
        else {
            return try loginForm(request, name: "", error: "The sign-in form expired or was not sent by this page. Try again.", status: .forbidden)
        }
        let name = String((fields.nonEmpty("name") ?? "").prefix(64)), password = fields["password"] ?? ""
        let wrong = "Wrong name or password."
        // No account's name or password holds a NUL (see `StoredText`): such a name is
        // unknown without asking the store, such a password is wrong.
        guard StoredText.isStorable(name), let credentials = try await env.storage.consoleCredentials(name: name),
            let hash = credentials.passwordHash
        else {
            _ = await ConsolePasswords.verifyDecoy(password)
            return try loginForm(request, name: name, error: wrong, status: .unauthorized)
        }
        if let until = credentials.lockedUntil, until > now {
            return try loginForm(request, name: name, error: Self.locked(until), status: .tooManyRequests)
        }
        guard password.utf8.count <= ConsolePasswords.maximumBytes, StoredText.isStorable(password),
            await ConsolePasswords.verify(password, hash: hash)
        else {
            if case .failed(let lockedUntil?) = try await env.storage.recordSignIn(
                moderatorId: credentials.moderator.id, succeeded: false, policy: signIn, now: now)
            {
                return try loginForm(request, name: name, error: Self.locked(lockedUntil), status: .tooManyRequests)
            }
            return try loginForm(request, name: name, error: wrong, status: .unauthorized)
        }
        guard case .signedIn = try await env.storage.recordSignIn(moderatorId: credentials.moderator.id, succeeded: true, policy: signIn, now: now)
        else {
            // Locked meanwhile by concurrent wrong attempts: the right password does not get in either.
            let until = try await env.storage.consoleCredentials(name: name)?.lockedUntil ?? now
            return try loginForm(request, name: name, error: Self.locked(until), status: .tooManyRequests)
        }
        let id = ConsoleSecrets.random()
        try await env.storage.createConsoleSession(
            idHash: APIKey.hash(id), moderatorId: credentials.moderator.id, csrfToken: ConsoleSecrets.random(), now: now,
            expiresAt: now.addingTimeInterval(ConsoleCookies.sessionLifetime))
        var response = Self.redirect("/console/queue")
        response.setCookie(ConsoleCookies.make(ConsoleCookies.session, value: id, maxAge: Int(ConsoleCookies.sessionLifetime), request: request))
        response.setCookie(ConsoleCookies.make(ConsoleCookies.login, value: "", maxAge: 0, request: request))
        return response
    }

    static func locked(_ until: Date) -> String {
        "This account is locked after too many wrong passwords. Try again after \(ConsoleFormat.time(until)), or ask an administrator to set a new password."
    }

    func logout(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        if let raw = request.cookies[ConsoleCookies.session]?.value {
            try await env.storage.endConsoleSession(idHash: APIKey.hash(raw), now: env.clock.now())
        }
        var response = Self.redirect("/console/login")
        response.setCookie(ConsoleCookies.make(ConsoleCookies.session, value: "", maxAge: 0, request: request))
        return response
    }

    // MARK: - Queue

    func queue(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let query = FormFields.query(of: request)
        let category = query.nonEmpty("category").flatMap(ReportCategory.init(rawValue:))
        let country = query.nonEmpty("country").flatMap { CountryCode(rawValue: $0.uppercased()) }
        let overdue = query["overdue"] == "1"
        let now = env.clock.now()
        let entries = try await env.storage.openCases(
            tenantId: session.moderator.tenantId, filter: QueueFilter(category: category?.rawValue, country: country?.rawValue, overdueOnly: overdue),
            now: now, limit: 200)
        let rows = entries.enumerated().map { index, entry in
            ConsoleQueueView.Row(
                caseId: entry.caseId, position: index + 1, subjectKind: entry.subjectKind,
                categories: entry.categories.map { ReportCategory(rawValue: $0)?.summary ?? $0 }.joined(separator: ", "),
                countries: entry.countries.joined(separator: ", "), reportCount: entry.reportCount, score: String(format: "%.1f", entry.score),
                dueAt: ConsoleFormat.time(entry.dueAt), overdue: entry.overdue, leasedBy: entry.leasedBy)
        }
        let view = ConsoleQueueView(
            page: page("Queue", session, notice: Self.notice(request)), csrf: session.csrfToken, decides: session.moderator.role.decides,
            categories: ReportCategory.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.summary, selected: $0 == category) },
            country: country?.rawValue ?? "", overdueOnly: overdue, filtered: category != nil || country != nil || overdue, rows: rows,
            isEmpty: rows.isEmpty)
        return try render("console-queue", view)
    }

    func claim(_ session: ConsoleSession) async throws -> Response {
        guard session.moderator.role.decides else { return try forbiddenRole(session) }
        guard let claimed = try await env.storage.claimNextCase(for: session.moderator, now: env.clock.now()) else {
            return Self.redirect("/console/queue?notice=empty")
        }
        return Self.redirect("/console/cases/\(claimed.id)")
    }

    // MARK: - A case

    func casePage(
        _ id: String, _ session: ConsoleSession, notice: String?, form: ConsoleDecisionForm? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let now = env.clock.now()
        guard let found = try await env.storage.moderationCase(id: id, tenantId: session.moderator.tenantId, now: now) else {
            return try message(session, status: .notFound, "Case not found", ["No case with this id for your tenant."], back: "/console/queue")
        }
        let audit = try await env.storage.auditLog(tenantId: session.moderator.tenantId, caseId: id)
        let revealed = audit.contains { $0.action == "case.content_revealed" && $0.actor == session.moderator.name }
        let sensitive = found.reports.contains { SensitiveContent.categories.contains($0.draft.category) }
        let holdsLease = found.status == "open" && found.lease?.moderatorId == session.moderator.id
        var authorDecisions: [AuthorDecision] = []
        if let authorId = found.authorId {
            authorDecisions = try await env.storage.authorDecisions(tenantId: session.moderator.tenantId, authorId: authorId, excludingCase: id)
        }
        let euCountries = Set(found.reports.map(\.draft.reporter.country).filter(\.isEUOrEEA).map(\.rawValue)).sorted()
        let categories = Set(found.reports.map(\.draft.category)).sorted { $0.rawValue < $1.rawValue }
        let view = ConsoleCaseView(
            page: page("Case \(id)", session, notice: notice, error: status != .ok), csrf: session.csrfToken, caseId: id, status: found.status,
            isOpen: found.status == "open", subjectKind: found.facts.subjectKind.rawValue, subjectId: found.subjectId, authorId: found.authorId,
            categories: categories.map(\.summary).joined(separator: ", "), score: String(format: "%.1f", found.priority.score),
            dueAt: ConsoleFormat.time(found.priority.target.dueAt), overdue: found.status == "open" && found.priority.isOverdue,
            lease: found.lease.map { .init(moderator: $0.moderatorName, expiresAt: ConsoleFormat.time($0.expiresAt)) },
            holdsLease: holdsLease, canDecide: session.moderator.role.decides, sensitive: sensitive, blurred: sensitive && !revealed,
            revealed: sensitive && revealed,
            reports: found.reports.map { r in
                .init(
                    id: r.id, receivedAt: ConsoleFormat.time(r.receivedAt), surface: r.draft.surface, category: r.draft.category.rawValue,
                    categoryLabel: r.draft.category.summary, ageBracket: r.draft.reporter.ageBracket.rawValue,
                    country: r.draft.reporter.country.rawValue, isTarget: r.draft.reporter.isTarget, trustedFlagger: r.draft.reporter.trustedFlagger,
                    details: r.draft.details, snapshot: r.draft.subject.text, subjectURL: r.draft.subject.url)
            },
            decisions: found.decisions.map { d in
                .init(
                    decidedAt: ConsoleFormat.time(d.decidedAt), moderator: d.moderatorName,
                    restrictions: d.decision.isNoAction ? "No action" : d.decision.restrictions.map(\.rawValue).joined(separator: ", "),
                    ground: d.decision.ground.map { $0 == .illegal ? "Illegal: \(d.decision.legalGround ?? "")" : "Terms: \(d.decision.termsClause ?? "")" },
                    explanation: d.decision.explanation, noteForReporter: d.decision.noteForReporter, internalNote: d.decision.internalNote,
                    statementPuid: d.statement?.puid)
            },
            hasDecisions: !found.decisions.isEmpty, repeatCount: found.repeatOffender.restrictedDecisionCount,
            repeatThreshold: found.repeatOffender.threshold,
            repeatSuggestion: Self.suggestion(found.repeatOffender.suggestion),
            authorDecisions: authorDecisions.map {
                .init(
                    caseId: $0.caseId, decidedAt: ConsoleFormat.time($0.decidedAt), moderator: $0.moderatorName,
                    restrictions: $0.restrictions.isEmpty ? "No action" : $0.restrictions.map(\.rawValue).joined(separator: ", "))
            },
            hasAuthorDecisions: !authorDecisions.isEmpty,
            form: holdsLease ? (form ?? .blank(scope: euCountries.joined(separator: ", "))) : nil,
            audit: audit.reversed().map(ConsoleAuditRow.init))
        return try render("console-case", view, status: status)
    }

    static func suggestion(_ suggestion: RepeatOffenderSuggestion) -> String? {
        switch suggestion {
        case .none: nil
        case .warn: "Repeat offender: at or over the threshold. Warn the author first (DSA Art. 23(1) requires a prior warning before a suspension)."
        case .suspend: "Repeat offender after a warning: consider suspending the account (DSA Art. 23)."
        }
    }

    func reveal(_ id: String, _ session: ConsoleSession) async throws -> Response {
        let now = env.clock.now()
        guard try await env.storage.moderationCase(id: id, tenantId: session.moderator.tenantId, now: now) != nil else {
            return try message(session, status: .notFound, "Case not found", ["No case with this id for your tenant."], back: "/console/queue")
        }
        try await env.storage.appendAudit(
            tenantId: session.moderator.tenantId, actor: session.moderator.name, action: "case.content_revealed", caseId: id,
            before: AuditJSON.make(["content": "blurred"]), after: AuditJSON.make(["content": "shown"]), now: now)
        return Self.redirect("/console/cases/\(id)?notice=revealed#content")
    }

    func release(_ id: String, _ session: ConsoleSession) async throws -> Response {
        guard session.moderator.role.decides else { return try forbiddenRole(session) }
        switch try await env.storage.releaseLease(caseId: id, by: session.moderator, now: env.clock.now()) {
        case .released, .leased: return Self.redirect("/console/queue?notice=released")
        case .notFound: return try message(session, status: .notFound, "Case not found", ["No case with this id for your tenant."])
        case .notLeasedByCaller: return try noLease(session, id)
        }
    }

    func renew(_ id: String, _ session: ConsoleSession) async throws -> Response {
        guard session.moderator.role.decides else { return try forbiddenRole(session) }
        switch try await env.storage.renewLease(caseId: id, by: session.moderator, now: env.clock.now()) {
        case .released, .leased: return Self.redirect("/console/cases/\(id)?notice=renewed")
        case .notFound: return try message(session, status: .notFound, "Case not found", ["No case with this id for your tenant."])
        case .notLeasedByCaller: return try noLease(session, id)
        }
    }

    private func noLease(_ session: ConsoleSession, _ id: String) throws -> Response {
        try message(
            session, status: .conflict, "You do not hold a lease on this case",
            ["Your lease expired, or someone else holds the case, or it is already decided. Claim the next case from the queue."],
            back: "/console/cases/\(id)")
    }

    /// The decision form goes through the API's path: the same JSON validation, then the same
    /// store call, which applies `ModerationRules` in its transaction. A refusal shows the
    /// core's reasons next to the fields, with what the moderator wrote kept.
    func decide(_ id: String, _ session: ConsoleSession, _ fields: FormFields) async throws -> Response {
        guard session.moderator.role.decides else { return try forbiddenRole(session) }
        let decision: Decision
        switch Decision.validate(json: ConsoleDecisionForm.json(fields)) {
        case .success(let valid): decision = valid
        case .failure(let failure): return try await refused(id, session, fields, failure.errors)
        }
        switch try await env.storage.decide(caseId: id, decision: decision, by: session.moderator, now: env.clock.now()) {
        case .decided: return Self.redirect("/console/cases/\(id)?notice=decided")
        case .notFound: return try message(session, status: .notFound, "Case not found", ["No case with this id for your tenant."])
        case .notLeasedByCaller: return try noLease(session, id)
        case .refused(let failure): return try await refused(id, session, fields, failure.errors)
        }
    }

    private func refused(_ id: String, _ session: ConsoleSession, _ fields: FormFields, _ errors: [FieldError]) async throws -> Response {
        try await casePage(
            id, session, notice: "The decision was refused: nothing was stored. Fix the fields marked below.",
            form: ConsoleDecisionForm.make(fields, errors: errors), status: .unprocessableContent)
    }

    func statements(_ id: String, _ session: ConsoleSession) async throws -> Response {
        guard let statements = try await env.storage.statements(caseId: id, tenantId: session.moderator.tenantId) else {
            return try message(session, status: .notFound, "Case not found", ["No case with this id for your tenant."], back: "/console/queue")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let view = ConsoleStatementsView(
            page: page("Statements of reasons", session), caseId: id,
            statements: try statements.map { .init(puid: $0.puid, json: String(decoding: try encoder.encode($0), as: UTF8.self)) },
            isEmpty: statements.isEmpty)
        return try render("console-statements", view)
    }

    // MARK: - Audit log and webhooks

    func audit(_ session: ConsoleSession) async throws -> Response {
        let entries = try await env.storage.recentAudit(tenantId: session.moderator.tenantId, limit: 1000)
        let view = ConsoleAuditView(page: page("Audit log", session), rows: entries.map(ConsoleAuditRow.init))
        return try render("console-audit", view)
    }

    private func tenantName(_ session: ConsoleSession) async throws -> String? {
        try await env.storage.tenants().first { $0.id == session.moderator.tenantId }?.name
    }

    func webhooks(_ session: ConsoleSession, notice: String?) async throws -> Response {
        guard session.moderator.role == .admin else { return try adminOnly(session) }
        guard let tenant = try await tenantName(session) else { throw HTTPError(.notFound) }
        let status = try await env.storage.webhookStatus(tenantName: tenant)
        let view = ConsoleWebhooksView(
            page: page("Webhook dead letters", session, notice: notice), csrf: session.csrfToken, pending: status.pending,
            delivered: status.delivered, dead: status.dead,
            events: status.deadEvents.map {
                .init(id: $0.id, type: $0.type, attempts: $0.attempts, lastError: $0.lastError, createdAt: ConsoleFormat.time($0.createdAt))
            },
            hasDead: !status.deadEvents.isEmpty)
        return try render("console-webhooks", view)
    }

    func replay(_ session: ConsoleSession, _ fields: FormFields) async throws -> Response {
        guard session.moderator.role == .admin else { return try adminOnly(session) }
        guard let tenant = try await tenantName(session) else { throw HTTPError(.notFound) }
        let event = fields.nonEmpty("event").map { String($0.prefix(100)) }
        let unknown = try message(
            session, status: .notFound, "Event not found", ["No webhook event with this id for your tenant. Nothing was replayed."],
            back: "/console/webhooks")
        // An id with a NUL cannot name a stored event (see `StoredText`).
        if let event, !StoredText.isStorable(event) { return unknown }
        do {
            _ = try await env.storage.replayWebhooks(
                event.map(WebhookReplay.event) ?? .dead, tenantName: tenant, actor: session.moderator.name, now: env.clock.now())
        } catch WebhookError.eventNotFound {
            return unknown
        } catch WebhookError.eventInFlight {
            return try message(
                session, status: .conflict, "Event being delivered",
                ["This event is being sent right now. Nothing was replayed; try again in a minute."], back: "/console/webhooks")
        }
        return Self.redirect("/console/webhooks?notice=replayed")
    }

    private func adminOnly(_ session: ConsoleSession) throws -> Response {
        try message(session, status: .forbidden, "Administrators only", ["Webhook dead letters are shown to administrators."], back: "/console/queue")
    }
}
