import Foundation
import RelaisCore

/// A report waiting on the device to be sent, with the idempotency key it was first sent
/// with: every later attempt uses the same key, so Relais files it once.
public struct QueuedReport: Sendable, Equatable, Codable {
    public var idempotencyKey: String
    public var draft: ReportDraft
    public var queuedAt: Date
    /// Attempts made so far, for the app's own display.
    public var attempts: Int

    public init(idempotencyKey: String, draft: ReportDraft, queuedAt: Date, attempts: Int = 0) {
        self.idempotencyKey = idempotencyKey
        self.draft = draft
        self.queuedAt = queuedAt
        self.attempts = attempts
    }
}
