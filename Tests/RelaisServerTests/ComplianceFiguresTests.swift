import Foundation
import RelaisCore
@testable import RelaisServer
import Testing

/// The compliance page's pure parts: its weeks, its default period, and the charts' grids.
@Suite("Compliance figures")
struct ComplianceFiguresTests {
    @Test func weeksRunMondayToSundayCutToThePeriod() throws {
        let from = try #require(CalendarDay("2026-01-01")), to = try #require(CalendarDay("2026-01-12"))  // a Thursday to a Monday
        let weeks = ComplianceFigures.weeks(from: from, to: to)
        #expect(weeks.map(\.first.description) == ["2026-01-01", "2026-01-05", "2026-01-12"])
        #expect(weeks.map { $0.end.timeIntervalSince($0.start) / 86_400 } == [4, 7, 1])
        #expect(weeks.last?.end == ComplianceFigures.start(try #require(CalendarDay("2026-01-13"))))
    }

    @Test func theDefaultPeriodIsTwelveWeeksFromAMonday() throws {
        let period = ComplianceFigures.defaultPeriod(today: try #require(CalendarDay("2026-12-02")))  // a Wednesday
        #expect(period.from.description == "2026-09-14" && period.to.description == "2026-12-02")
        #expect(ComplianceFigures.weeks(from: period.from, to: period.to).count == 12)
    }

    @Test func gridLinesFallOnRoundValuesAndWholeNumbersForCounts() {
        #expect(ComplianceChart.grid(peak: 2, counts: true) == (1, 2))
        #expect(ComplianceChart.grid(peak: 130, counts: true) == (50, 3))
        #expect(ComplianceChart.grid(peak: 0.7, counts: false) == (0.2, 4))
        #expect(ComplianceChart.grid(peak: 0, counts: true) == (1, 1))
    }

    @Test func barsStackOrStandSideBySideAndCarryTheirTitles() throws {
        let series = [ComplianceChart.Series(name: "A", values: [1, nil]), ComplianceChart.Series(name: "B <b>", values: [3, 2])]
        let stacked = ComplianceChart(id: "c", title: "T", summary: "S", labels: ["w1", "w2"], series: series, stacked: true).drawing
        #expect(stacked.bars.map(\.title) == ["w1 · A: 1", "w1 · B <b>: 3", "w2 · B <b>: 2"])
        // The stack's top bar starts where the one below ends.
        #expect(Double(stacked.bars[1].y)! + Double(stacked.bars[1].height)! == Double(stacked.bars[0].y)!)
        let grouped = ComplianceChart(id: "c", title: "T", summary: "S", labels: ["w1", "w2"], series: series, stacked: false).drawing
        #expect(Double(grouped.bars[1].x)! > Double(grouped.bars[0].x)!)
        let console = try WebAssets.bundled().consoleMessages
        #expect(ComplianceFigures.categoryName("STATEMENT_CATEGORY_CYBER_VIOLENCE", Messages(.en, in: console)) == "Cyber violence")
        #expect(ComplianceFigures.categoryName("STATEMENT_CATEGORY_CYBER_VIOLENCE", Messages(.fr, in: console)) == "Cyberviolence")
        // A category the catalogue does not know yet is written out from its code.
        #expect(ComplianceFigures.categoryName("STATEMENT_CATEGORY_NEW_THING", Messages(.fr, in: console)) == "New thing")
    }
}
