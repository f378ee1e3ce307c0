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

    init(page: ConsolePage, figures: ComplianceFigures, tenantName: String) {
        self.page = page
        from = "\(figures.from)"
        to = "\(figures.to)"
        let total = figures.total, notices = total.total, help = figures.help.total
        let acted = notices.actionsOnLaw + notices.actionsOnTerms
        headlines = [
            Headline(label: "Notices received", value: "\(notices.notices)", detail: "\(notices.trustedFlaggerNotices) from trusted flaggers"),
            Headline(
                label: "Notices acted on", value: "\(acted)",
                detail: "\(notices.actionsOnLaw) as illegal, \(notices.actionsOnTerms) under the terms"),
            Headline(
                label: "Median hours from notice to action", value: notices.hoursToAction.median.map(ComplianceFigures.hours) ?? "—",
                detail: notices.hoursToAction.median == nil ? "no action in the period" : nil),
            Headline(
                label: "Restrictive decisions", value: "\(total.measures.restrictive)",
                detail: "\(total.measures.solelyAutomated) solely by automated means"),
            Headline(
                label: "Complaints (Art. 20)", value: "\(total.appeals.total.received)",
                detail: "\(total.appeals.total.decided) decided, \(total.appeals.reversals) reversed or changed"
                    + (total.appeals.total.medianHoursToDecide.map { ", median \(ComplianceFigures.hours($0))" } ?? "")),
            Headline(
                label: "Help cards shown", value: "\(help.shown)", detail: "\(help.calls) calls, \(help.chats) chats, \(help.links) links opened"),
        ]
        submissions = figures.submissions
        stopped = figures.submissions.stoppedByRefusedToken > 0
        rejected = figures.rejected.map { statement in
            Rejected(
                puid: statement.puid, caseId: statement.caseId,
                reasons: (statement.reasons ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" })
        }
        let query = "from=\(figures.from)&to=\(figures.to)"
        charts = figures.figures.map { figure in
            Chart(
                drawing: figure.chart.drawing, legend: figure.chart.series.enumerated().map { Legend(series: $0.offset % 8, name: $0.element.name) },
                columns: ["Week starting"] + figure.columns, rows: figure.rows.map(Row.init), csv: "/console/compliance/\(figure.file).csv?\(query)")
        }
        reportCommand = "relais dsa report --tenant \(tenantName) --from \(figures.from) --to \(figures.to) --out transparency-report"
    }
}
