import Foundation
import RelaisCore

/// The queue: claiming the most urgent case with a lease, renewing and releasing it.
///
/// **The claim is one write transaction**: it picks the most urgent open case whose lease is
/// absent or expired and writes the lease before committing. On SQLite, with one writer, two
/// claims are serialized and the second no longer sees the first one's case as free; on
/// PostgreSQL the pick ends in `FOR UPDATE SKIP LOCKED`, so concurrent claims on several
/// instances skip the row another claim holds instead of waiting for it, and once committed
/// the lease keeps it out of every claim's `WHERE`. A leased case is never handed to a
/// second moderator.
///
/// **The order is the core's formula.** `CasePriority.score` is a time-independent part
/// (stored per case as `base_priority`, see `CaseQueueColumns`) plus two terms of time:
///
///     base_priority
///       + perTargetElapsed × min(max(0, now − first_report_at) / target_seconds, maximumTargetsElapsed)
///       + overdue          × [now > due_at]
///
/// (`SQLDialect.queueScore`) and the ties go to the earlier `due_at`, then `first_report_at`,
/// then id, exactly as `CasePriority.isMoreUrgent`, so the queue's first case is the core's
/// first case (a test checks it). The claim does not order every open case by it: it picks
/// the same case from the head of each group of cases with the same time-independent part
/// and target time (`QueuePick`), so its cost does not grow with the queue.
extension ModerationStore where Self: StoreDriver {
    public func claimNextCase(for moderator: Moderator, now: Date) async throws -> ModerationCase? {
        let weights = moderation.weights, leaseDuration = moderation.leaseDuration, dialect = self.dialect
        let senior = moderator.role.isSenior, tenantId = moderator.tenantId
        let pick = QueuePick.statement(tenantId: tenantId, senior: senior, now: now, weights: weights, dialect: dialect)
        let caseId = try await write(StorePlan<ModerationCase.ID?>.first(pick) { row in
            if let id: ModerationCase.ID = try row?.id("id") {
                return LeaseChange.claim(id, queue: .cases, moderator: moderator, now: now, leaseDuration: leaseDuration).then { .done($0) }
            }
            // Only PostgreSQL skips locked rows: there, concurrent claims may hold every
            // candidate, and the reference order still finds a free case if there is one.
            guard !dialect.skipLocked.isEmpty else { return .done(nil) }
            return .first(QueuePick.reference(tenantId: tenantId, senior: senior, now: now, weights: weights, dialect: dialect)) { row in
                guard let id: ModerationCase.ID = try row?.id("id") else { return .done(nil) }
                return LeaseChange.claim(id, queue: .cases, moderator: moderator, now: now, leaseDuration: leaseDuration).then { .done($0) }
            }
        })
        guard let caseId else { return nil }
        return try await moderationCase(id: caseId, tenantId: moderator.tenantId, now: now)
    }

    /// A chosen case, claimed as `claimNextCase` claims: free when its lease is absent, expired
    /// or already the caller's.
    public func claimCase(id: ModerationCase.ID, for moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        let leaseDuration = moderation.leaseDuration
        let claim = try await write(StorePlan<LeaseCheck>.first("""
            SELECT status, lease_owner, lease_expires_at, escalated_at FROM cases \
            WHERE id = \(id) AND tenant_id = \(moderator.tenantId)\(raw: dialect.lockRow)
            """) { row in
            guard let row else { return .done(.notFound) }
            let owner = try row.optionalString("lease_owner"), expires = try row.optionalDate("lease_expires_at")
            let free = owner == nil || owner == moderator.id.rawValue || (expires.map { $0 <= now } ?? true)
            // An escalated case waits for a senior.
            let allowed = try moderator.role.isSenior || row.optionalDate("escalated_at") == nil
            guard try row.string("status") == "open", free, allowed else { return .done(.notLeasedByCaller) }
            return LeaseChange.claim(id, queue: .cases, moderator: moderator, now: now, leaseDuration: leaseDuration).then { _ in .done(.held) }
        })
        switch claim {
        case .notFound: return .notFound
        case .notLeasedByCaller: return .notLeasedByCaller
        case .held:
            guard let found = try await moderationCase(id: id, tenantId: moderator.tenantId, now: now) else { return .notFound }
            return .leased(found)
        }
    }

    public func renewLease(caseId: ModerationCase.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        switch try await changeLease(.renew, caseId: caseId, by: moderator, now: now) {
        case .notFound: return .notFound
        case .notLeasedByCaller: return .notLeasedByCaller
        case .changed:
            guard let found = try await moderationCase(id: caseId, tenantId: moderator.tenantId, now: now) else { return .notFound }
            return .leased(found)
        }
    }

    public func releaseLease(caseId: ModerationCase.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        switch try await changeLease(.release, caseId: caseId, by: moderator, now: now) {
        case .notFound: return .notFound
        case .notLeasedByCaller: return .notLeasedByCaller
        case .changed: return .released
        }
    }

    private func changeLease(_ kind: LeaseChange.Kind, caseId: ModerationCase.ID, by moderator: Moderator, now: Date) async throws -> LeaseChange.Result {
        let change = LeaseChange(kind: kind, caseId: caseId, moderator: moderator, now: now, leaseDuration: moderation.leaseDuration)
        return try await write(change.plan(dialect: dialect))
    }

    public func moderationCase(id: ModerationCase.ID, tenantId: Tenant.ID, now: Date) async throws -> ModerationCase? {
        try await read(CaseReading.moderationCase(id: id, tenantId: tenantId, now: now, policy: moderation, dialect: dialect))
    }

    public func decide(caseId: ModerationCase.ID, decision: Decision, by moderator: Moderator, now: Date) async throws -> DecisionOutcome {
        try await write(DecisionPlan(caseId: caseId, decision: decision, moderator: moderator, now: now, misuse: moderation.misuse).plan(dialect: dialect))
    }

    public func statements(caseId: ModerationCase.ID, tenantId: Tenant.ID) async throws -> [StatementOfReasons]? {
        try await read(.first("SELECT 1 AS found FROM cases WHERE id = \(caseId) AND tenant_id = \(tenantId)") { found in
            guard found != nil else { return .done(nil) }
            return .query("SELECT statement_json FROM statements_of_reasons WHERE case_id = \(caseId) ORDER BY created_at, puid") { rows in
                .done(try rows.map { try JSONDecoder().decode(StatementOfReasons.self, from: Data(try $0.string("statement_json").utf8)) })
            }
        })
    }
}
