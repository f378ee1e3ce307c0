import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The pile-ons of the moderator's tenant: the list, and one pile-on's page showing the
/// attack as a whole (timeline, authors, contents, each linked case), from which a moderator
/// decides several of its open cases at once with a policy preset: each case is claimed and
/// decided on its own, with its own decision and statement of reasons, exactly as from its
/// page. Content in a sensitive category stays blurred here; it is shown on its case's page,
/// where showing it is recorded (`ConsoleStore.revealContent`).
struct ConsolePileOnRoutes: Sendable {
    let pileOns: any PileOnStore
    let cases: any ModerationStore
    let presets: TenantPresets
    let clock: RelaisClock
    let pages: ConsolePages

    static let routes = ["GET /console/pile-ons", "GET /console/pile-ons/{id}", "POST /console/pile-ons/{id}/decide", "POST /console/pile-ons/{id}/close"]

    func register(on signedIn: RouterGroup<ConsoleRequestContext>, deciding: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("pile-ons") { request, context in
            try await list(context.session, context.texts, closed: FormFields.query(of: request)["status"] == PileOn.closed)
        }
        signedIn.get("pile-ons/:id") { request, context in
            try await page(try Self.id(context), context.session, context.texts, notice: Self.notice(FormFields.query(of: request), context.texts))
        }
        deciding.post("pile-ons/:id/decide") { _, context in try await decideSelected(try Self.id(context), context.session, context.form, context.texts) }
        deciding.post("pile-ons/:id/close") { _, context in try await close(try Self.id(context), context.session, context.form, context.texts) }
    }

    static func id(_ context: ConsoleRequestContext) throws -> PileOn.ID {
        let id = try context.parameters.require("id")
        guard id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { throw HTTPError(.notFound) }
        return PileOn.ID(rawValue: id)
    }

    /// The outcome of a multi-decision, carried by the redirect as counts (no ids in the URL).
    static func notice(_ query: FormFields, _ t: Messages) -> String? {
        if query["closed"] == "1" { return t("notice.pile-on-closed") }
        guard let decided = query.nonEmpty("decided").flatMap(Int.init) else { return nil }
        let skipped = query.nonEmpty("skipped").flatMap(Int.init) ?? 0
        return t.plural("pileOnDecided.decided", count: decided) + (skipped > 0 ? " " + t.plural("pileOnDecided.skipped", count: skipped) : "")
    }

    /// Claims and decides each ticked open case of the pile-on with the chosen preset; the
    /// case's own scope when the preset sets none. A case another moderator holds, or that
    /// the rules refuse, is left as it was (its lease given back) and counted as skipped.
    func decideSelected(_ id: PileOn.ID, _ session: ConsoleSession, _ fields: FormFields, _ t: Messages) async throws -> Response {
        let moderator = session.moderator
        guard let found = try await pileOns.pileOn(id: id, tenantId: moderator.tenantId) else {
            return try pages.message(t, session, status: .notFound, t("error.pileOnNotFound"), [t("error.pileOnNotFoundDetail")], back: "/console/pile-ons")
        }
        let chosen = found.cases.filter { $0.status == "open" && fields["case-\($0.caseId.rawValue)"] != nil }
        let available = try await presets(moderator.tenantId)
        guard let preset = available.first(where: { $0.id == fields.nonEmpty("preset") }), !chosen.isEmpty else {
            return try await page(
                id, session, t, notice: t(chosen.isEmpty ? "pileOnDecided.noCase" : "pileOnDecided.noPreset"), status: .unprocessableContent)
        }
        var decided = 0, skipped = 0
        for linked in chosen {
            let now = clock.now()
            guard case .leased(let held) = try await cases.claimCase(id: linked.caseId, for: moderator, now: now) else {
                skipped += 1
                continue
            }
            var body = preset.body
            if !preset.setsScope { body["territorialScope"] = ConsoleDecisionForm.scope(of: held) }
            guard case .success(let decision) = Decision.validate(json: body),
                case .decided = try await cases.decide(caseId: linked.caseId, decision: decision, by: moderator, now: now)
            else {
                _ = try await cases.releaseLease(caseId: linked.caseId, by: moderator, now: now)
                skipped += 1
                continue
            }
            decided += 1
        }
        return ConsolePages.redirect("/console/pile-ons/\(id.rawValue)?decided=\(decided)&skipped=\(skipped)")
    }

    /// Closes the pile-on with the moderator's reason (required); its cases stay as they are.
    func close(_ id: PileOn.ID, _ session: ConsoleSession, _ fields: FormFields, _ t: Messages) async throws -> Response {
        switch CaseNoteRules.closingReason(fields["reason"] ?? "") {
        case .failure:
            return try await page(
                id, session, t, notice: t("pileOnDecided.notClosed", ["limit": String(CaseNoteRules.Limits.closingReasonLength)]), status: .unprocessableContent)
        case .success(let reason):
            switch try await pileOns.closePileOn(id: id, by: session.moderator, reason: reason, now: clock.now()) {
            case .closed, .alreadyClosed: return ConsolePages.redirect("/console/pile-ons/\(id.rawValue)?closed=1")
            case .notFound:
                return try pages.message(t, session, status: .notFound, t("error.pileOnNotFound"), [t("error.pileOnNotFoundDetail")], back: "/console/pile-ons")
            }
        }
    }

    func list(_ session: ConsoleSession, _ t: Messages, closed: Bool) async throws -> Response {
        let found = try await pileOns.pileOns(tenantId: session.moderator.tenantId, status: closed ? PileOn.closed : PileOn.open, limit: 200, offset: 0)
        return try pages.render(
            "console-pile-ons", ConsolePileOnListView(page: pages.page(t, t(closed ? "pileOns.closedTitle" : "pileOns.title"), session), pileOns: found, closed: closed))
    }

    func page(_ id: PileOn.ID, _ session: ConsoleSession, _ t: Messages, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        guard let found = try await pileOns.pileOn(id: id, tenantId: session.moderator.tenantId) else {
            return try pages.message(t, session, status: .notFound, t("error.pileOnNotFound"), [t("error.pileOnNotFoundDetail")], back: "/console/pile-ons")
        }
        var view = ConsolePileOnView(
            page: pages.page(t, t("pileOn.pageTitle", ["target": found.pileOn.targetId]), session, notice: notice, error: status != .ok), found, t)
        if session.moderator.role.decides {
            let categories = Set(found.cases.flatMap { $0.reports.map(\.category) })
            let ordered = DecisionPreset.ordered(try await presets(session.moderator.tenantId), for: categories)
            view.presets = (ordered.fitting + ordered.others).map { ConsoleOption(value: $0.id, label: $0.label, selected: false) }
            view.decides = found.pileOn.isOpen && !view.presets.isEmpty && view.cases.contains(where: \.isOpen)
            view.closes = found.pileOn.isOpen
            view.csrf = session.csrfToken
        }
        return try pages.render("console-pile-on", view, status: status)
    }
}

struct ConsolePileOnListView: Sendable {
    var page: ConsolePage
    var rows: [Row]
    var hasRows: Bool
    /// The closed ones are listed (`?status=closed`), not the open ones.
    var closed: Bool

    struct Row: Sendable {
        var id: String
        var targetId: String
        var authorCount: Int
        var caseCount: Int
        var firstReportAt: String
        var lastReportAt: String
    }

    init(page: ConsolePage, pileOns: [PileOn], closed: Bool) {
        self.page = page
        self.closed = closed
        rows = pileOns.map {
            Row(
                id: $0.id.rawValue, targetId: $0.targetId, authorCount: $0.authorCount, caseCount: $0.caseCount,
                firstReportAt: ConsoleFormat.time($0.firstReportAt), lastReportAt: ConsoleFormat.time($0.lastReportAt))
        }
        hasRows = !rows.isEmpty
    }
}

/// One pile-on: the timeline of its reports (oldest first), its authors, and its cases.
struct ConsolePileOnView: Sendable {
    var page: ConsolePage
    var id: String
    var targetId: String
    var authorCount: Int
    var caseCount: Int
    var firstReportAt: String
    var lastReportAt: String
    var openedAt: String
    var isOpen: Bool
    var status: String
    var statusLabel: String
    /// Who closed it, when and why (nil while open).
    var closing: Closing?
    var authors: [String]
    var timeline: [Entry]
    var cases: [CaseRow]
    var hasSensitive: Bool

    struct Entry: Sendable {
        var at: String
        var authorId: String?
        var categoryLabel: String
        var caseId: String
        var snapshot: String?
        var blurred: Bool
    }

    struct CaseRow: Sendable {
        var caseId: String
        var status: String
        var statusLabel: String
        var subjectKind: String
        var subjectId: String
        var authorId: String?
        var reportCount: Int
        var linkedAt: String
        var isOpen: Bool
    }

    /// The presets a moderator may decide ticked cases with (fitting ones first), and the form's token.
    var presets: [ConsoleOption] = []
    var decides = false
    /// The moderator may close it (it is open and their role decides).
    var closes = false
    var csrf = ""

    struct Closing: Sendable {
        var at: String
        var by: String
        var reason: String
    }

    init(page: ConsolePage, _ t: PileOnTimeline, _ texts: Messages) {
        self.page = page
        id = t.pileOn.id.rawValue
        targetId = t.pileOn.targetId
        authorCount = t.pileOn.authorCount
        caseCount = t.cases.count
        firstReportAt = ConsoleFormat.time(t.pileOn.firstReportAt)
        lastReportAt = ConsoleFormat.time(t.pileOn.lastReportAt)
        openedAt = ConsoleFormat.time(t.pileOn.openedAt)
        isOpen = t.pileOn.isOpen
        status = t.pileOn.status
        statusLabel = texts.statusLabel(t.pileOn.status)
        closing = t.pileOn.closedAt.map {
            Closing(at: ConsoleFormat.time($0), by: t.pileOn.closedBy ?? "", reason: t.pileOn.closingReason ?? "")
        }
        var authors: [String] = []
        for c in t.cases { if let a = c.authorId, !authors.contains(a) { authors.append(a) } }
        self.authors = authors
        timeline = t.cases.flatMap { c in
            // A case with a report in a sensitive category is blurred whole, as on its page.
            let sensitive = c.reports.contains { SensitiveContent.categories.contains($0.category) }
            return c.reports.map { r in
                (r.receivedAt, Entry(
                    at: ConsoleFormat.time(r.receivedAt), authorId: r.authorId ?? c.authorId, categoryLabel: texts.consoleCategory(r.category),
                    caseId: c.caseId.rawValue, snapshot: r.text, blurred: sensitive))
            }
        }
        .sorted { $0.0 < $1.0 }.map(\.1)
        cases = t.cases.map {
            CaseRow(
                caseId: $0.caseId.rawValue, status: $0.status, statusLabel: texts.statusLabel($0.status), subjectKind: texts.subjectKind($0.subjectKind), subjectId: $0.subjectId, authorId: $0.authorId,
                reportCount: $0.reports.count, linkedAt: ConsoleFormat.time($0.linkedAt), isOpen: $0.status == "open")
        }
        hasSensitive = timeline.contains(where: \.blurred)
    }
}
