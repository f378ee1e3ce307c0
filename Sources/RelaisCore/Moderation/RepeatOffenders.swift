import Foundation

/// When earlier restrictions against the same author suggest suspending them: groundwork for
/// DSA Art. 23(1), which asks platforms to suspend, for a reasonable period and after a prior
/// warning, users who frequently provide manifestly illegal content.
///
/// The core only suggests. Art. 23(3) wants a case-by-case assessment (numbers, proportion,
/// gravity, intent), so a moderator decides, and the policy must be published in the terms.
public struct RepeatOffenderPolicy: Sendable, Codable, Equatable {
    /// Earlier decisions with restrictions, within the window, from which a suspension is
    /// suggested. At least 1.
    public var threshold: Int
    /// How far back decisions count. 180 days by default: long enough to see a pattern, short
    /// enough that a reformed user is not punished for a distant past.
    public var window: TimeInterval

    public init(threshold: Int = 3, window: TimeInterval = 180 * 24 * 3600) {
        self.threshold = max(1, threshold)
        self.window = window
    }

    public static let `default` = RepeatOffenderPolicy()
}

/// What the core suggests about an author.
public enum RepeatOffenderSuggestion: String, Sendable, Codable, Equatable {
    /// Below the threshold.
    case none
    /// At or over the threshold, but the author was never warned: Art. 23(1) requires a
    /// prior warning before a suspension.
    case warn
    /// At or over the threshold after a warning: suggest suspending the account.
    case suspend
}

/// The count and the suggestion, for the case page ("3 earlier restrictions in 180 days").
public struct RepeatOffenderAssessment: Sendable, Codable, Equatable {
    public var restrictedDecisionCount: Int
    public var threshold: Int
    public var suggestion: RepeatOffenderSuggestion

    public init(restrictedDecisionCount: Int, threshold: Int, suggestion: RepeatOffenderSuggestion) {
        self.restrictedDecisionCount = restrictedDecisionCount
        self.threshold = threshold
        self.suggestion = suggestion
    }
}

public enum RepeatOffenders {
    /// The suggestion from a count the store already made (earlier decisions with at least
    /// one restriction against the author, within `policy.window`).
    public static func assess(restrictedDecisionsInWindow count: Int, hasBeenWarned: Bool, policy: RepeatOffenderPolicy = .default) -> RepeatOffenderAssessment {
        let suggestion: RepeatOffenderSuggestion =
            count < policy.threshold ? .none : (hasBeenWarned ? .suspend : .warn)
        return RepeatOffenderAssessment(restrictedDecisionCount: max(0, count), threshold: policy.threshold, suggestion: suggestion)
    }

    /// The same, counting from the days of earlier restrictive decisions: those in
    /// (now − window, now] count. A decision dated after `now` (clock skew) counts too, since
    /// it happened.
    public static func assess(restrictedDecisionDates dates: [Date], hasBeenWarned: Bool, policy: RepeatOffenderPolicy = .default, now: Date) -> RepeatOffenderAssessment {
        let start = now.addingTimeInterval(-policy.window)
        let count = dates.filter { $0 > start }.count
        return assess(restrictedDecisionsInWindow: count, hasBeenWarned: hasBeenWarned, policy: policy)
    }
}
