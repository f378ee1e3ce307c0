import Foundation

/// A case's priority as a person reads it: a level and the reasons behind it, instead of the
/// formula's bare score ("Urgent: critical category, may involve a minor, overdue").
///
/// The level reads the same terms as `CasePriority.score`, so it never disagrees with the
/// queue's order by more than a tie within a level: `urgent` is an overdue case or a critical
/// harm to a possible minor (severity and minor points together reach the default weights'
/// 105), `high` a critical category or a high one with a minor or a trusted flagger, `normal`
/// the other named harms, `low` spam and "something else".
public enum PriorityLevel: String, CaseIterable, Sendable, Comparable {
    case low, normal, high, urgent

    public enum Reason: Equatable, Sendable {
        case severity(CategorySeverity)
        case involvesMinor
        case trustedFlagger
        case manyReporters(Int)
        case overdue
        /// Possible coordinated reporting: the new reporters do not raise the priority.
        case coordinatedReporting
        /// Part of a pile-on: many authors against the person this case targets.
        case pileOn
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public static func level(of priority: CasePriority) -> PriorityLevel {
        if priority.isOverdue { return .urgent }
        let critical = priority.severity == .critical, minor = priority.minorPoints > 0
        if critical && minor { return .urgent }
        if critical || (priority.severity == .high && (minor || priority.trustedFlaggerPoints > 0)) { return .high }
        return priority.severity >= .moderate ? .normal : .low
    }

    /// The terms that raised the priority, the weightiest first.
    public static func reasons(of priority: CasePriority) -> [Reason] {
        var reasons: [Reason] = [.severity(priority.severity)]
        if priority.minorPoints > 0 { reasons.append(.involvesMinor) }
        if priority.trustedFlaggerPoints > 0 { reasons.append(.trustedFlagger) }
        if priority.weighedReporters > 1 { reasons.append(.manyReporters(priority.weighedReporters)) }
        if priority.isOverdue { reasons.append(.overdue) }
        if priority.pileOnPoints > 0 { reasons.append(.pileOn) }
        if priority.coordinatedReporting { reasons.append(.coordinatedReporting) }
        return reasons
    }
}
