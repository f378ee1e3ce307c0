import Foundation
import RelaisCore

/// Where one statement of reasons stands with the DSA Transparency Database: waiting to be
/// sent (`queued`, with the attempts so far and the last failure), accepted (`sent`, with
/// the Database's `uuid` and `permalink` when it gave them), or refused (`rejected`, with
/// the Database's reasons per field, held until someone fixes and resends it).
public struct TransparencySubmission: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case queued, sent, rejected
    }

    public var puid: String
    public var caseId: String
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    public var uuid: String?
    public var permalink: String?
    /// The Database's validation errors, by field, for a rejected statement.
    public var reasons: [String: [String]]?
    public var sentAt: Date?
    public var queuedAt: Date
    public var nextAttemptAt: Date?

    public init(
        puid: String, caseId: String, status: Status, attempts: Int, lastError: String?, uuid: String?, permalink: String?,
        reasons: [String: [String]]?, sentAt: Date?, queuedAt: Date, nextAttemptAt: Date?
    ) {
        self.puid = puid
        self.caseId = caseId
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.uuid = uuid
        self.permalink = permalink
        self.reasons = reasons
        self.sentAt = sentAt
        self.queuedAt = queuedAt
        self.nextAttemptAt = nextAttemptAt
    }
}
