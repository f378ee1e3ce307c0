import Foundation

/// When a case should be decided by.
public struct DecisionTarget: Sendable, Codable, Equatable {
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case threat
        case involvingMinor = "involving_minor"
        case standard
    }

    public var openedAt: Date
    public var duration: TimeInterval
    /// Which rule set the target, for the console ("due in 1 h: threat").
    public var reason: Reason

    public init(openedAt: Date, duration: TimeInterval, reason: Reason) {
        self.openedAt = openedAt
        self.duration = duration
        self.reason = reason
    }

    /// The target for a case: the shortest that applies.
    public static func forCase(_ facts: CaseFacts, policy: DecisionTargetPolicy = .default) -> DecisionTarget {
        forCase(PriorityInputs(facts), policy: policy)
    }

    /// The same, from a case's summary.
    public static func forCase(_ facts: PriorityInputs, policy: DecisionTargetPolicy = .default) -> DecisionTarget {
        var candidates: [(TimeInterval, Reason)] = [(policy.standard, .standard)]
        if facts.hasThreat { candidates.append((policy.threat, .threat)) }
        if facts.involvesMinor { candidates.append((policy.involvingMinor, .involvingMinor)) }
        // Ties go to the earlier entry in Reason order, so "threat" explains a 1 h target
        // even if someone configures the minor target to 1 h as well.
        let order = Reason.allCases
        let best = candidates.min { a, b in
            a.0 != b.0 ? a.0 < b.0 : order.firstIndex(of: a.1)! < order.firstIndex(of: b.1)!
        }!
        return DecisionTarget(openedAt: facts.openedAt, duration: best.0, reason: best.1)
    }

    public var dueAt: Date { openedAt.addingTimeInterval(duration) }

    /// Past the due time (the due instant itself is still on time).
    public func isOverdue(now: Date) -> Bool { now > dueAt }

    /// Time waited as a fraction of the target: 0 when opened, 1 when due, 2 at twice the
    /// target. Never negative (a clock behind `openedAt` counts as no wait).
    public func waitedFraction(now: Date) -> Double {
        guard duration > 0 else { return isOverdue(now: now) ? .infinity : 0 }
        return max(0, now.timeIntervalSince(openedAt)) / duration
    }
}
