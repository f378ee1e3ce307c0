import Foundation

/// What happens to a reporter whose notices are found manifestly unfounded (DSA Art. 23(2)):
/// at `threshold` such notices the platform is asked to warn them (a `reporter.warned`
/// webhook); at the next one after the warning, their notices are processed with lower
/// priority for `lowPriorityDays` (`reporter.deprioritized`). Their notices are never dropped:
/// they are stored, counted and decided like any other, only later.
public struct MisusePolicy: Sendable, Codable, Equatable {
    public var threshold: Int
    public var lowPriorityDays: Double

    public init(threshold: Int = 3, lowPriorityDays: Double = 30) {
        self.threshold = threshold
        self.lowPriorityDays = lowPriorityDays
    }

    public static let `default` = MisusePolicy()

    public enum Step: Sendable, Equatable {
        case none
        case warn
        case deprioritize(until: Date)
    }

    /// The step after one more manifestly unfounded notice, `unfounded` counting it.
    public func step(unfounded: Int, warned: Bool, now: Date) -> Step {
        guard unfounded >= threshold else { return .none }
        guard warned else { return .warn }
        return .deprioritize(until: now.addingTimeInterval(lowPriorityDays * 86400))
    }
}
