import Foundation

/// Where the server reads the time. Production uses the system clock; tests may pin it.
public struct RelaisClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = RelaisClock { Date() }

    public static func fixed(_ date: Date) -> RelaisClock { RelaisClock { date } }
}
