import Foundation
import Testing

@testable import RelaisCore

/// The summary the store keeps per case must give exactly what the full facts give.
@Suite("Priority inputs: a case summarised report by report")
struct PriorityInputsTests {
    @Test func mergingReportByReportEqualsSummarisingAllReports() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let count = Int.random(in: 1...12, using: &generator)
            let reports = (0..<count).map { index in
                ModerationFixture.report(
                    ReportCategory.allCases.randomElement(using: &generator)!, by: "r\(Int.random(in: 0..<4, using: &generator))",
                    age: AgeBracket.allCases.randomElement(using: &generator)!, isTarget: Bool.random(using: &generator),
                    trusted: Int.random(in: 0..<6, using: &generator) == 0, minutesAgo: Double(count - index))
            }
            let facts = ModerationFixture.facts(reports: reports, openedMinutesAgo: Double(count))
            var summary = PriorityInputs(
                severity: .lowest, involvesMinor: false, hasThreat: false, hasTrustedFlaggerReport: false, distinctReporterCount: 0,
                openedAt: facts.openedAt)
            var seen = Set<String>()
            for report in reports { summary = summary.merging(report, isNewReporter: seen.insert(report.reporterId).inserted) }
            #expect(summary == PriorityInputs(facts))
            let now = ModerationFixture.now.addingTimeInterval(Double.random(in: 0...(3 * 24 * 3600), using: &generator))
            #expect(CasePriority.assess(summary, now: now) == CasePriority.assess(facts, now: now))
            #expect(DecisionTarget.forCase(summary) == DecisionTarget.forCase(facts))
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
