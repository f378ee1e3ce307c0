import Foundation
import GRDB
import RelaisCore

/// The queue: claiming the most urgent case with a lease, renewing and releasing it.
///
/// **The claim is one write transaction**: it picks the most urgent open case whose lease is
/// absent or expired and writes the lease before committing. SQLite has one writer at a
/// time, so two claims are serialized and the second no longer sees the first one's case
/// as free: a leased case is never handed to a second moderator.
///
/// **The order is the core's formula.** `CasePriority.score` is a time-independent part
/// (stored per case as `base_priority`, see `SQLiteCaseFacts`) plus two terms of time:
///
///     base_priority
///       + perTargetElapsed × min(max(0, now − first_report_at) / target_seconds, maximumTargetsElapsed)
///       + overdue          × [now > due_at]
///
/// and the ties go to the earlier `due_at`, then `first_report_at`, then id, exactly as
/// `CasePriority.isMoreUrgent`. The two time terms are evaluated in SQL with the same
/// weights, so the queue's first case is the core's first case (a test checks it).
///
/// **PostgreSQL** (`PostgresModeration`) computes the same order with `EXTRACT(EPOCH FROM …)`
/// for the wait and ends in `LIMIT 1 FOR UPDATE SKIP LOCKED`, then writes the lease in the
/// same transaction: concurrent claims on several instances skip the row another claim has
/// locked instead of waiting for it, and once committed the lease keeps it out of the `WHERE`.
/// The index `cases_queue (tenant_id, status, base_priority DESC, due_at)` narrows the scan to
/// one tenant's open cases on both backends.
extension SQLiteStorage {
    static let claimSQL = """
        SELECT id FROM cases
        WHERE tenant_id = :tenant AND status = 'open' AND due_at IS NOT NULL
          AND (lease_expires_at IS NULL OR lease_expires_at <= :now)
        ORDER BY base_priority
            + :perTargetElapsed * MIN(MAX(0.0, (julianday(:now) - julianday(first_report_at)) * 86400.0) / target_seconds, :maximumTargetsElapsed)
            + (CASE WHEN due_at < :now THEN :overdue ELSE 0.0 END) DESC,
          due_at, first_report_at, id
        LIMIT 1
        """

    public func claimNextCase(for moderator: Moderator, now: Date) async throws -> ModerationCase? {
        let weights = moderation.weights, expiresAt = now.addingTimeInterval(moderation.leaseDuration)
        let caseId = try await pool.write { db -> String? in
            let arguments: StatementArguments = [
                "tenant": moderator.tenantId, "now": now, "perTargetElapsed": weights.perTargetElapsed,
                "maximumTargetsElapsed": weights.maximumTargetsElapsed, "overdue": weights.overdue,
            ]
            guard let id = try String.fetchOne(db.cachedStatement(sql: Self.claimSQL), arguments: arguments) else { return nil }
            let before = try Self.leaseState(db, caseId: id)
            try db.cachedStatement(sql: "UPDATE cases SET lease_owner = ?, lease_expires_at = ? WHERE id = ?")
                .execute(arguments: [moderator.id, expiresAt, id])
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "case.claimed", caseId: id, before: before,
                after: AuditJSON.lease(owner: moderator.name, expiresAt: expiresAt))
            return id
        }
        guard let caseId else { return nil }
        return try await moderationCase(id: caseId, tenantId: moderator.tenantId, now: now)
    }

    public func renewLease(caseId: String, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        let expiresAt = now.addingTimeInterval(moderation.leaseDuration)
        let outcome = try await changeLease(caseId: caseId, by: moderator, now: now, action: "case.lease_renewed") { db in
            try db.execute(sql: "UPDATE cases SET lease_expires_at = ? WHERE id = ?", arguments: [expiresAt, caseId])
            return AuditJSON.lease(owner: moderator.name, expiresAt: expiresAt)
        }
        guard case .released = outcome else { return outcome }
        guard let found = try await moderationCase(id: caseId, tenantId: moderator.tenantId, now: now) else { return .notFound }
        return .leased(found)
    }

    public func releaseLease(caseId: String, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        try await changeLease(caseId: caseId, by: moderator, now: now, action: "case.released") { db in
            try db.execute(sql: "UPDATE cases SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ?", arguments: [caseId])
            return AuditJSON.lease(owner: nil, expiresAt: nil)
        }
    }

    /// Checks, in one transaction, that the caller holds a live lease, then applies `change`
    /// and audits it. `.released` means "changed".
    private func changeLease(
        caseId: String, by moderator: Moderator, now: Date, action: String, change: @escaping @Sendable (Database) throws -> String
    ) async throws -> LeaseOutcome {
        try await pool.write { db -> LeaseOutcome in
            switch try Self.leaseCheck(db, caseId: caseId, moderator: moderator, now: now) {
            case .notFound: return .notFound
            case .notLeasedByCaller: return .notLeasedByCaller
            case .held: break
            }
            let before = try Self.leaseState(db, caseId: caseId)
            let after = try change(db)
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: action, caseId: caseId, before: before, after: after)
            return .released
        }
    }

    static func leaseCheck(_ db: Database, caseId: String, moderator: Moderator, now: Date) throws -> LeaseCheck {
        try StoredRows.leaseCheck(
            try Row.fetchOne(
                db, sql: "SELECT status, lease_owner, lease_expires_at FROM cases WHERE id = ? AND tenant_id = ?",
                arguments: [caseId, moderator.tenantId]),
            moderator: moderator, now: now)
    }

    /// The case's state for the audit log's "before".
    static func leaseState(_ db: Database, caseId: String) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT c.status, m.name AS owner, c.lease_expires_at FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner WHERE c.id = ?
            """, arguments: [caseId])
        else { return nil }
        return try StoredRows.leaseStateJSON(row)
    }

    // MARK: Reading a case

    public func moderationCase(id: String, tenantId: String, now: Date) async throws -> ModerationCase? {
        let policy = moderation
        return try await pool.read { db in try Self.moderationCase(db, id: id, tenantId: tenantId, now: now, policy: policy) }
    }

    static func moderationCase(_ db: Database, id: String, tenantId: String, now: Date, policy: ModerationPolicy) throws -> ModerationCase? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT c.*, m.name AS lease_owner_name FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner
            WHERE c.id = ? AND c.tenant_id = ?
            """, arguments: [id, tenantId]),
            let facts = try SQLiteCaseFacts.facts(db, caseId: id)
        else { return nil }
        let reports = try Row.fetchAll(db, sql: """
            SELECT r.*, c.report_count FROM reports r JOIN cases c ON c.id = r.case_id WHERE r.case_id = ? ORDER BY r.received_at, r.rowid
            """, arguments: [id]).map(StoredRows.storedReport)
        var lease: Lease?
        if let owner: String = row["lease_owner"], let expires: Date = row["lease_expires_at"], expires > now {
            lease = Lease(moderatorId: owner, moderatorName: row["lease_owner_name"] ?? owner, expiresAt: expires)
        }
        let authorId: String? = row["author_id"]
        return ModerationCase(
            id: id, tenantId: tenantId, status: row["status"], facts: facts, authorId: authorId, subjectId: row["subject_id"],
            reports: reports, priority: CasePriority.assess(facts, weights: policy.weights, now: now), lease: lease,
            decisions: try Self.decisions(db, caseId: id),
            repeatOffender: try Self.repeatOffender(db, tenantId: tenantId, authorId: authorId, policy: policy.repeatOffenders, now: now))
    }
}
