import Foundation
import RelaisCore
import RelaisStore

/// One statement's submission state as the API shows it (openapi.yaml `StatementSubmission`):
/// instants as ISO 8601, absent fields left out.
struct StatementSubmissionView: Encodable, Sendable {
    var puid: String
    var status: String
    var attempts: Int
    var queuedAt: String
    var nextAttemptAt: String?
    var lastError: String?
    var sentAt: String?
    var uuid: String?
    var permalink: String?
    var reasons: [String: [String]]?

    init(_ submission: TransparencySubmission) {
        puid = submission.puid
        status = submission.status.rawValue
        attempts = submission.attempts
        queuedAt = Timestamp.format(submission.queuedAt)
        nextAttemptAt = submission.nextAttemptAt.map(Timestamp.format)
        lastError = submission.lastError
        sentAt = submission.sentAt.map(Timestamp.format)
        uuid = submission.uuid
        permalink = submission.permalink
        reasons = submission.reasons
    }
}
