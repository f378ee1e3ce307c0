import Foundation
import Logging
import RelaisCore
import RelaisStore

/// Sends one tenant's queued statements of reasons to the Transparency Database: the rules of
/// sending, shared by the server's background worker and `relais dsa submit`.
///
/// One pass claims up to 100 statements (the batch endpoint's limit) and sends them as one
/// batch. The batch is all or nothing (dsa-notes §1.2), so:
/// - a 422 naming `statement_N` holds those statements as `rejected` with the Database's
///   reasons and sends the rest again at once;
/// - a 422 on puids already used asks `existing-puid` for each: found means the Database holds
///   this platform's statement (a puid is unique per platform and Relais makes each from its
///   own decision id), typically one sent before a crash and never marked, so it is marked
///   sent; the rest is sent again;
/// - 429, 5xx and no answer leave the batch queued with a growing, jittered delay;
/// - 401/403 leave it queued without counting an attempt and report `tokenRefused`: the
///   caller stops sending for the tenant.
///
/// Bodies are never logged: statements are public once sent, but not before, and a 422's
/// reasons quote them.
public struct StatementSubmitter: Sendable {
    public static let batchLimit = 100

    let store: any TransparencyStore
    let client: any TransparencyClient
    let tenantId: Tenant.ID
    let tenantName: String
    let worker: String
    let lease: TimeInterval
    let retry: WebhookRetryPolicy
    let now: @Sendable () -> Date
    let jitter: @Sendable (TimeInterval) -> TimeInterval
    let logger: Logger

    public init(
        store: any TransparencyStore, client: any TransparencyClient, tenantId: Tenant.ID, tenantName: String, worker: String,
        lease: TimeInterval = 120, retry: WebhookRetryPolicy = WebhookRetryPolicy(base: 2, cap: 900, maxAttempts: .max),
        now: @escaping @Sendable () -> Date = { Date() }, jitter: @escaping @Sendable (TimeInterval) -> TimeInterval = WebhookRetryPolicy.fullJitter,
        logger: Logger
    ) {
        self.store = store
        self.client = client
        self.tenantId = tenantId
        self.tenantName = tenantName
        self.worker = worker
        self.lease = lease
        self.retry = retry
        self.now = now
        self.jitter = jitter
        self.logger = logger
    }

    /// Passes until the queue has nothing due, the token is refused, or a batch must wait;
    /// `progress` is called after each pass with the running tally.
    public func drain(since: Date? = nil, progress: @Sendable (SubmissionTally) -> Void = { _ in }) async throws -> SubmissionTally {
        var total = SubmissionTally()
        while true {
            let pass = try await sendOnePass(since: since)
            total = total + pass
            progress(total)
            if pass.claimed < Self.batchLimit || pass.tokenRefused != nil || pass.retried > 0 { return total }
        }
    }

    /// Claims up to one batch and sends it, resending what a 422 left valid.
    public func sendOnePass(since: Date? = nil) async throws -> SubmissionTally {
        let start = now()
        var pending = try await store.claimQueuedStatements(
            tenantId: tenantId, since: since, now: start, leaseUntil: start.addingTimeInterval(lease), worker: worker, limit: Self.batchLimit)
        var tally = SubmissionTally()
        tally.claimed = pending.count
        var tries = 0
        while !pending.isEmpty {
            tries += 1
            // Each round removes at least one statement or stops, so this bound is never the
            // reason to stop; it guards against a Database that keeps answering nonsense.
            guard tries <= Self.batchLimit + 1 else {
                try await wait(pending, error: "too many rounds", tally: &tally)
                break
            }
            let outcome: TransparencyBatchOutcome
            switch await client.postStatements(Self.body(pending)) {
            case .failed(let kind): outcome = .retry(kind)
            case .answered(let status, let body): outcome = TransparencyBatchOutcome.classify(status: status, body: body)
            }
            switch outcome {
            case .created(let receipts):
                try await store.markStatementsSent(
                    pending.map { SentStatement(puid: $0.puid, uuid: receipts[$0.puid]?.uuid, permalink: receipts[$0.puid]?.permalink) }, at: now())
                tally.sent += pending.count
                pending = []
            case .refused(let positions):
                var kept: [ClaimedStatement] = []
                for (index, statement) in pending.enumerated() {
                    if let reasons = positions[index] {
                        try await store.markStatementRejected(puid: statement.puid, reasons: reasons, at: now())
                        tally.rejected += 1
                        logger.warning(
                            "statement rejected by the Transparency Database",
                            metadata: ["tenant": "\(tenantName)", "puid": "\(statement.puid)", "fields": "\(reasons.keys.sorted().joined(separator: ","))"])
                    } else {
                        kept.append(statement)
                    }
                }
                guard kept.count < pending.count else {
                    try await wait(pending, error: "HTTP 422 naming no statement of the batch", tally: &tally)
                    pending = []
                    break
                }
                pending = kept
            case .duplicatePuids(let named):
                let found = try await markExisting(named.isEmpty ? pending.map(\.puid) : named, among: pending)
                tally.alreadyThere += found.count
                guard !found.isEmpty else {
                    try await wait(pending, error: "HTTP 422 duplicate puid not found by existing-puid", tally: &tally)
                    pending = []
                    break
                }
                pending.removeAll { found.contains($0.puid) }
            case .tokenRefused(let status):
                try await store.releaseStatements(
                    puids: pending.map(\.puid), worker: worker, error: "HTTP \(status): token refused; sending stopped for this tenant",
                    nextAttemptAt: now(), countAttempt: false)
                tally.tokenRefused = status
                pending = []
            case .retry(let error):
                try await wait(pending, error: error, tally: &tally)
                pending = []
            }
        }
        return tally
    }

    /// The puids of `candidates` (those of the batch only) that the Database says it holds, marked sent.
    func markExisting(_ candidates: [String], among pending: [ClaimedStatement]) async throws -> Set<String> {
        let ours = Set(pending.map(\.puid))
        var found: [SentStatement] = []
        for puid in candidates where ours.contains(puid) {
            if case .answered(302, _) = await client.existingPuid(puid) { found.append(SentStatement(puid: puid, uuid: nil, permalink: nil)) }
        }
        try await store.markStatementsSent(found, at: now())
        return Set(found.map(\.puid))
    }

    /// Leaves the statements queued, due again after the backoff of their next attempt.
    func wait(_ statements: [ClaimedStatement], error: String, tally: inout SubmissionTally) async throws {
        let attempts = (statements.map(\.attempts).max() ?? 0) + 1
        let delay = retry.delay(afterAttempt: attempts, jitter: jitter)
        try await store.releaseStatements(
            puids: statements.map(\.puid), worker: worker, error: error, nextAttemptAt: now().addingTimeInterval(delay), countAttempt: true)
        tally.retried += statements.count
        logger.notice(
            "Transparency Database batch not sent; retrying later",
            metadata: ["tenant": "\(tenantName)", "statements": "\(statements.count)", "error": "\(error)", "retryIn": "\(Int(delay.rounded()))s"])
    }

    /// `{"statements": [ … ]}` with each statement exactly as stored (and as the console shows it).
    static func body(_ statements: [ClaimedStatement]) -> Data {
        Data(("{\"statements\":[" + statements.map(\.statementJSON).joined(separator: ",") + "]}").utf8)
    }
}
