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
    let breaks: BreakCheck

    func register(on signedIn: RouterGroup<ConsoleRequestContext>, deciding: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("queue") { request, context in try await queuePage(request, context.session, context.texts) }
        deciding.post("claim") { _, context in try await claim(context.moderator) }
    }

    func queuePage(_ request: Request, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        let query = FormFields.query(of: request)
        let category = query.nonEmpty("category").flatMap(ReportCategory.init(rawValue:))
        let country = query.nonEmpty("country").flatMap { CountryCode(rawValue: $0.uppercased()) }
        let overdue = query["overdue"] == "1"
        let page = max(1, min(Int(query["page"] ?? "") ?? 1, 10_000))
        let filter = QueueFilter(
            category: category?.rawValue, country: country?.rawValue, overdueOnly: overdue, offset: (page - 1) * Self.pageSize)
        // One more than a page: whether a next page exists, without counting the queue.
        let entries = try await queue.openCases(tenantId: session.moderator.tenantId, filter: filter, now: clock.now(), limit: Self.pageSize + 1)
        let rows = entries.prefix(Self.pageSize).enumerated().map { index, entry in
            ConsoleQueueView.Row(entry, position: filter.offset + index + 1, t)
        }
        var kept: [String] = []
        if let category { kept.append("category=\(category.rawValue)") }
        if let country { kept.append("country=\(country.rawValue)") }
        if overdue { kept.append("overdue=1") }
        let link = { (number: Int) in "/console/queue?" + (kept + ["page=\(number)"]).joined(separator: "&") }
        var view = ConsoleQueueView(
            page: pages.page(t, t("queue.pageTitle"), session, notice: ConsolePages.notice(request, t)), csrf: session.csrfToken,
            decides: session.moderator.role.decides,
            categories: ReportCategory.allCases.map { ConsoleOption(value: $0.rawValue, label: t.consoleCategory($0), selected: $0 == category) },
            country: country?.rawValue ?? "", overdueOnly: overdue, filtered: category != nil || country != nil || overdue, rows: Array(rows),
            isEmpty: rows.isEmpty, pageLabel: t.queuePage(page), previousPage: page > 1 ? link(page - 1) : nil,
            nextPage: entries.count > Self.pageSize ? link(page + 1) : nil)
        view.exposure = t.exposure(try await ExposureCounter(audit: queue).today(for: session.moderator, now: clock.now()))
        view.breakPrompt = try await breaks.prompt(for: session.moderator, now: clock.now()).map(t.breakPrompt)
        return try pages.render("console-queue", view)
    }

    static let pageSize = 50

    func claim(_ moderator: Moderator) async throws -> Response {
        guard let claimed = try await cases.claimNextCase(for: moderator, now: clock.now()) else {
            return ConsolePages.redirect("/console/queue?notice=empty")
        }
        return ConsolePages.redirect("/console/cases/\(claimed.id)")
    }
}
