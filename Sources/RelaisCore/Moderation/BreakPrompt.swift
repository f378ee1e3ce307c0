import Foundation

/// When to suggest a break to a moderator: after `threshold` cases with sensitive content
/// (`sensitive` below: the categories the console blurs) decided in a row. A case without
/// sensitive content ends the run, and so does a pause of `pause` or more between two
/// decisions (or since the last one): that was a break. The console shows the prompt and
/// leaves the choice to the moderator; nothing is blocked.
public struct BreakPrompt: Sendable, Equatable {
    /// Sensitive cases in a row before the prompt; 0 never prompts.
    public var threshold: Int
    public var pause: TimeInterval

    public init(threshold: Int = 10, pause: TimeInterval = 15 * 60) {
        self.threshold = threshold
        self.pause = pause
    }

    public static let `default` = BreakPrompt()

    /// One decision of the moderator, as the rule reads it.
    public struct Decided: Sendable, Equatable {
        public var at: Date
        public var sensitive: Bool

        public init(at: Date, sensitive: Bool) {
            self.at = at
            self.sensitive = sensitive
        }
    }

    /// The sensitive cases decided in a row up to `now`, from the moderator's decisions
    /// newest first.
    public func run(_ newestFirst: [Decided], now: Date) -> Int {
        var count = 0
        var later = now
        for decided in newestFirst {
            guard decided.sensitive, later.timeIntervalSince(decided.at) < pause else { break }
            count += 1
            later = decided.at
        }
        return count
    }

    /// Whether to suggest a break now.
    public func suggests(_ newestFirst: [Decided], now: Date) -> Bool {
        threshold > 0 && run(newestFirst, now: now) >= threshold
    }
}
