import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The queue page (open cases in priority order, with filters) and "claim the next case".
struct ConsoleQueueRoutes: Sendable {
    let queue: any ConsoleStore
    let cases: any ModerationStore
    let clock: RelaisClock
    let pages: ConsolePages

    func register(on signedIn: RouterGroup<ConsoleRequestContext>, deciding: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("queue") { request, context in try await queuePage(request, context.session) }
        deciding.post("claim") { _, context in try await claim(context.moderator) }
    }

    func queuePage(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let query = FormFields.query(of: request)
        let category = query.nonEmpty("category").flatMap(ReportCategory.init(rawValue:))
        let country = query.nonEmpty("country").flatMap { CountryCode(rawValue: $0.uppercased()) }
        let overdue = query["overdue"] == "1"
        let entries = try await queue.openCases(
            tenantId: session.moderator.tenantId, filter: QueueFilter(category: category?.rawValue, country: country?.rawValue, overdueOnly: overdue),
            now: clock.now(), limit: 200)
        let rows = entries.enumerated().map { index, entry in
            ConsoleQueueView.Row(
                caseId: entry.caseId.rawValue, position: index + 1, subjectKind: entry.subjectKind,
                categories: entry.categories.map { ReportCategory(rawValue: $0)?.summary ?? $0 }.joined(separator: ", "),
                countries: entry.countries.joined(separator: ", "), reportCount: entry.reportCount, score: String(format: "%.1f", entry.score),
                dueAt: ConsoleFormat.time(entry.dueAt), overdue: entry.overdue, leasedBy: entry.leasedBy)
        }
        let view = ConsoleQueueView(
            page: pages.page("Queue", session, notice: ConsolePages.notice(request)), csrf: session.csrfToken,
            decides: session.moderator.role.decides,
            categories: ReportCategory.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.summary, selected: $0 == category) },
            country: country?.rawValue ?? "", overdueOnly: overdue, filtered: category != nil || country != nil || overdue, rows: rows,
            isEmpty: rows.isEmpty)
        return try pages.render("console-queue", view)
    }

    func claim(_ moderator: Moderator) async throws -> Response {
        guard let claimed = try await cases.claimNextCase(for: moderator, now: clock.now()) else {
            return ConsolePages.redirect("/console/queue?notice=empty")
        }
        return ConsolePages.redirect("/console/cases/\(claimed.id)")
    }
}
