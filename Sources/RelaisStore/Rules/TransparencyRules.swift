import Foundation
import RelaisCore

/// The Transparency Database queue (`TransparencyStore`), on either backend.
///
/// A claim is one statement, as for webhook events: the due statements are picked and marked
/// claimed together, the pick guarded by "queued and not under a live claim". SQLite's single
/// write lock serializes two processes on one file; on PostgreSQL the pick ends in
/// `FOR UPDATE SKIP LOCKED`, so senders on several instances take different statements.
extension TransparencyStore where Self: StoreDriver {
    public func claimQueuedStatements(tenantId: Tenant.ID, since: Date?, now: Date, leaseUntil: Date, worker: String, limit: Int) async throws
        -> [ClaimedStatement]
    {
        try await write(.query("""
            UPDATE tdb_submissions SET claimed_by = \(worker), claimed_until = \(leaseUntil)
            WHERE puid IN (
              SELECT s.puid FROM tdb_submissions s
              WHERE s.tenant_id = \(tenantId) AND s.status = 'queued' AND s.next_attempt_at <= \(now)
                AND (s.claimed_until IS NULL OR s.claimed_until <= \(now)) AND s.created_at >= \(TransparencyRules.floor(since))
              ORDER BY s.created_at, s.puid
              LIMIT \(limit)\(raw: dialect.skipLocked))
            RETURNING puid, attempts, created_at,
              (SELECT r.statement_json FROM statements_of_reasons r WHERE r.puid = tdb_submissions.puid) AS statement_json
            """) { rows in .done(try TransparencyRules.statements(rows)) })
    }

    public func markStatementsSent(_ sent: [SentStatement], at: Date) async throws {
        guard !sent.isEmpty else { return }
        try await write(StorePlan.write(sent.map { statement in
            """
            UPDATE tdb_submissions
            SET status = 'sent', uuid = \(statement.uuid), permalink = \(statement.permalink), sent_at = \(at), attempts = attempts + 1,
                last_error = NULL, reasons = NULL, claimed_by = NULL, claimed_until = NULL
            WHERE puid = \(statement.puid) AND status = 'queued'
            """
        }, answering: ()))
    }

    public func markStatementRejected(puid: String, reasons: [String: [String]], at: Date) async throws {
        let json = try TransparencyRules.reasonsJSON(reasons)
        try await write(StorePlan.write(["""
            UPDATE tdb_submissions
            SET status = 'rejected', reasons = \(json), attempts = attempts + 1, last_error = 'HTTP 422',
                next_attempt_at = \(at), claimed_by = NULL, claimed_until = NULL
            WHERE puid = \(puid) AND status = 'queued'
            """], answering: ()))
    }

    public func releaseStatements(puids: [String], worker: String, error: String, nextAttemptAt: Date, countAttempt: Bool) async throws {
        guard !puids.isEmpty else { return }
        let added = countAttempt ? 1 : 0
        try await write(StorePlan.write(puids.map { puid in
            """
            UPDATE tdb_submissions
            SET attempts = attempts + \(added), last_error = \(error), next_attempt_at = \(nextAttemptAt), claimed_by = NULL, claimed_until = NULL
            WHERE puid = \(puid) AND status = 'queued' AND claimed_by = \(worker)
            """
        }, answering: ()))
    }

    public func queuedStatements(tenantId: Tenant.ID, since: Date?, afterPuid: String?, limit: Int) async throws -> [ClaimedStatement] {
        try await read(.query("""
            SELECT s.puid, s.attempts, s.created_at, r.statement_json
            FROM tdb_submissions s JOIN statements_of_reasons r ON r.puid = s.puid
            WHERE s.tenant_id = \(tenantId) AND s.status = 'queued' AND s.created_at >= \(TransparencyRules.floor(since)) AND s.puid > \(afterPuid ?? "")
            ORDER BY s.puid
            LIMIT \(limit)
            """) { rows in .done(try rows.map(TransparencyRules.statement)) })
    }

    public func statementSubmissions(caseId: ModerationCase.ID, tenantId: Tenant.ID) async throws -> [TransparencySubmission]? {
        try await read(.first("SELECT 1 AS found FROM cases WHERE id = \(caseId) AND tenant_id = \(tenantId)") { found in
            guard found != nil else { return .done(nil) }
            return .query("SELECT * FROM tdb_submissions WHERE case_id = \(caseId) ORDER BY created_at, puid") { rows in
                .done(try rows.map(TransparencyRules.submission))
            }
        })
    }

    public func transparencyCounts(tenantId: Tenant.ID) async throws -> TransparencyCounts {
        // A queued statement whose last try met a refused token is what the sender's stop left
        // (`StatementSubmitter`): counted apart, so every instance's console can say sending stopped.
        try await read(.query("""
            SELECT status, COUNT(*) AS n,
              COALESCE(SUM(CASE WHEN status = 'queued' AND last_error LIKE \(TransparencyRules.tokenRefusedPattern) THEN 1 ELSE 0 END), 0) AS refused
            FROM tdb_submissions WHERE tenant_id = \(tenantId) GROUP BY status
            """) { rows in
            var counts: [String: Int] = [:]
            var refused = 0
            for row in rows {
                counts[try row.string("status")] = try row.int("n")
                refused += try row.int("refused")
            }
            return .done(TransparencyCounts(
                queued: counts["queued"] ?? 0, sent: counts["sent"] ?? 0, rejected: counts["rejected"] ?? 0, stoppedByRefusedToken: refused))
        })
    }

    public func rejectedStatements(tenantId: Tenant.ID, limit: Int) async throws -> [TransparencySubmission] {
        try await read(.query("""
            SELECT * FROM tdb_submissions WHERE tenant_id = \(tenantId) AND status = 'rejected' ORDER BY created_at DESC, puid LIMIT \(limit)
            """) { rows in .done(try rows.map(TransparencyRules.submission)) })
    }

    public func resendRejected(tenantId: Tenant.ID, puid: String?, actor: String, now: Date) async throws -> Int {
        try await write(.query("""
            UPDATE tdb_submissions SET status = 'queued', next_attempt_at = \(now), claimed_by = NULL, claimed_until = NULL
            WHERE tenant_id = \(tenantId) AND status = 'rejected' AND (CAST(\(puid) AS TEXT) IS NULL OR puid = \(puid))
            RETURNING puid, case_id
            """) { rows in
            let resent = try rows.map { (puid: try $0.string("puid"), caseId: try $0.id("case_id") as ModerationCase.ID) }
            return .write(resent.map {
                SharedStatements.audit(
                    tenantId: tenantId, actor: actor, at: now, action: "statement.resent", caseId: $0.caseId, before: AuditJSON.json(["status": "rejected"]),
                    after: AuditJSON.json(["status": "queued", "puid": $0.puid]))
            }, answering: resent.count)
        })
    }
}

enum TransparencyRules {
    /// What `StatementSubmitter` writes as the last error of a batch whose token was refused.
    static let tokenRefusedPattern = "HTTP 40_: token refused%"

    /// The row that queues a new statement, written in the decision's transaction
    /// (`DecisionRecord`): due at once.
    static func queue(puid: String, tenantId: Tenant.ID, caseId: ModerationCase.ID, now: Date) -> SQLStatement {
        """
        INSERT INTO tdb_submissions (puid, tenant_id, case_id, status, attempts, next_attempt_at, created_at)
        VALUES (\(puid), \(tenantId), \(caseId), 'queued', 0, \(now), \(now))
        """
    }

    /// No `since`: every statement (a date before any Relais could store one, which both
    /// databases compare like any other, where a bound NULL would need a type on PostgreSQL).
    static func floor(_ since: Date?) -> Date { since ?? Date(timeIntervalSince1970: 0) }

    static func statement(_ row: any ColumnReading) throws -> ClaimedStatement {
        ClaimedStatement(
            puid: try row.string("puid"), statementJSON: try row.string("statement_json"), attempts: try row.int("attempts"),
            queuedAt: try row.date("created_at"))
    }

    /// RETURNING gives rows in no promised order: oldest first, as claimed.
    static func statements(_ rows: [any ColumnReading]) throws -> [ClaimedStatement] {
        try rows.map(statement).sorted { ($0.queuedAt, $0.puid) < ($1.queuedAt, $1.puid) }
    }

    static func reasonsJSON(_ reasons: [String: [String]]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(reasons), as: UTF8.self)
    }

    static func submission(_ row: any ColumnReading) throws -> TransparencySubmission {
        let status = TransparencySubmission.Status(rawValue: try row.string("status")) ?? .queued
        let reasons = try row.optionalString("reasons").flatMap { try JSONDecoder().decode([String: [String]].self, from: Data($0.utf8)) }
        return TransparencySubmission(
            puid: try row.string("puid"), caseId: try row.string("case_id"), status: status, attempts: try row.int("attempts"),
            lastError: try row.optionalString("last_error"), uuid: try row.optionalString("uuid"), permalink: try row.optionalString("permalink"),
            reasons: reasons, sentAt: try row.optionalDate("sent_at"), queuedAt: try row.date("created_at"),
            nextAttemptAt: status == .queued ? try row.date("next_attempt_at") : nil)
    }
}
