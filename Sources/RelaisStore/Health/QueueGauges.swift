import Foundation

/// The moderation queue at a glance, across tenants: how many cases are open and since when
/// the oldest one waits (a queue that grows, or a case nobody takes, shows here first).
public struct QueueGauges: Sendable, Equatable {
    public var openCases: Int
    /// When the oldest open case got its first report; nil when none is open.
    public var oldestOpenSince: Date?

    public init(openCases: Int, oldestOpenSince: Date?) {
        self.openCases = openCases
        self.oldestOpenSince = oldestOpenSince
    }
}
