import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The compliance page (`/console/compliance`, admins and compliance staff): a period's
/// transparency figures, week by week as SVG charts with their tables, the help shown and
/// used, where the statements of reasons stand with the Transparency Database, and each
/// chart's figures as CSV (`/console/compliance/{notices,hours-to-action,complaints,help}.csv`).
struct ConsoleComplianceRoutes: Sendable {
    let reports: any TransparencyReportStore
    let appeals: any AppealStore
    let support: any SupportEventStore
    let submissions: any TransparencyStore
    let tenants: any TenantStore
    let clock: RelaisClock
    let pages: ConsolePages

    static let routes = ["GET /console/compliance", "GET /console/compliance/{file}"]

    func register(complying: RouterGroup<ConsoleRequestContext>) {
        complying.get("compliance") { request, context in try await page(request, context.session, context.texts) }
        complying.get("compliance/:file") { request, context in try await download(try context.parameters.require("file"), request, context.session, context.texts) }
    }

    /// The period asked for (`from`, `to`: UTC days, both included), or the default twelve
    /// weeks (this one and the eleven before); with the reason when it cannot be read (the default is shown then).
    func period(_ request: Request, _ t: Messages) -> (from: CalendarDay, to: CalendarDay, problem: String?) {
        let query = FormFields.query(of: request)
        let fallback = ComplianceFigures.defaultPeriod(today: CalendarDay(clock.now()))
        let fromText = query.nonEmpty("from"), toText = query.nonEmpty("to")
        guard fromText != nil || toText != nil else { return (fallback.from, fallback.to, nil) }
        guard let from = fromText.flatMap(CalendarDay.init), let to = toText.flatMap(CalendarDay.init) else {
            return (fallback.from, fallback.to, t("compliance.badDays"))
        }
        let days = ComplianceFigures.start(to).timeIntervalSince(ComplianceFigures.start(from)) / 86_400 + 1
        guard days >= 1, days <= Double(ComplianceFigures.longestPeriodDays) else {
            return (fallback.from, fallback.to, t("compliance.badPeriod"))
        }
        return (from, to, nil)
    }

    func figures(_ session: ConsoleSession, _ period: (from: CalendarDay, to: CalendarDay, problem: String?)) async throws -> ComplianceFigures {
        try await ComplianceFigures.load(
            tenantId: session.moderator.tenantId, from: period.from, to: period.to, reports: reports, appeals: appeals, support: support,
            submissions: submissions)
    }

    func page(_ request: Request, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        let period = period(request, t)
        let figures = try await figures(session, period)
        let resent = FormFields.query(of: request).nonEmpty("notice") == "resent"
        let notice = period.problem ?? (resent ? t("compliance.resent") : nil)
        let tenantName = try await tenants.tenant(id: session.moderator.tenantId)?.name ?? "TENANT"
        let view = ConsoleComplianceView(
            page: pages.page(t, t("compliance.pageTitle"), session, notice: notice, error: period.problem != nil), figures: figures, tenantName: tenantName, t)
        return try pages.render("console-compliance", view)
    }

    func download(_ file: String, _ request: Request, _ session: ConsoleSession, _ t: Messages) async throws -> Response {
        let period = period(request, t)
        guard period.problem == nil, file.hasSuffix(".csv") else { throw HTTPError(.notFound) }
        let name = String(file.dropLast(4))
        let figures = try await figures(session, period)
        guard let figure = figures.figures(t).first(where: { $0.file == name }) else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"relais-\(name)-\(period.from)-\(period.to).csv\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: figure.csv)))
    }
}
