import Foundation

/// Weights of the priority formula (see `CasePriority`). The defaults put severity first:
/// each severity level is worth 20 points, so one level outweighs a trusted flagger or a
/// possibly-minor target alone, and spam (0) can reach a fresh critical case (80) only when
/// several other factors are at their caps at once.
public struct PriorityWeights: Sendable, Codable, Equatable {
    /// Points per severity level (spam 0 … critical 4).
    public var perSeverityLevel: Double
    /// Points when the case involves a minor (`CaseFacts.involvesMinor`).
    public var involvesMinor: Double
    /// Points when a trusted flagger reported (DSA Art. 22(1): decided with priority).
    public var trustedFlagger: Double
    /// Points per doubling of distinct reporters: log2(n), so 1 → 0, 2 → 1×, 4 → 2×.
    public var perReporterDoubling: Double
    /// Cap on the reporter points, so a raid of mass reports cannot bury a single child's report.
    public var maximumReporterPoints: Double
    /// Points per elapsed target time (waited / target).
    public var perTargetElapsed: Double
    /// Cap on the elapsed fraction counted, so a stale case cannot climb forever.
    public var maximumTargetsElapsed: Double
    /// Points once a case is overdue, so overdue cases jump ahead of on-time peers.
    public var overdue: Double
    /// Points when the case is part of a pile-on: several authors against one person within
    /// the window (`PileOnPolicy`), each case small alone.
    public var pileOn: Double
    /// Target times to decision, which the waiting factor is measured against.
    public var targets: DecisionTargetPolicy
    /// When a burst of reports counts as possible coordinated reporting, whose new reporters
    /// then stop counting towards the reporter points.
    public var coordinated: CoordinatedReportingPolicy

    public init(
        perSeverityLevel: Double = 20, involvesMinor: Double = 25, trustedFlagger: Double = 20,
        perReporterDoubling: Double = 5, maximumReporterPoints: Double = 20, perTargetElapsed: Double = 10,
        maximumTargetsElapsed: Double = 3, overdue: Double = 10, targets: DecisionTargetPolicy = .default,
        coordinated: CoordinatedReportingPolicy = .default, pileOn: Double = 20
    ) {
        self.pileOn = pileOn
        self.coordinated = coordinated
        self.perSeverityLevel = perSeverityLevel
        self.involvesMinor = involvesMinor
        self.trustedFlagger = trustedFlagger
        self.perReporterDoubling = perReporterDoubling
        self.maximumReporterPoints = maximumReporterPoints
        self.perTargetElapsed = perTargetElapsed
        self.maximumTargetsElapsed = maximumTargetsElapsed
        self.overdue = overdue
        self.targets = targets
    }

    public static let `default` = PriorityWeights()
}
