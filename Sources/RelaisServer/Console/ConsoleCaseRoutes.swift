import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// One case: its page, showing blurred content, the lease (renew, release), the decision
/// form, and the statements of reasons. Claims, leases and decisions go through the same
/// store calls and core rules as the moderation API (`Decision.validate(json:)`, then
/// `ModerationStore.decide`, which applies `ModerationRules`).
struct ConsoleCaseRoutes: Sendable {
    let cases: any ModerationStore
    let console: any ConsoleStore
    let submissions: any TransparencyStore
    let notes: any CaseNotesStore
    let presets: TenantPresets
    let clock: RelaisClock
    let pages: ConsolePages
    /// When to suggest a break (`BreakCheck`).
    var breakRule: BreakPrompt = .default

    func register(on signedIn: RouterGroup<ConsoleRequestContext>, deciding: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("cases/:id") { request, context in
            let t = context.texts
            return try await casePage(
                try Self.caseId(context), context.session, t, notice: ConsolePages.notice(request, t), preset: FormFields.query(of: request).nonEmpty("preset"))
        }
        signedIn.post("cases/:id/reveal") { _, context in try await reveal(try Self.caseId(context), context.session, context.texts) }
        deciding.post("cases/:id/claim") { _, context in try await claim(try Self.caseId(context), context.session, context.texts) }
        deciding.post("cases/:id/release") { _, context in try await release(try Self.caseId(context), context.session, context.texts) }
        deciding.post("cases/:id/renew") { _, context in try await renew(try Self.caseId(context), context.session, context.texts) }
        deciding.post("cases/:id/decide") { _, context in
            try await decide(try Self.caseId(context), context.session, context.form, context.texts)
        }
        signedIn.get("cases/:id/statements") { request, context in
            let t = context.texts
            return try await statements(try Self.caseId(context), context.session, t, notice: ConsolePages.notice(request, t))
        }
    }

    /// Resending a refused statement: admins and compliance staff (`ConsolePermission.comply`).
    func registerResend(on complying: RouterGroup<ConsoleRequestContext>) {
        complying.post("cases/:id/statements/resend") { _, context in
            try await resend(try Self.caseId(context), context.session, context.form, context.texts)
        }
    }

    /// Only a rejected statement of this case, of the user's tenant, is queued again; anything
    /// else is 404 and changes nothing. Audited by the store call, as for `relais dsa resend`.
    func resend(_ id: ModerationCase.ID, _ session: ConsoleSession, _ fields: FormFields, _ t: Messages) async throws -> Response {
        let tenantId = session.moderator.tenantId
        let states = try await submissions.statementSubmissions(caseId: id, tenantId: tenantId) ?? []
        guard let puid = fields.nonEmpty("puid"), states.contains(where: { $0.puid == puid && $0.status == .rejected }) else {
            return try pages.message(
                t, session, status: .notFound, t("error.statementNotFound"), [t("error.statementNotFoundDetail")],
                back: "/console/cases/\(id.rawValue)/statements")
        }
        _ = try await submissions.resendRejected(tenantId: tenantId, puid: puid, actor: session.moderator.name, now: clock.now())
        // Resent from the compliance page's list: back there.
        if fields.nonEmpty("back") == "compliance" { return ConsolePages.redirect("/console/compliance?notice=resent") }
        return ConsolePages.redirect("/console/cases/\(id.rawValue)/statements?notice=resent")
    }

    static func caseId(_ context: ConsoleRequestContext) throws -> ModerationCase.ID {
        let id = try context.parameters.require("id")
        guard id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { throw HTTPError(.notFound) }
        return ModerationCase.ID(rawValue: id)
    }

    func casePage(
        _ id: ModerationCase.ID, _ session: ConsoleSession, _ t: Messages, notice: String?, form: ConsoleDecisionForm? = nil, preset presetId: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let now = clock.now()
        guard let found = try await cases.moderationCase(id: id, tenantId: session.moderator.tenantId, now: now) else {
            return try pages.caseNotFound(t, session)
        }
        let audit = try await console.auditLog(tenantId: session.moderator.tenantId, caseId: id)
        let caseNotes = try await notes.caseNotes(caseId: id, tenantId: session.moderator.tenantId)
        let revealed = audit.contains { $0.action == ContentRevealAudit.action && $0.actor == session.moderator.name }
        let sensitive = found.reports.contains { SensitiveContent.categories.contains($0.draft.category) }
        let holdsLease = found.status == "open" && found.lease?.moderatorId == session.moderator.id
        var authorDecisions: [AuthorDecision] = []
        if let authorId = found.authorId {
            authorDecisions = try await console.authorDecisions(tenantId: session.moderator.tenantId, authorId: authorId, excludingCase: id)
        }
        let categories = Set(found.reports.map(\.draft.category)).sorted { $0.rawValue < $1.rawValue }
        let scope = ConsoleDecisionForm.scope(of: found).joined(separator: ", ")
        let tenantPresets = holdsLease ? try await presets(session.moderator.tenantId) : []
        let chosen = presetId.flatMap { id in tenantPresets.first { $0.id == id } }
        let (fitting, others) = DecisionPreset.ordered(tenantPresets, for: Set(categories))
        let link = { (preset: DecisionPreset) in ConsoleCaseView.PresetLink(id: preset.id, label: preset.label) }
        var view = ConsoleCaseView(
            page: pages.page(t, t("case.pageTitle", ["id": id.rawValue]), session, notice: notice, error: status != .ok), csrf: session.csrfToken, caseId: id.rawValue,
            status: found.status, statusLabel: t.statusLabel(found.status), isOpen: found.status == "open", subjectKind: t.subjectKind(found.facts.subjectKind.rawValue), subjectId: found.subjectId,
            authorId: found.authorId, categories: categories.map(t.consoleCategory).joined(separator: ", "),
            score: String(format: "%.1f", found.priority.score), dueAt: ConsoleFormat.moment(found.priority.target.dueAt),
            overdue: found.status == "open" && found.priority.isOverdue,
            lease: found.lease.map { .init(moderator: $0.moderatorName, expiresAt: ConsoleFormat.time($0.expiresAt)) },
            holdsLease: holdsLease, canDecide: session.moderator.role.decides, sensitive: sensitive, blurred: sensitive && !revealed,
            revealed: sensitive && revealed,
            reports: found.reports.map { r in
                .init(
                    id: r.id, receivedAt: ConsoleFormat.time(r.receivedAt), surface: r.draft.surface, category: r.draft.category.rawValue,
                    categoryLabel: t.consoleCategory(r.draft.category), ageBracket: r.draft.reporter.ageBracket.rawValue,
                    country: r.draft.reporter.country.rawValue, isTarget: r.draft.reporter.isTarget, trustedFlagger: r.draft.reporter.trustedFlagger,
                    details: r.draft.details, snapshot: r.draft.subject.text, subjectURL: r.draft.subject.url, linked: r.linkedReportId != nil,
                    weighsLess: r.lowWeightReason != nil)
            },
            decisions: found.decisions.map { ConsoleCaseView.DecisionRow($0, t) },
            hasDecisions: !found.decisions.isEmpty, repeatCount: found.repeatOffender.restrictedDecisionCount,
            repeatThreshold: found.repeatOffender.threshold,
            repeatSuggestion: Self.suggestion(found.repeatOffender.suggestion, t),
            authorDecisions: authorDecisions.map {
                .init(
                    caseId: $0.caseId.rawValue, decidedAt: ConsoleFormat.time($0.decidedAt), moderator: $0.moderatorName,
                    restrictions: t.restrictions($0.restrictions))
            },
            hasAuthorDecisions: !authorDecisions.isEmpty,
            form: holdsLease ? (form ?? chosen.map { .filled(by: $0, scope: scope, t) } ?? .blank(scope: scope, t)) : nil,
            audit: audit.reversed().map(ConsoleAuditRow.init),
            coordinated: found.priority.coordinatedReporting
                ? t("case.coordinated", ["new": String(found.facts.newReporterCount), "all": String(found.facts.distinctReporterCount)])
                : nil,
            presets: tenantPresets.isEmpty
                ? nil
                : .init(
                    fitting: fitting.map(link), others: others.map(link), hasFitting: !fitting.isEmpty, hasOthers: !others.isEmpty,
                    chosen: chosen?.label),
            notes: caseNotes.map(ConsoleCaseView.Notes.init) ?? .init(CaseNotes(tags: [], comments: [], escalation: nil)))
        view.exposure = t.exposure(try await ExposureCounter(audit: console).today(for: session.moderator, now: now))
        view.breakPrompt = try await BreakCheck(console: console, rule: breakRule).prompt(for: session.moderator, now: now).map(t.breakPrompt)
        return try pages.render("console-case", view, status: status)
    }

    static func suggestion(_ suggestion: RepeatOffenderSuggestion, _ t: Messages) -> String? {
        switch suggestion {
        case .none: nil
        case .warn: t("case.repeatWarn")
        case .suspend: t("case.repeatSuspend")
        }
    }

    /// Shows blurred content; the store records who did, in the same call.
    func reveal(_ id: ModerationCase.ID, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        guard try await console.revealContent(caseId: id, by: session.moderator, now: clock.now()) else { return try pages.caseNotFound(t, session) }
        return ConsolePages.redirect("/console/cases/\(id)?notice=revealed#content")
    }

    /// A case chosen from the queue, claimed unless someone else holds it.
    func claim(_ id: ModerationCase.ID, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        switch try await cases.claimCase(id: id, for: session.moderator, now: clock.now()) {
        case .leased, .released: return ConsolePages.redirect("/console/cases/\(id)?notice=claimed")
        case .notFound: return try pages.caseNotFound(t, session)
        case .notLeasedByCaller:
            return try pages.message(
                t, session, status: .conflict, t("error.claimRefused"), [t("error.claimRefusedDetail")], back: "/console/queue")
        }
    }

    func release(_ id: ModerationCase.ID, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        switch try await cases.releaseLease(caseId: id, by: session.moderator, now: clock.now()) {
        case .released, .leased: return ConsolePages.redirect("/console/queue?notice=released")
        case .notFound: return try pages.caseNotFound(t, session, back: nil)
        case .notLeasedByCaller: return try noLease(session, id, t)
        }
    }

    func renew(_ id: ModerationCase.ID, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        switch try await cases.renewLease(caseId: id, by: session.moderator, now: clock.now()) {
        case .released, .leased: return ConsolePages.redirect("/console/cases/\(id)?notice=renewed")
        case .notFound: return try pages.caseNotFound(t, session, back: nil)
        case .notLeasedByCaller: return try noLease(session, id, t)
        }
    }

    private func noLease(_ session: ConsoleSession, _ id: ModerationCase.ID, _ t: Messages) throws -> Response {
        try pages.message(
            t, session, status: .conflict, t("error.noCaseLease"), [t("error.noCaseLeaseDetail")],
            back: "/console/cases/\(id)")
    }

    /// The decision form goes through the API's path: the same JSON validation, then the same
    /// store call, which applies `ModerationRules` in its transaction. A refusal shows the
    /// core's reasons next to the fields, with what the moderator wrote kept.
    func decide(_ id: ModerationCase.ID, _ session: ConsoleSession, _ fields: FormFields, _ t: Messages) async throws -> Response {
        let decision: Decision
        switch Decision.validate(json: ConsoleDecisionForm.json(fields)) {
        case .success(let valid): decision = valid
        case .failure(let failure): return try await refused(id, session, fields, failure.errors, t)
        }
        switch try await cases.decide(caseId: id, decision: decision, by: session.moderator, now: clock.now()) {
        case .decided:
            guard fields["then"] == "next" else { return ConsolePages.redirect("/console/cases/\(id)?notice=decided") }
            // "Decide and next": the next case is claimed in the same request.
            guard let next = try await cases.claimNextCase(for: session.moderator, now: clock.now()) else {
                return ConsolePages.redirect("/console/queue?notice=decided-empty")
            }
            return ConsolePages.redirect("/console/cases/\(next.id)?notice=decided-next")
        case .notFound: return try pages.caseNotFound(t, session, back: nil)
        case .notLeasedByCaller: return try noLease(session, id, t)
        case .refused(let failure): return try await refused(id, session, fields, failure.errors, t)
        }
    }

    private func refused(_ id: ModerationCase.ID, _ session: ConsoleSession, _ fields: FormFields, _ errors: [FieldError], _ t: Messages) async throws
        -> Response
    {
        try await casePage(
            id, session, t, notice: t("case.refusedNotice"), form: ConsoleDecisionForm.make(fields, errors: errors, t), status: .unprocessableContent)
    }

    func statements(_ id: ModerationCase.ID, _ session: ConsoleSession, _ t: Messages, notice: String? = nil) async throws -> Response {
        guard let statements = try await cases.statements(caseId: id, tenantId: session.moderator.tenantId) else {
            return try pages.caseNotFound(t, session)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let states = try await submissions.statementSubmissions(caseId: id, tenantId: session.moderator.tenantId) ?? []
        let byPuid = Dictionary(states.map { ($0.puid, $0) }, uniquingKeysWith: { first, _ in first })
        let view = ConsoleStatementsView(
            page: pages.page(t, t("statements.pageTitle"), session, notice: notice), caseId: id.rawValue, csrf: session.csrfToken,
            canResend: ConsolePermission.comply.allows(session.moderator.role),
            statements: try statements.map {
                .init(puid: $0.puid, json: String(decoding: try encoder.encode($0), as: UTF8.self), submission: byPuid[$0.puid].map { ConsoleStatementsView.State($0, t) })
            },
            isEmpty: statements.isEmpty)
        return try pages.render("console-statements", view)
    }
}
