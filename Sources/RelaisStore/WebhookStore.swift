import Foundation

/// Webhook endpoints and the delivery state of outbox events.
///
/// Delivery is claim, send, then mark: a worker claims due events with a short lease, sends
/// them outside any transaction, and marks each one. A crash between send and mark leaves
/// the claim to expire and the event to be sent again: at-least-once, deduplicated by the
/// receiver on the event id.
public protocol WebhookStore: Sendable {
    /// Sets the tenant's URL. The first time, or with `rotateSecret`, a new secret is
    /// generated and returned (the only time it is seen); otherwise the secret is kept and
    /// `newSecret` is nil.
    func setWebhookEndpoint(tenantName: String, url: String, rotateSecret: Bool, now: Date) async throws
        -> (WebhookEndpoint, newSecret: String?)
    func webhookEndpoint(tenantName: String) async throws -> WebhookEndpoint?

    /// Claims up to `limit` due events (pending, `next_attempt_at <= now`, no live claim) of
    /// tenants that have an endpoint, until `leaseUntil`, for `worker`. Events of tenants
    /// without an endpoint stay pending and are never claimed.
    func claimDueWebhooks(now: Date, leaseUntil: Date, worker: String, limit: Int) async throws -> [WebhookDelivery]
    /// The receiver answered 2xx. Counts the attempt and frees the claim.
    func markWebhookDelivered(eventId: String, at: Date) async throws
    /// Records a failed attempt, only if `worker` still holds the claim (a worker whose lease
    /// expired must not overwrite the state another worker wrote). Returns whether it did.
    @discardableResult
    func markWebhookFailed(eventId: String, worker: String, failure: WebhookFailure) async throws -> Bool

    /// All tenants when `tenantName` is nil.
    func webhookStatus(tenantName: String?) async throws -> WebhookStatus
    /// Puts events back to pending, due `now`, with a fresh count of attempts, and records who
    /// did it (`actor`: a moderator's name, or "cli") in the audit log, in the same transaction
    /// (`WebhookReplayAudit`). Returns how many. An event that does not exist (or belongs to
    /// another tenant than `tenantName`) throws `WebhookError.eventNotFound`; one being sent
    /// right now, `WebhookError.eventInFlight`.
    func replayWebhooks(_ selection: WebhookReplay, tenantName: String?, actor: String, now: Date) async throws -> Int
}
