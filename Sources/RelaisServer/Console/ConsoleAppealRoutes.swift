import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// Complaints in the console: the list, "claim the next appeal", and one appeal shown beside
/// the decision under review, its statement of reasons and the case's reports, with the
/// review form. The form goes through the API's path: `AppealResolution.validate` against the
/// decision under review, then `AppealStore.decideAppeal`, whose transaction refuses a
/// reviewer who took the decision and applies `ModerationRules` to any replacing decision.
struct ConsoleAppealRoutes: Sendable {
    let appeals: any AppealStore
    let tenants: any TenantStore
    let outOfCourt: @Sendable (Tenant) -> OutOfCourtBody?
    let clock: RelaisClock
    let pages: ConsolePages

    static let routes = [
        "GET /console/appeals", "POST /console/appeals/claim", "GET /console/appeals/{id}", "POST /console/appeals/{id}/release",
        "POST /console/appeals/{id}/decide",
    ]

    func register(on signedIn: RouterGroup<ConsoleRequestContext>, deciding: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("appeals") { request, context in try await list(request, context.session, context.texts) }
        deciding.post("appeals/claim") { _, context in try await claim(context.moderator) }
        signedIn.get("appeals/:id") { request, context in
            try await appealPage(try Self.appealId(context), context.session, context.texts, notice: ConsolePages.notice(request, context.texts))
        }
        deciding.post("appeals/:id/release") { _, context in try await release(try Self.appealId(context), context.session, context.texts) }
        deciding.post("appeals/:id/decide") { _, context in try await decide(try Self.appealId(context), context.session, context.form, context.texts) }
    }

    static func appealId(_ context: ConsoleRequestContext) throws -> Appeal.ID {
        let id = try context.parameters.require("id")
        guard id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { throw HTTPError(.notFound) }
        return Appeal.ID(rawValue: id)
    }

    func list(_ request: Request, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        let now = clock.now(), tenantId = session.moderator.tenantId
        func row(_ a: Appeal) -> ConsoleAppealsView.Row {
            .init(
                id: a.id.rawValue, caseId: a.caseId.rawValue, party: t("appealParty.\(a.party.rawValue)"), receivedAt: ConsoleFormat.time(a.receivedAt),
                dueAt: ConsoleFormat.moment(a.dueAt), overdue: a.status == "open" && now > a.dueAt, outcome: a.review.map { t.statusLabel($0.outcome.rawValue) },
                leasedBy: a.lease?.moderatorName)
        }
        // Due first, as the queue hands them out.
        let open = try await appeals.appeals(tenantId: tenantId, status: "open", limit: 200, now: now).sorted { ($0.dueAt, $0.id.rawValue) < ($1.dueAt, $1.id.rawValue) }
        let decided = try await appeals.appeals(tenantId: tenantId, status: "decided", limit: 50, now: now)
        let view = ConsoleAppealsView(
            page: pages.page(t, t("appeals.pageTitle"), session, notice: ConsolePages.notice(request, t)), csrf: session.csrfToken,
            decides: session.moderator.role.decides, open: open.map(row), decided: decided.map(row), hasOpen: !open.isEmpty,
            hasDecided: !decided.isEmpty)
        return try pages.render("console-appeals", view)
    }

    func claim(_ moderator: Moderator) async throws -> Response {
        guard let claimed = try await appeals.claimNextAppeal(for: moderator, now: clock.now()) else {
            return ConsolePages.redirect("/console/appeals?notice=no-appeal")
        }
        return ConsolePages.redirect("/console/appeals/\(claimed.appeal.id.rawValue)")
    }

    func appealPage(
        _ id: Appeal.ID, _ session: ConsoleSession, _ t: Messages, notice: String?, fields: FormFields? = nil, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let now = clock.now()
        guard let review = try await appeals.appealReview(id: id, tenantId: session.moderator.tenantId, now: now) else {
            return try pages.message(t, session, status: .notFound, t("error.appealNotFound"), [t("error.appealNotFoundDetail")], back: "/console/appeals")
        }
        let a = review.appeal, d = review.decision
        let holdsLease = a.status == "open" && a.lease?.moderatorId == session.moderator.id
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var form: ConsoleAppealView.Form?
        if holdsLease {
            let fields = fields ?? FormFields(["territorialScope": d.decision.territorialScope.map(\.rawValue).joined(separator: ", ")])
            let chosen = fields["outcome"] ?? ""
            form = .init(
                outcomes: [
                    ConsoleOption(value: "upheld", label: t("appealOutcome.upheld"), selected: chosen == "upheld"),
                    ConsoleOption(
                        value: "reversed",
                        label: t(d.decision.isNoAction ? "appealOutcome.reversedRestrict" : "appealOutcome.reversedLift"),
                        selected: chosen == "reversed"),
                    ConsoleOption(value: "modified", label: t("appealOutcome.modified"), selected: chosen == "modified"),
                    ConsoleOption(
                        value: "rejected_inadmissible", label: t("appealOutcome.rejectedInadmissible"), selected: chosen == "rejected_inadmissible"),
                ],
                textForAppellant: fields["textForAppellant"] ?? "", reason: fields["reason"] ?? "", internalNote: fields["internalNote"] ?? "",
                replacement: ConsoleDecisionForm.make(
                    fields, errors: errors.filter { $0.field.hasPrefix("decision.") }.map { FieldError(String($0.field.dropFirst(9)), $0.message) }, t),
                replacementNeeded: t(d.decision.isNoAction ? "appealOutcome.neededForBoth" : "appealOutcome.neededForModified"),
                errors: errors.map { "\($0.field): \($0.message)" }, hasErrors: !errors.isEmpty)
        }
        let view = ConsoleAppealView(
            page: pages.page(t, t("appeal.pageTitle", ["id": a.id.rawValue]), session, notice: notice, error: status != .ok), csrf: session.csrfToken,
            appealId: a.id.rawValue, caseId: a.caseId.rawValue, party: t(a.party == .author ? "appealParty.theAuthor" : "appealParty.aReporter"), status: t.statusLabel(a.status),
            receivedAt: ConsoleFormat.time(a.receivedAt), dueAt: ConsoleFormat.moment(a.dueAt), overdue: a.status == "open" && now > a.dueAt,
            explanation: a.explanation, lease: a.lease.map { .init(moderator: $0.moderatorName, expiresAt: ConsoleFormat.time($0.expiresAt)) },
            holdsLease: holdsLease,
            original: ConsoleCaseView.DecisionRow(d, t),
            statementJSON: try d.statement.map { String(decoding: try encoder.encode($0), as: UTF8.self) },
            reports: review.moderationCase.reports.map {
                .init(
                    receivedAt: ConsoleFormat.time($0.receivedAt), categoryLabel: t.consoleCategory($0.draft.category), country: $0.draft.reporter.country.rawValue,
                    isTarget: $0.draft.reporter.isTarget, details: $0.draft.details)
            },
            review: a.review.map {
                .init(
                    outcome: t.statusLabel($0.outcome.rawValue), reviewer: $0.reviewerName, decidedAt: ConsoleFormat.time($0.decidedAt),
                    textForAppellant: $0.textForAppellant, reason: $0.reason, internalNote: $0.internalNote, newDecisionId: $0.newDecisionId)
            },
            form: form)
        return try pages.render("console-appeal", view, status: status)
    }

    func release(_ id: Appeal.ID, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        switch try await appeals.releaseAppealLease(id: id, by: session.moderator, now: clock.now()) {
        case .released, .leased: return ConsolePages.redirect("/console/appeals?notice=appeal-released")
        case .notFound: return try pages.message(t, session, status: .notFound, t("error.appealNotFound"), [t("error.appealNotFoundDetail")])
        case .notLeasedByCaller: return try noLease(session, id, t)
        }
    }

    func decide(_ id: Appeal.ID, _ session: ConsoleSession, _ fields: FormFields, _ t: Messages) async throws -> Response {
        let now = clock.now()
        guard let review = try await appeals.appealReview(id: id, tenantId: session.moderator.tenantId, now: now) else {
            return try pages.message(t, session, status: .notFound, t("error.appealNotFound"), [t("error.appealNotFoundDetail")])
        }
        let original = review.decision.decision
        let outcome = fields["outcome"] ?? ""
        var body: [String: Any] = ["outcome": outcome, "textForAppellant": fields["textForAppellant"] ?? ""]
        for name in ["reason", "internalNote"] { if let value = fields.nonEmpty(name) { body[name] = value } }
        if outcome == "modified" || (outcome == "reversed" && original.isNoAction) {
            var decision = ConsoleDecisionForm.json(fields)
            // The appeal's own internal note is the reviewer's; the replacing decision keeps none of the earlier notes.
            decision["internalNote"] = nil
            decision["noteForReporter"] = nil
            body["decision"] = decision
        }
        let resolution: AppealResolution
        switch AppealResolution.validate(json: body, reviewing: original) {
        case .success(let valid): resolution = valid
        case .failure(let failure): return try await refused(id, session, fields, failure.errors, t)
        }
        let tenant = try await tenants.tenant(id: session.moderator.tenantId)
        switch try await appeals.decideAppeal(id: id, resolution, by: session.moderator, outOfCourt: tenant.flatMap(outOfCourt), now: now) {
        case .decided: return ConsolePages.redirect("/console/appeals/\(id.rawValue)?notice=appeal-decided")
        case .notFound: return try pages.message(t, session, status: .notFound, t("error.appealNotFound"), [t("error.appealNotFoundDetail")])
        case .notLeasedByCaller: return try noLease(session, id, t)
        case .reviewerDecidedOriginal:
            return try pages.message(
                t, session, status: .forbidden, t("error.ownDecision"), [t("error.ownDecisionDetail")],
                back: "/console/appeals/\(id.rawValue)")
        case .refused(let failure): return try await refused(id, session, fields, failure.errors, t)
        }
    }

    private func refused(_ id: Appeal.ID, _ session: ConsoleSession, _ fields: FormFields, _ errors: [FieldError], _ t: Messages) async throws
        -> Response
    {
        try await appealPage(id, session, t, notice: t("appeal.reviewRefused"), fields: fields, errors: errors, status: .unprocessableContent)
    }

    private func noLease(_ session: ConsoleSession, _ id: Appeal.ID, _ t: Messages) throws -> Response {
        try pages.message(
            t, session, status: .conflict, t("error.noAppealLease"), [t("error.noAppealLeaseDetail")],
            back: "/console/appeals/\(id.rawValue)")
    }
}
