import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The tenant's audit log, newest first, filtered by actor, action, case and period (UTC
/// days), a page at a time (keyset paging on the entry number, stable while entries arrive).
struct ConsoleAuditRoutes: Sendable {
    let audit: any ConsoleStore
    let pages: ConsolePages

    static let pageSize = 100

    func register(on signedIn: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("audit") { request, context in try await auditPage(request, context.session, context.texts) }
    }

    func auditPage(_ request: Request, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        let query = FormFields.query(of: request)
        let actor = query.nonEmpty("actor"), action = query.nonEmpty("action"), caseText = query.nonEmpty("case")
        let fromText = query.nonEmpty("from"), untilText = query.nonEmpty("until")
        let fromDay = fromText.flatMap(CalendarDay.init), untilDay = untilText.flatMap(CalendarDay.init)
        let badPeriod = (fromText != nil && fromDay == nil) || (untilText != nil && untilDay == nil)
        let filter = AuditFilter(
            actor: actor, action: action, caseId: caseText.map(ModerationCase.ID.init(rawValue:)), from: fromDay.flatMap(Self.start),
            // `until` names the last day shown: entries before the next day's start.
            until: untilDay.flatMap(Self.start).map { $0.addingTimeInterval(86_400) },
            beforeSeq: query.nonEmpty("before").flatMap { Int64($0) })
        let entries = try await audit.auditEntries(tenantId: session.moderator.tenantId, filter: filter, limit: Self.pageSize + 1)
        let shown = Array(entries.prefix(Self.pageSize))
        var kept: [String] = []
        for (name, value) in [("actor", actor), ("action", action), ("case", caseText), ("from", fromText), ("until", untilText)] {
            if let value { kept.append(name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
        }
        let next = entries.count > Self.pageSize ? shown.last.map { "/console/audit?" + (kept + ["before=\($0.seq)"]).joined(separator: "&") } : nil
        let view = ConsoleAuditView(
            page: pages.page(t, t("audit.pageTitle"), session, notice: badPeriod ? t("audit.badPeriod") : nil, error: badPeriod),
            rows: shown.map(ConsoleAuditRow.init), actor: actor ?? "", action: action ?? "", caseFilter: caseText ?? "", from: fromText ?? "",
            until: untilText ?? "", filtered: !kept.isEmpty, nextPage: next, isEmpty: shown.isEmpty)
        return try pages.render("console-audit", view)
    }

    static func start(of day: CalendarDay) -> Date? { Timestamp.parse("\(day)T00:00:00Z") }
}
