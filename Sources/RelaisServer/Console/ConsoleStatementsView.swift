import Foundation
import RelaisStore

struct ConsoleStatementsView: Sendable {
    var page: ConsolePage
    var caseId: String
    var csrf: String
    /// Admins and compliance staff see the resend button of a refused statement.
    var canResend: Bool
    var statements: [Statement]
    var isEmpty: Bool

    struct Statement: Sendable {
        var puid: String
        var json: String
        /// Nil only for a statement never queued, which no Relais release writes.
        var submission: State?
    }

    /// Where the statement stands with the Transparency Database, in words that say only
    /// what happened: a queued statement is never called sent.
    struct State: Sendable {
        var isSent: Bool
        var isQueued: Bool
        var isRejected: Bool
        var sentAt: String?
        var permalink: String?
        var uuid: String?
        /// "2 attempts so far", or nil before the first.
        var attempts: String?
        var lastError: String?
        var reasons: [Reason]

        struct Reason: Sendable {
            var field: String
            var messages: String
        }

        init(_ submission: TransparencySubmission, _ t: Messages) {
            isSent = submission.status == .sent
            isQueued = submission.status == .queued
            isRejected = submission.status == .rejected
            sentAt = submission.sentAt.map(ConsoleFormat.time)
            permalink = submission.permalink
            uuid = submission.uuid
            attempts = submission.attempts == 0 ? nil : t.plural("statements.attemptsSoFar", count: submission.attempts)
            lastError = submission.lastError
            reasons = (submission.reasons ?? [:]).sorted { $0.key < $1.key }.map { Reason(field: $0.key, messages: $0.value.joined(separator: " ")) }
        }
    }
}
