import Foundation

/// A bar chart of weekly figures, drawn as SVG on the server (issue 14 part 5): no script, no
/// image request, readable in print. The figures themselves are also in a table beside each
/// chart and in a CSV download; the chart is for the eye, the table for screen readers and
/// for checking.
///
/// Bars are grouped by week, stacked (`stacked`, parts of one whole such as categories) or side
/// by side. Each bar carries its own `<title>` ("Week of 2026-10-05 · Harassment: 12"), the
/// whole figure a `<title>` and a `<desc>` that say what it shows in words (the `console-chart`
/// template draws it, so every text is escaped like any other). Colours come from
/// the console's stylesheet (`.series-N`): the CSP allows no inline style.
struct ComplianceChart: Sendable {
    struct Series: Sendable {
        var name: String
        /// One value per label; `nil` draws nothing (a week without that figure).
        var values: [Double?]
    }

    var id: String
    var title: String
    var summary: String
    var labels: [String]
    var series: [Series]
    var stacked: Bool
    /// How a value is written in a bar's title and on the axis (`12`, `4.15 h`).
    var format: @Sendable (Double) -> String = { String(Int($0.rounded())) }

    static let width = 720.0, height = 240.0
    static let left = 48.0, right = 8.0, top = 12.0, bottom = 34.0

    /// The highest value a column reaches: the sum of a stack, or the highest bar of a group.
    var peak: Double {
        labels.indices.map { index in
            let values = series.compactMap { $0.values[index] }
            return stacked ? values.reduce(0, +) : (values.max() ?? 0)
        }.max() ?? 0
    }

    /// Whether the values are counts: grid lines then fall on whole numbers.
    var counts = true

    /// The grid's step and how many steps reach `peak`: a step of 1, 2 or 5 times a power of
    /// ten (at least 1 for counts), about four steps in all.
    static func grid(peak: Double, counts: Bool) -> (step: Double, steps: Int) {
        guard peak > 0 else { return (1, 1) }
        let rough = peak / 4, power = pow(10, floor(log10(rough)))
        var step = [1.0, 2.0, 5.0, 10.0].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        if counts { step = max(step.rounded(.up), 1) }
        return (step, max(1, Int((peak / step).rounded(.up))))
    }

    /// What the `console-chart` template draws: every position computed here, every text
    /// escaped by the template like any other.
    struct Drawing: Sendable {
        struct Line: Sendable { var y: String; var labelY: String; var label: String }
        struct Label: Sendable { var x: String; var label: String }
        struct Bar: Sendable { var series: Int; var x: String; var y: String; var width: String; var height: String; var title: String }
        var id: String
        var title: String
        var summary: String
        var width = Int(ComplianceChart.width), height = Int(ComplianceChart.height)
        var left: String, right: String, baseline: String, labelsY: String, gridLabelX: String
        var grid: [Line]
        var labels: [Label]
        var bars: [Bar]
    }

    var drawing: Drawing {
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let (step, steps) = Self.grid(peak: peak, counts: counts)
        let axisTop = step * Double(steps)
        let column = labels.isEmpty ? plotWidth : plotWidth / Double(labels.count)
        let barSpace = column * 0.8
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - value / axisTop) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        // About four grid lines with their values, then the weeks' labels (every few weeks when many).
        let grid = (0...steps).map { index -> Drawing.Line in
            let value = step * Double(index)
            return Drawing.Line(y: number(y(value)), labelY: number(y(value) + 4), label: format(value))
        }
        let every = max(1, Int((Double(labels.count) / 8).rounded(.up)))
        let shown = labels.enumerated().filter { $0.offset % every == 0 }.map { index, label in
            Drawing.Label(x: number(Self.left + column * (Double(index) + 0.5)), label: label)
        }
        var bars: [Drawing.Bar] = []
        for index in labels.indices {
            let x0 = Self.left + column * Double(index) + (column - barSpace) / 2
            var stackBase = 0.0
            for (rank, series) in series.enumerated() {
                guard let value = series.values[index], value > 0 else { continue }
                let width = stacked ? barSpace : barSpace / Double(self.series.count)
                let x = stacked ? x0 : x0 + width * Double(rank)
                let low = stacked ? stackBase : 0, high = low + value
                if stacked { stackBase = high }
                bars.append(Drawing.Bar(
                    series: rank % 8, x: number(x), y: number(y(high)), width: number(max(width - 1, 1)), height: number(max(y(low) - y(high), 0.5)),
                    title: "\(labels[index]) · \(series.name): \(format(value))"))
            }
        }
        return Drawing(
            id: id, title: title, summary: summary, left: number(Self.left), right: number(Self.width - Self.right), baseline: number(y(0)),
            labelsY: number(Self.height - Self.bottom + 16), gridLabelX: number(Self.left - 4), grid: grid, labels: shown, bars: bars)
    }
}
