import Foundation

/// The priority of a case, with each term kept so the console can say why a case is first.
///
///     score = perSeverityLevel × severity(most severe category)          (0…4)
///           + involvesMinor    × [target may be a minor, or grooming]
///           + trustedFlagger   × [a trusted flagger reported]
///           + min(perReporterDoubling × log2(weighed reporters), maximumReporterPoints)
///           + perTargetElapsed × min(waited / target time, maximumTargetsElapsed)
///           + overdue          × [now > opened + target time]
///           + pileOn           × [the case is part of a pile-on on the person targeted]
///
/// With the defaults: 20 per level, 25, 20, 5 per doubling capped at 20, 10 per target time
/// capped at 3, 10, and 20. The weighed reporters are the distinct reporters without those under
/// lower priority for unfounded notices (`MisusePolicy`) and, when the burst looks coordinated
/// (`CoordinatedReportingPolicy`), without the new ones: a raid cannot push a case up, and
/// nothing else in the formula changes because of it. Higher is more urgent. Ties are broken by due time, then by opening
/// time, then by case id (`isMoreUrgent`), so the order is total and stable.
public struct CasePriority: Sendable, Codable, Equatable {
    public var severity: CategorySeverity
    public var severityPoints: Double
    public var minorPoints: Double
    public var trustedFlaggerPoints: Double
    public var reporterPoints: Double
    public var waitingPoints: Double
    public var overduePoints: Double
    public var target: DecisionTarget
    public var isOverdue: Bool
    /// The burst of reports looks coordinated: its new reporters were not counted.
    public var coordinatedReporting: Bool = false
    /// The reporters counted in `reporterPoints`.
    public var weighedReporters: Int = 0
    /// `PriorityWeights.pileOn` when the case is part of a pile-on.
    public var pileOnPoints: Double = 0

    public var score: Double {
        severityPoints + minorPoints + trustedFlaggerPoints + reporterPoints + waitingPoints + overduePoints + pileOnPoints
    }

    /// Computes every term of the formula.
    public static func assess(_ facts: CaseFacts, weights: PriorityWeights = .default, now: Date) -> CasePriority {
        assess(PriorityInputs(facts), weights: weights, now: now)
    }

    /// The same, from a case's summary.
    public static func assess(_ facts: PriorityInputs, weights: PriorityWeights = .default, now: Date) -> CasePriority {
        let severity = facts.severity
        let target = DecisionTarget.forCase(facts, policy: weights.targets)
        let coordinated = weights.coordinated.isSuspected(distinctReporters: facts.distinctReporterCount, newReporters: facts.newReporterCount)
        let weighed = facts.distinctReporterCount - facts.deprioritizedReporterCount - (coordinated ? facts.newReporterCount : 0)
        let reporters = max(1, weighed)
        let reporterPoints = min(weights.perReporterDoubling * log2(Double(reporters)), weights.maximumReporterPoints)
        let elapsed = min(target.waitedFraction(now: now), weights.maximumTargetsElapsed)
        let overdue = target.isOverdue(now: now)
        return CasePriority(
            severity: severity,
            severityPoints: weights.perSeverityLevel * Double(severity.rawValue),
            minorPoints: facts.involvesMinor ? weights.involvesMinor : 0,
            trustedFlaggerPoints: facts.hasTrustedFlaggerReport ? weights.trustedFlagger : 0,
            reporterPoints: reporterPoints,
            waitingPoints: weights.perTargetElapsed * elapsed,
            overduePoints: overdue ? weights.overdue : 0,
            target: target,
            isOverdue: overdue,
            coordinatedReporting: coordinated,
            weighedReporters: max(0, weighed),
            pileOnPoints: facts.inPileOn ? weights.pileOn : 0)
    }

    /// The score alone.
    public static func score(_ facts: CaseFacts, weights: PriorityWeights = .default, now: Date) -> Double {
        assess(facts, weights: weights, now: now).score
    }

    /// Whether `a` should be handled before `b`: higher score, then earlier due time, then
    /// earlier opening, then smaller case id.
    public static func isMoreUrgent(_ a: CaseFacts, than b: CaseFacts, weights: PriorityWeights = .default, now: Date) -> Bool {
        compare(
            (a, assess(a, weights: weights, now: now)), (b, assess(b, weights: weights, now: now)))
    }

    /// The cases, most urgent first.
    public static func ordered(_ cases: [CaseFacts], weights: PriorityWeights = .default, now: Date) -> [CaseFacts] {
        // Assess once per case, not once per comparison.
        cases.map { ($0, assess($0, weights: weights, now: now)) }.sorted(by: compare).map(\.0)
    }

    private static func compare(_ a: (CaseFacts, CasePriority), _ b: (CaseFacts, CasePriority)) -> Bool {
        if a.1.score != b.1.score { return a.1.score > b.1.score }
        if a.1.target.dueAt != b.1.target.dueAt { return a.1.target.dueAt < b.1.target.dueAt }
        if a.0.openedAt != b.0.openedAt { return a.0.openedAt < b.0.openedAt }
        return a.0.caseId < b.0.caseId
    }
}
