import Foundation

/// How many of a tenant's statements of reasons are queued, sent and rejected.
public struct TransparencyCounts: Sendable, Equatable, Codable {
    public var queued: Int
    public var sent: Int
    public var rejected: Int
    /// Of the queued, those whose last try met a refused token (401/403): sending is stopped
    /// for the tenant until its token changes.
    public var stoppedByRefusedToken: Int

    public init(queued: Int, sent: Int, rejected: Int, stoppedByRefusedToken: Int = 0) {
        self.queued = queued
        self.sent = sent
        self.rejected = rejected
        self.stoppedByRefusedToken = stoppedByRefusedToken
    }
}
