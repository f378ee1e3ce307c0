import Foundation

/// A queued statement of reasons taken by one sender under a lease: its puid, the JSON to
/// send exactly as stored, and the attempts before this one.
public struct ClaimedStatement: Sendable, Equatable {
    public var puid: String
    public var statementJSON: String
    public var attempts: Int
    public var queuedAt: Date

    public init(puid: String, statementJSON: String, attempts: Int, queuedAt: Date) {
        self.puid = puid
        self.statementJSON = statementJSON
        self.attempts = attempts
        self.queuedAt = queuedAt
    }
}
