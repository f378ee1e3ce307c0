import Foundation

/// How many of a tenant's statements of reasons are queued, sent and rejected.
public struct TransparencyCounts: Sendable, Equatable, Codable {
    public var queued: Int
    public var sent: Int
    public var rejected: Int

    public init(queued: Int, sent: Int, rejected: Int) {
        self.queued = queued
        self.sent = sent
        self.rejected = rejected
    }
}
