import Foundation

/// What the priority formula and the target time read from a case, without its reports.
///
/// `CasePriority.assess` and `DecisionTarget.forCase` work on this summary; their `CaseFacts`
/// versions summarise first. A store keeps the summary on each case as reports arrive
/// (`merging` one report at a time), so ordering the queue never reads every report of a
/// case, which would make each report of a raid slower than the one before.
public struct PriorityInputs: Sendable, Codable, Equatable {
    /// The severity of the most severe category (`lowest` for a case without one).
    public var severity: CategorySeverity
    /// `CaseFacts.involvesMinor`.
    public var involvesMinor: Bool
    /// A threat was reported (the shortest target time).
    public var hasThreat: Bool
    public var hasTrustedFlaggerReport: Bool
    public var distinctReporterCount: Int
    /// Of those, reporters under lower priority for unfounded notices when they first
    /// reported the case.
    public var deprioritizedReporterCount: Int
    /// Of the others, reporters who were new to the tenant then (the two counts never overlap).
    public var newReporterCount: Int
    public var openedAt: Date
    /// The case is linked to a pile-on against the person it targets (`PileOnPolicy`).
    public var inPileOn: Bool

    public init(
        severity: CategorySeverity, involvesMinor: Bool, hasThreat: Bool, hasTrustedFlaggerReport: Bool, distinctReporterCount: Int,
        newReporterCount: Int = 0, deprioritizedReporterCount: Int = 0, openedAt: Date, inPileOn: Bool = false
    ) {
        self.inPileOn = inPileOn
        self.severity = severity
        self.involvesMinor = involvesMinor
        self.hasThreat = hasThreat
        self.hasTrustedFlaggerReport = hasTrustedFlaggerReport
        self.distinctReporterCount = distinctReporterCount
        self.newReporterCount = newReporterCount
        self.deprioritizedReporterCount = deprioritizedReporterCount
        self.openedAt = openedAt
    }

    public init(_ facts: CaseFacts) {
        self.init(
            severity: facts.primaryCategory?.severity ?? .lowest, involvesMinor: facts.involvesMinor,
            hasThreat: facts.categories.contains(.threat), hasTrustedFlaggerReport: facts.hasTrustedFlaggerReport,
            distinctReporterCount: facts.distinctReporterCount, newReporterCount: facts.newReporterCount,
            deprioritizedReporterCount: facts.deprioritizedReporterCount, openedAt: facts.openedAt, inPileOn: facts.inPileOn)
    }

    /// The summary once `report` is added. `isNewReporter`: the store knows whether this
    /// reporter already reported the case (one person reporting five times is one voice).
    /// Every term is a maximum or an "or" over reports, so adding one report needs only
    /// the summary and that report.
    public func merging(_ report: CaseReport, isNewReporter: Bool) -> PriorityInputs {
        let one = PriorityInputs(CaseFacts(caseId: "", subjectKind: .other, openedAt: openedAt, reports: [report]))
        return PriorityInputs(
            severity: max(severity, one.severity), involvesMinor: involvesMinor || one.involvesMinor, hasThreat: hasThreat || one.hasThreat,
            hasTrustedFlaggerReport: hasTrustedFlaggerReport || one.hasTrustedFlaggerReport,
            distinctReporterCount: distinctReporterCount + (isNewReporter ? 1 : 0),
            newReporterCount: newReporterCount + (isNewReporter && report.isNewToTenant && !report.isDeprioritized ? 1 : 0),
            deprioritizedReporterCount: deprioritizedReporterCount + (isNewReporter && report.isDeprioritized ? 1 : 0),
            openedAt: openedAt, inPileOn: inPileOn)
    }
}
