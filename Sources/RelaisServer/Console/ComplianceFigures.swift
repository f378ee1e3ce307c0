import Foundation
import RelaisCore
import RelaisStore

/// What the console's compliance page shows for one tenant and period: the transparency
/// report's figures (the same `TransparencyFigures` the report files are written from, so the
/// page and the files never disagree), week by week for the charts, the help shown and used,
/// and where the statements of reasons stand with the Transparency Database.
///
/// Weeks run Monday to Sunday (UTC), the first and last cut to the period. The period's
/// figures are the weeks' tallies added up: the weeks partition the period and every tally is
/// a count, so one set of queries serves both.
struct ComplianceFigures: Sendable {
    struct Week: Sendable {
        var first: CalendarDay
        var figures: TransparencyFigures
        var help: HelpFigures.Row
    }

    var from: CalendarDay
    var to: CalendarDay
    var weeks: [Week]
    var total: TransparencyFigures
    var help: HelpFigures
    var submissions: TransparencyCounts
    var rejected: [TransparencySubmission]

    /// The longest period the page draws (a year and a day, for a leap year's report).
    static let longestPeriodDays = 366

    /// The default period: twelve weeks, the current one (to `today`) and the eleven before it, from a Monday.
    static func defaultPeriod(today: CalendarDay) -> (from: CalendarDay, to: CalendarDay) {
        let end = Self.start(today)
        let weekday = (Calendar.utc.component(.weekday, from: end) + 5) % 7  // Monday 0 … Sunday 6
        return (CalendarDay(end.addingTimeInterval(-Double(weekday + 11 * 7) * 86_400)), today)
    }

    /// Midnight UTC at the start of `day`.
    static func start(_ day: CalendarDay) -> Date {
        Calendar.utc.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// The weeks of `from…to` as `[start, end)` instants, Monday to Monday, cut to the period.
    static func weeks(from: CalendarDay, to: CalendarDay) -> [(first: CalendarDay, start: Date, end: Date)] {
        let periodEnd = start(to).addingTimeInterval(86_400)
        var weeks: [(CalendarDay, Date, Date)] = []
        var cursor = start(from)
        while cursor < periodEnd {
            let weekday = (Calendar.utc.component(.weekday, from: cursor) + 5) % 7
            let next = min(cursor.addingTimeInterval(Double(7 - weekday) * 86_400), periodEnd)
            weeks.append((CalendarDay(cursor), cursor, next))
            cursor = next
        }
        return weeks
    }

    /// Loads the figures: one notice count per week, the complaints and help counts once.
    static func load(
        tenantId: Tenant.ID, from: CalendarDay, to: CalendarDay, reports: any TransparencyReportStore, appeals: any AppealStore,
        support: any SupportEventStore, submissions: any TransparencyStore
    ) async throws -> ComplianceFigures {
        let spans = weeks(from: from, to: to)
        let periodStart = start(from), periodEnd = start(to).addingTimeInterval(86_400)
        let complaints = try await appeals.appealEntries(tenantId: tenantId, from: periodStart, to: periodEnd)
        let counts = try await support.supportEventCounts(tenantId: tenantId)
        let none = TransparencyFigures.Measures(restrictive: 0, solelyAutomated: 0)
        var weeks: [Week] = [], allTallies: [NoticeTally] = []
        for span in spans {
            let tallies = try await reports.noticeTallies(tenantId: tenantId, from: span.start, to: span.end)
            allTallies += tallies
            let inWeek = complaints.filter { $0.receivedAt >= span.start && $0.receivedAt < span.end }
            let lastDay = CalendarDay(span.end.addingTimeInterval(-86_400))
            weeks.append(Week(
                first: span.first,
                // The weekly charts read notices, their times and complaints; the decisions' own
                // count is the period's only (`measureCounts` below).
                figures: TransparencyFigures(notices: tallies, measures: none, appeals: inWeek),
                help: HelpFigures.tally(counts, from: span.first, to: lastDay).total))
        }
        let measures = try await reports.measureCounts(tenantId: tenantId, from: periodStart, to: periodEnd)
        return ComplianceFigures(
            from: from, to: to, weeks: weeks, total: TransparencyFigures(notices: allTallies, measures: measures, appeals: complaints),
            help: HelpFigures.tally(counts, from: from, to: to), submissions: try await submissions.transparencyCounts(tenantId: tenantId),
            rejected: try await submissions.rejectedStatements(tenantId: tenantId, limit: 50))
    }

    /// "5 Oct", "5 oct.": a week's start, short enough for an axis, in the reader's language.
    static func label(_ day: CalendarDay, _ t: Messages) -> String {
        let formatter = DateFormatter()
        formatter.locale = t.locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.setLocalizedDateFormatFromTemplate("dMMM")
        return formatter.string(from: start(day))
    }

    /// `STATEMENT_CATEGORY_CYBER_VIOLENCE` → "Cyber violence" (`dsaCategory.NAME` in the
    /// console's catalogue; a category the catalogue does not name is written out from its code).
    static func categoryName(_ category: String, _ t: Messages) -> String {
        if let known = t.ifKnown("dsaCategory." + category) { return known }
        let words = category.replacingOccurrences(of: "STATEMENT_CATEGORY_", with: "").replacingOccurrences(of: "_", with: " ").lowercased()
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The categories drawn apart (the six with the most notices in the period, then by
    /// name); the others are summed as one.
    var chartedCategories: [String] {
        Array(total.byCategory.sorted { ($1.value.notices, $0.key) < ($0.value.notices, $1.key) }.prefix(6).map(\.key))
    }

    /// "12.5 h", "12,5 h".
    static func hours(_ value: Double, _ t: Messages) -> String {
        t("compliance.hours", ["value": value.formatted(.number.precision(.fractionLength(1)).grouping(.never).locale(t.locale))])
    }

    // MARK: The charts and their tables

    /// One chart with the rows of its table and its CSV: the same numbers three ways.
    struct Figure: Sendable {
        var file: String
        var chart: ComplianceChart
        var columns: [String]
        var rows: [[String]]

        /// The table's first column, the week's first day.
        var weekColumn: String

        var csv: String { ([[weekColumn] + columns] + rows).map(CSVRecords.line).joined() }
    }

    /// The charts in the reader's language (their CSV files too: a table and its file agree).
    func figures(_ t: Messages) -> [Figure] { [noticesFigure(t), hoursFigure(t), appealsFigure(t), helpFigure(t)] }

    private func labels(_ t: Messages) -> [String] { weeks.map { Self.label($0.first, t) } }

    func noticesFigure(_ t: Messages) -> Figure {
        let charted = chartedCategories
        let hasOther = total.byCategory.keys.contains { !charted.contains($0) }
        var series = charted.map { category in
            ComplianceChart.Series(name: Self.categoryName(category, t), values: weeks.map { Double($0.figures.byCategory[category]?.notices ?? 0) })
        }
        if hasOther {
            series.append(ComplianceChart.Series(name: t("compliance.chart.otherCategories"), values: weeks.map { week in
                Double(week.figures.byCategory.filter { !charted.contains($0.key) }.values.map(\.notices).reduce(0, +))
            }))
        }
        let busiest = weeks.max { $0.figures.total.notices < $1.figures.total.notices }
        let counted = t("compliance.chart.noticesSummary", ["notices": String(total.total.notices), "weeks": String(weeks.count)])
        let summary =
            busiest.flatMap { $0.figures.total.notices > 0 ? $0 : nil }.map {
                t("compliance.chart.noticesBusiest", ["counted": counted, "week": "\($0.first)", "count": String($0.figures.total.notices)])
            } ?? counted + "."
        return Figure(
            file: "notices", chart: ComplianceChart(id: "chart-notices", title: t("compliance.chart.noticesTitle"), summary: summary,
                labels: labels(t), series: series, stacked: true),
            columns: series.map(\.name) + [t("compliance.chart.allNotices")],
            rows: weeks.enumerated().map { index, week in
                ["\(week.first)"] + series.map { String(Int($0.values[index] ?? 0)) } + [String(week.figures.total.notices)]
            }, weekColumn: t("compliance.chart.weekStarting"))
    }

    func hoursFigure(_ t: Messages) -> Figure {
        let median = total.total.hoursToAction.median
        let summary = median.map { t("compliance.chart.hoursSummary", ["hours": Self.hours($0, t)]) } ?? t("compliance.chart.hoursNone")
        return Figure(
            file: "hours-to-action",
            chart: ComplianceChart(
                id: "chart-hours", title: t("compliance.chart.hoursTitle"), summary: summary, labels: labels(t),
                series: [ComplianceChart.Series(name: t("compliance.chart.medianHours"), values: weeks.map { $0.figures.total.hoursToAction.median })],
                stacked: false, format: { Self.hours($0, t) }, counts: false),
            columns: [t("compliance.chart.actedOn"), t("compliance.chart.medianHoursLong")],
            rows: weeks.map { week in
                let acted = week.figures.total.actionsOnLaw + week.figures.total.actionsOnTerms
                return ["\(week.first)", String(acted), week.figures.total.hoursToAction.median.map { String(format: "%.2f", $0) } ?? ""]
            }, weekColumn: t("compliance.chart.weekStarting"))
    }

    func appealsFigure(_ t: Messages) -> Figure {
        let summary = t(
            "compliance.chart.complaintsSummary",
            ["received": String(total.appeals.total.received), "decided": String(total.appeals.total.decided), "reversed": String(total.appeals.reversals)])
        return Figure(
            file: "complaints",
            chart: ComplianceChart(
                id: "chart-appeals", title: t("compliance.chart.complaintsTitle"), summary: summary, labels: labels(t),
                series: [
                    ComplianceChart.Series(name: t("compliance.chart.complaintsReceived"), values: weeks.map { Double($0.figures.appeals.total.received) }),
                    ComplianceChart.Series(name: t("compliance.chart.reversed"), values: weeks.map { Double($0.figures.appeals.reversals) }),
                ], stacked: false),
            columns: [t("compliance.chart.complaintsReceived"), t("compliance.chart.complaintsDecided"), t("compliance.chart.reversed")],
            rows: weeks.map { week in
                ["\(week.first)", String(week.figures.appeals.total.received), String(week.figures.appeals.total.decided), String(week.figures.appeals.reversals)]
            }, weekColumn: t("compliance.chart.weekStarting"))
    }

    func helpFigure(_ t: Messages) -> Figure {
        let used = help.total.calls + help.total.chats + help.total.links
        let summary = t("compliance.chart.helpSummary", ["shown": String(help.total.shown), "used": String(used)])
        return Figure(
            file: "help",
            chart: ComplianceChart(
                id: "chart-help", title: t("compliance.chart.helpTitle"), summary: summary, labels: labels(t),
                series: [
                    ComplianceChart.Series(name: t("compliance.chart.helpShown"), values: weeks.map { Double($0.help.shown) }),
                    ComplianceChart.Series(name: t("compliance.chart.helpUsed"), values: weeks.map { Double($0.help.calls + $0.help.chats + $0.help.links) }),
                ], stacked: false),
            columns: [t("compliance.chart.helpShown"), t("compliance.chart.calls"), t("compliance.chart.chats"), t("compliance.chart.links")],
            rows: weeks.map { week in ["\(week.first)", String(week.help.shown), String(week.help.calls), String(week.help.chats), String(week.help.links)] },
            weekColumn: t("compliance.chart.weekStarting"))
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC: the days of the transparency report.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
