import Foundation

/// What a run of sending did: statements taken from the queue, and how each ended.
public struct SubmissionTally: Sendable, Equatable {
    public var claimed = 0
    public var sent = 0
    /// Found already in the Database (`existing-puid`) and marked sent.
    public var alreadyThere = 0
    public var rejected = 0
    /// Left queued for a later attempt (429, 5xx, no answer).
    public var retried = 0
    /// The Database refused the token (401/403): sending stopped for the tenant.
    public var tokenRefused: Int?

    public init() {}

    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum.claimed += b.claimed
        sum.sent += b.sent
        sum.alreadyThere += b.alreadyThere
        sum.rejected += b.rejected
        sum.retried += b.retried
        sum.tokenRefused = a.tokenRefused ?? b.tokenRefused
        return sum
    }
}
