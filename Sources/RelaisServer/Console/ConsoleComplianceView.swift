import Foundation
import RelaisCore
import RelaisStore

/// The compliance page's view: the period form, the headline figures, the submission state
/// with the refused statements, and each chart with its table and CSV link.
struct ConsoleComplianceView: Sendable {
    struct Headline: Sendable {
        var label: String
        var value: String
        var detail: String?
    }

    struct Chart: Sendable {
        var drawing: ComplianceChart.Drawing
        var legend: [Legend]
        var columns: [String]
        var rows: [Row]
        var csv: String
    }

    struct Row: Sendable {
        var cells: [String]
    }

    struct Legend: Sendable {
        var series: Int
        var name: String
    }

    struct Rejected: Sendable {
        var puid: String
        var caseId: String
        var reasons: [String]
    }

    var page: ConsolePage
    var from: String
    var to: String
    var headlines: [Headline]
    var submissions: TransparencyCounts
    var stopped: Bool
    var rejected: [Rejected]
    var charts: [Chart]
    var reportCommand: String

    init(page: ConsolePage, figures: ComplianceFigures, tenantName: String, _ t: Messages) {
        self.page = page
        from = "\(figures.from)"
        to = "\(figures.to)"
        let total = figures.total, notices = total.total, help = figures.help.total
        let acted = notices.actionsOnLaw + notices.actionsOnTerms
        let hours = { (value: Double) in ComplianceFigures.hours(value, t) }
        headlines = [
            Headline(
                label: t("compliance.headline.received"), value: "\(notices.notices)",
                detail: t("compliance.headline.receivedDetail", ["count": String(notices.trustedFlaggerNotices)])),
            Headline(
                label: t("compliance.headline.actedOn"), value: "\(acted)",
                detail: t("compliance.headline.actedOnDetail", ["law": String(notices.actionsOnLaw), "terms": String(notices.actionsOnTerms)])),
            Headline(
                label: t("compliance.chart.medianHoursLong"), value: notices.hoursToAction.median.map(hours) ?? "—",
                detail: notices.hoursToAction.median == nil ? t("compliance.headline.noAction") : nil),
            Headline(
                label: t("compliance.headline.restrictive"), value: "\(total.measures.restrictive)",
                detail: t("compliance.headline.restrictiveDetail", ["count": String(total.measures.solelyAutomated)])),
            Headline(
                label: t("compliance.headline.complaints"), value: "\(total.appeals.total.received)",
                detail: t("compliance.headline.complaintsDetail", ["decided": String(total.appeals.total.decided), "reversed": String(total.appeals.reversals)])
                    + (total.appeals.total.medianHoursToDecide.map { t("compliance.headline.complaintsMedian", ["hours": hours($0)]) } ?? "")),
            Headline(
                label: t("compliance.chart.helpShown"), value: "\(help.shown)",
                detail: t("compliance.headline.helpDetail", ["calls": String(help.calls), "chats": String(help.chats), "links": String(help.links)])),
        ]
        submissions = figures.submissions
        // One refused try is enough to know sending stopped; every queued statement then waits,
        // not only those tried before the stop, so the alert shows the queued count.
        stopped = figures.submissions.stoppedByRefusedToken > 0
        rejected = figures.rejected.map { statement in
            Rejected(
                puid: statement.puid, caseId: statement.caseId,
                reasons: (statement.reasons ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" })
        }
        let query = "from=\(figures.from)&to=\(figures.to)"
        charts = figures.figures(t).map { figure in
            Chart(
                drawing: figure.chart.drawing, legend: figure.chart.series.enumerated().map { Legend(series: $0.offset % 8, name: $0.element.name) },
                columns: [figure.weekColumn] + figure.columns, rows: figure.rows.map(Row.init), csv: "/console/compliance/\(figure.file).csv?\(query)")
        }
        reportCommand = "relais dsa report --tenant \(tenantName) --from \(figures.from) --to \(figures.to) --out transparency-report"
    }
}
