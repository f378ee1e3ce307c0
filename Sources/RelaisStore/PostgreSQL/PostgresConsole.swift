import Foundation
import PostgresNIO
import RelaisCore

/// The console's storage on PostgreSQL (see `SQLiteConsole` for the rules). The sign-in
/// count locks the moderator's row, so wrong passwords sent to several instances at once
/// are all counted and the lock-out holds.
extension PostgresStorage {
    public func setPassword(moderatorName: String, passwordHash: String, now: Date) async throws {
        try await write { db in
            // A new password also lifts a lock-out and ends the user's sessions.
            guard
                let moderator = try await db.row("""
                    UPDATE moderators SET password_hash = \(passwordHash), failed_sign_ins = 0, locked_until = NULL
                    WHERE name = \(moderatorName) RETURNING *
                    """).map(StoredRows.moderator)
            else { throw ModerationError.moderatorNotFound(moderatorName) }
            try await db.execute(
                "UPDATE console_sessions SET ended_at = \(now) WHERE moderator_id = \(moderator.id) AND ended_at IS NULL")
            try await PostgresAudit.append(
                db, tenantId: moderator.tenantId, actor: "cli", at: now, action: "moderator.password_set", caseId: nil, before: nil,
                after: AuditJSON.json(["name": moderator.name]))
        }
    }

    public func consoleCredentials(name: String) async throws -> ConsoleCredentials? {
        try await single { db -> ConsoleCredentials? in
            guard let row = try await db.row("SELECT * FROM moderators WHERE name = \(name)") else { return nil }
            return ConsoleCredentials(
                moderator: try StoredRows.moderator(row), passwordHash: try row.optionalString("password_hash"),
                lockedUntil: try row.optionalDate("locked_until"))
        }
    }

    public func recordSignIn(moderatorId: String, succeeded: Bool, policy: SignInPolicy, now: Date) async throws -> SignInRecord {
        try await write { db -> SignInRecord in
            guard let row = try await db.row("SELECT * FROM moderators WHERE id = \(moderatorId) FOR UPDATE") else {
                return .failed(lockedUntil: nil)
            }
            let moderator = try StoredRows.moderator(row)
            if let lockedUntil = try row.optionalDate("locked_until"), lockedUntil > now { return .failed(lockedUntil: lockedUntil) }
            if succeeded {
                try await db.execute("UPDATE moderators SET failed_sign_ins = 0, locked_until = NULL WHERE id = \(moderatorId)")
                try await PostgresAudit.append(
                    db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.signed_in", caseId: nil, before: nil,
                    after: nil)
                return .signedIn
            }
            let failures = try row.int("failed_sign_ins") + 1
            var lockedUntil: Date?
            if failures >= policy.maxFailures { lockedUntil = now.addingTimeInterval(policy.lockDuration) }
            try await db.execute(
                "UPDATE moderators SET failed_sign_ins = \(lockedUntil == nil ? failures : 0), locked_until = \(lockedUntil) WHERE id = \(moderatorId)")
            try await PostgresAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.sign_in_failed", caseId: nil,
                before: AuditJSON.json(["failedSignIns": failures - 1]), after: AuditJSON.json(["failedSignIns": failures]))
            if let lockedUntil {
                try await PostgresAudit.append(
                    db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.locked_out", caseId: nil, before: nil,
                    after: AuditJSON.json(["lockedUntil": Timestamp.format(lockedUntil)]))
            }
            return .failed(lockedUntil: lockedUntil)
        }
    }

    public func createConsoleSession(idHash: String, moderatorId: String, csrfToken: String, now: Date, expiresAt: Date) async throws {
        try await write { db in
            // Expired sessions are pruned as new ones start.
            try await db.execute("DELETE FROM console_sessions WHERE expires_at < \(now.addingTimeInterval(-86400))")
            try await db.execute("""
                INSERT INTO console_sessions (id_hash, moderator_id, csrf_token, created_at, expires_at)
                VALUES (\(idHash), \(moderatorId), \(csrfToken), \(now), \(expiresAt))
                """)
        }
    }

    public func consoleSession(idHash: String, now: Date) async throws -> ConsoleSession? {
        try await single { db -> ConsoleSession? in
            guard
                let row = try await db.row("""
                    SELECT s.csrf_token, s.expires_at AS session_expires_at, m.* FROM console_sessions s JOIN moderators m ON m.id = s.moderator_id
                    WHERE s.id_hash = \(idHash) AND s.ended_at IS NULL AND s.expires_at > \(now)
                    """)
            else { return nil }
            return ConsoleSession(
                moderator: try StoredRows.moderator(row), csrfToken: try row.string("csrf_token"), expiresAt: try row.date("session_expires_at"))
        }
    }

    public func endConsoleSession(idHash: String, now: Date) async throws {
        try await write { db in
            guard
                let moderator = try await db.row("""
                    UPDATE console_sessions s SET ended_at = \(now) FROM moderators m
                    WHERE m.id = s.moderator_id AND s.id_hash = \(idHash) AND s.ended_at IS NULL RETURNING m.*
                    """).map(StoredRows.moderator)
            else { return }
            try await PostgresAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.signed_out", caseId: nil, before: nil,
                after: nil)
        }
    }

    /// Open cases in the claim's order, with what the queue shows. Absent filters are NULL
    /// parameters, so the statement is the same whatever the filter.
    public func openCases(tenantId: String, filter: QueueFilter, now: Date, limit: Int) async throws -> [QueueEntry] {
        let weights = moderation.weights
        return try await single { db in
            try await db.rows("""
                SELECT c.id, c.subject_kind, c.report_count, c.due_at, m.name AS leased_by, c.lease_expires_at,
                  (SELECT string_agg(DISTINCT r.category, ',') FROM reports r WHERE r.case_id = c.id) AS categories,
                  (SELECT string_agg(DISTINCT r.reporter_country, ',') FROM reports r WHERE r.case_id = c.id) AS countries,
                  \(queueScoreAt: now, weights: weights, table: "c.") AS score
                FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner
                WHERE c.tenant_id = \(tenantId) AND c.status = 'open' AND c.due_at IS NOT NULL
                  AND (\(filter.category)::text IS NULL
                    OR EXISTS (SELECT 1 FROM reports f WHERE f.case_id = c.id AND f.category = \(filter.category)))
                  AND (\(filter.country)::text IS NULL
                    OR EXISTS (SELECT 1 FROM reports f WHERE f.case_id = c.id AND f.reporter_country = \(filter.country)))
                  AND (NOT \(filter.overdueOnly) OR c.due_at < \(now))
                ORDER BY score DESC, c.due_at, c.first_report_at, c.id
                LIMIT \(limit)
                """).map { try StoredRows.queueEntry($0, now: now) }
        }
    }

    public func authorDecisions(tenantId: String, authorId: String, excludingCase: String) async throws -> [AuthorDecision] {
        try await single { db in
            try await db.rows("""
                SELECT d.case_id, d.decided_at, d.decision_json, m.name AS moderator FROM decisions d JOIN moderators m ON m.id = d.moderator_id
                WHERE d.tenant_id = \(tenantId) AND d.author_id = \(authorId) AND d.case_id <> \(excludingCase)
                ORDER BY d.decided_at DESC LIMIT 50
                """).map(StoredRows.authorDecision)
        }
    }

    public func revealContent(caseId: String, by moderator: Moderator, now: Date) async throws -> Bool {
        try await write { db in
            guard try await db.row("SELECT 1 FROM cases WHERE id = \(caseId) AND tenant_id = \(moderator.tenantId)") != nil else { return false }
            try await PostgresAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: ContentRevealAudit.action, caseId: caseId,
                before: ContentRevealAudit.before, after: ContentRevealAudit.after)
            return true
        }
    }

    public func auditLog(tenantId: String, caseId: String) async throws -> [AuditEntry] {
        try await single { db in
            try await db.rows("SELECT * FROM audit_log WHERE case_id = \(caseId) AND tenant_id = \(tenantId) ORDER BY seq")
                .map(StoredRows.auditEntry)
        }
    }

    public func recentAudit(tenantId: String, limit: Int) async throws -> [AuditEntry] {
        try await single { db in
            try await db.rows("SELECT * FROM audit_log WHERE tenant_id = \(tenantId) ORDER BY seq DESC LIMIT \(limit)").map(StoredRows.auditEntry)
        }
    }
}
