import Foundation
import RelaisCore

/// The queue of statements of reasons bound for the DSA Transparency Database (Art. 24(5)).
///
/// Sending is claim, send, then mark, as for webhooks: a sender claims a tenant's queued
/// statements with a lease, sends them outside any transaction, and marks each. Two senders
/// (two instances, or `relais dsa submit` beside `relais serve`) never hold one statement at
/// once. A crash between the send and the mark leaves the claim to expire; the statement is
/// sent again, the Database answers that its puid is taken, and the sender checks with
/// `existing-puid` and marks it sent: the Database ends up holding it once.
public protocol TransparencyStore: Sendable {
    /// Up to `limit` queued statements of the tenant that are due (`next_attempt_at <= now`),
    /// under no live claim, and queued at or after `since`, oldest first; claimed by `worker`
    /// until `leaseUntil`.
    func claimQueuedStatements(tenantId: Tenant.ID, since: Date?, now: Date, leaseUntil: Date, worker: String, limit: Int) async throws
        -> [ClaimedStatement]
    /// The Database holds these. Not guarded by the claim (a success is a success); only a
    /// queued statement changes.
    func markStatementsSent(_ sent: [SentStatement], at: Date) async throws
    /// The Database refused this statement; `reasons` are its errors by field. Held until resent.
    func markStatementRejected(puid: String, reasons: [String: [String]], at: Date) async throws
    /// Not sent this time (429, 5xx, a refused token, no answer): the claim is freed, the
    /// attempt counted when `countAttempt`, and the statement due again at `nextAttemptAt`.
    /// Only the worker that holds the claim changes it.
    func releaseStatements(puids: [String], worker: String, error: String, nextAttemptAt: Date, countAttempt: Bool) async throws
    /// Queued statements of the tenant after `afterPuid` in puid order, without claiming
    /// them: what a dry run checks, page by page.
    func queuedStatements(tenantId: Tenant.ID, since: Date?, afterPuid: String?, limit: Int) async throws -> [ClaimedStatement]
    /// The submission state of each statement of the case; `nil` when the tenant has no such case.
    func statementSubmissions(caseId: ModerationCase.ID, tenantId: Tenant.ID) async throws -> [TransparencySubmission]?
    func transparencyCounts(tenantId: Tenant.ID) async throws -> TransparencyCounts
    /// The tenant's rejected statements, newest first, at most `limit`: what the compliance
    /// page lists with the Database's reasons.
    func rejectedStatements(tenantId: Tenant.ID, limit: Int) async throws -> [TransparencySubmission]
    /// Puts rejected statements back in the queue, due now (one by puid, or all of the
    /// tenant's), audited under `actor`. Returns how many.
    func resendRejected(tenantId: Tenant.ID, puid: String?, actor: String, now: Date) async throws -> Int
}
