import Foundation
import RelaisCore

/// A report waiting on the device to be sent, with the idempotency key it was first sent
/// with: every later attempt uses the same key, so Relais files it once.
public struct QueuedReport: Sendable, Equatable, Codable {
    /// The key of its first attempt, sent on every later one.
    public var idempotencyKey: String
    /// The report as the app built it.
    public var draft: ReportDraft
    /// When the person reported it (the device clock).
    public var queuedAt: Date
    /// Attempts made so far, for the app's own display.
    public var attempts: Int

    /// A queued report; the client makes these, apps only read them.
    public init(idempotencyKey: String, draft: ReportDraft, queuedAt: Date, attempts: Int = 0) {
        self.idempotencyKey = idempotencyKey
        self.draft = draft
        self.queuedAt = queuedAt
        self.attempts = attempts
    }
}
