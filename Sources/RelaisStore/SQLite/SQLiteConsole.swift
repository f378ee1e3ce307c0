import Foundation
import GRDB
import RelaisCore

/// The console's storage on SQLite.
extension SQLiteStorage {
    public func setPassword(moderatorName: String, passwordHash: String, now: Date) async throws {
        try await pool.write { db in
            // A new password also lifts a lock-out and ends the user's sessions.
            try db.execute(
                sql: "UPDATE moderators SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE name = ?",
                arguments: [passwordHash, moderatorName])
            guard db.changesCount == 1,
                let row = try Row.fetchOne(db, sql: "SELECT * FROM moderators WHERE name = ?", arguments: [moderatorName])
            else { throw ModerationError.moderatorNotFound(moderatorName) }
            let moderator = try StoredRows.moderator(row)
            try db.execute(sql: "UPDATE console_sessions SET ended_at = ? WHERE moderator_id = ? AND ended_at IS NULL", arguments: [now, moderator.id])
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: "cli", at: now, action: "moderator.password_set", caseId: nil, before: nil,
                after: AuditJSON.json(["name": moderator.name]))
        }
    }

    public func consoleCredentials(name: String) async throws -> ConsoleCredentials? {
        try await pool.read { db -> ConsoleCredentials? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM moderators WHERE name = ?", arguments: [name]) else { return nil }
            return ConsoleCredentials(moderator: try StoredRows.moderator(row), passwordHash: row["password_hash"], lockedUntil: row["locked_until"])
        }
    }

    public func recordSignIn(moderatorId: String, succeeded: Bool, policy: SignInPolicy, now: Date) async throws -> SignInRecord {
        try await pool.write { db -> SignInRecord in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM moderators WHERE id = ?", arguments: [moderatorId]) else {
                return .failed(lockedUntil: nil)
            }
            let moderator = try StoredRows.moderator(row)
            // Checked again here, in the write transaction: attempts that raced past the
            // route's check while the account was being locked are refused as well.
            if let lockedUntil: Date = row["locked_until"], lockedUntil > now { return .failed(lockedUntil: lockedUntil) }
            if succeeded {
                try db.execute(sql: "UPDATE moderators SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?", arguments: [moderatorId])
                try SQLiteAudit.append(
                    db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.signed_in", caseId: nil, before: nil, after: nil)
                return .signedIn
            }
            let failures = (row["failed_sign_ins"] as Int? ?? 0) + 1
            var lockedUntil: Date?
            if failures >= policy.maxFailures { lockedUntil = now.addingTimeInterval(policy.lockDuration) }
            try db.execute(
                sql: "UPDATE moderators SET failed_sign_ins = ?, locked_until = ? WHERE id = ?",
                arguments: [lockedUntil == nil ? failures : 0, lockedUntil, moderatorId])
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.sign_in_failed", caseId: nil,
                before: AuditJSON.json(["failedSignIns": failures - 1]), after: AuditJSON.json(["failedSignIns": failures]))
            if let lockedUntil {
                try SQLiteAudit.append(
                    db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.locked_out", caseId: nil, before: nil,
                    after: AuditJSON.json(["lockedUntil": Timestamp.format(lockedUntil)]))
            }
            return .failed(lockedUntil: lockedUntil)
        }
    }

    public func createConsoleSession(idHash: String, moderatorId: String, csrfToken: String, now: Date, expiresAt: Date) async throws {
        try await pool.write { db in
            // Expired sessions are pruned as new ones start.
            try db.execute(sql: "DELETE FROM console_sessions WHERE expires_at < ?", arguments: [now.addingTimeInterval(-86400)])
            try db.execute(
                sql: "INSERT INTO console_sessions (id_hash, moderator_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [idHash, moderatorId, csrfToken, now, expiresAt])
        }
    }

    public func consoleSession(idHash: String, now: Date) async throws -> ConsoleSession? {
        try await pool.read { db -> ConsoleSession? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.csrf_token, s.expires_at, m.* FROM console_sessions s JOIN moderators m ON m.id = s.moderator_id
                WHERE s.id_hash = ? AND s.ended_at IS NULL AND s.expires_at > ?
                """, arguments: [idHash, now])
            else { return nil }
            return ConsoleSession(moderator: try StoredRows.moderator(row), csrfToken: row["csrf_token"], expiresAt: row["expires_at"])
        }
    }

    public func endConsoleSession(idHash: String, now: Date) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT m.* FROM console_sessions s JOIN moderators m ON m.id = s.moderator_id WHERE s.id_hash = ? AND s.ended_at IS NULL
                """, arguments: [idHash])
            else { return }
            let moderator = try StoredRows.moderator(row)
            try db.execute(sql: "UPDATE console_sessions SET ended_at = ? WHERE id_hash = ?", arguments: [now, idHash])
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.signed_out", caseId: nil, before: nil, after: nil)
        }
    }

    /// Open cases in the claim's order (`claimSQL`'s ORDER BY), with what the queue shows.
    public func openCases(tenantId: String, filter: QueueFilter, now: Date, limit: Int) async throws -> [QueueEntry] {
        let weights = moderation.weights
        return try await pool.read { db -> [QueueEntry] in
            var conditions = ["c.tenant_id = :tenant", "c.status = 'open'", "c.due_at IS NOT NULL"]
            var arguments: [String: (any DatabaseValueConvertible)?] = [
                "tenant": tenantId, "now": now, "perTargetElapsed": weights.perTargetElapsed,
                "maximumTargetsElapsed": weights.maximumTargetsElapsed, "overdue": weights.overdue, "limit": limit,
            ]
            if let category = filter.category {
                conditions.append("EXISTS (SELECT 1 FROM reports f WHERE f.case_id = c.id AND f.category = :category)")
                arguments["category"] = category
            }
            if let country = filter.country {
                conditions.append("EXISTS (SELECT 1 FROM reports f WHERE f.case_id = c.id AND f.reporter_country = :country)")
                arguments["country"] = country
            }
            if filter.overdueOnly { conditions.append("c.due_at < :now") }
            let sql = """
                SELECT c.id, c.subject_kind, c.report_count, c.due_at, m.name AS leased_by, c.lease_expires_at,
                  (SELECT GROUP_CONCAT(DISTINCT r.category) FROM reports r WHERE r.case_id = c.id) AS categories,
                  (SELECT GROUP_CONCAT(DISTINCT r.reporter_country) FROM reports r WHERE r.case_id = c.id) AS countries,
                  c.base_priority
                    + :perTargetElapsed * MIN(MAX(0.0, (julianday(:now) - julianday(c.first_report_at)) * 86400.0) / c.target_seconds, :maximumTargetsElapsed)
                    + (CASE WHEN c.due_at < :now THEN :overdue ELSE 0.0 END) AS score
                FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY score DESC, c.due_at, c.first_report_at, c.id
                LIMIT :limit
                """
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { try StoredRows.queueEntry($0, now: now) }
        }
    }

    public func authorDecisions(tenantId: String, authorId: String, excludingCase: String) async throws -> [AuthorDecision] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.case_id, d.decided_at, d.decision_json, m.name AS moderator FROM decisions d JOIN moderators m ON m.id = d.moderator_id
                WHERE d.tenant_id = ? AND d.author_id = ? AND d.case_id <> ? ORDER BY d.decided_at DESC LIMIT 50
                """, arguments: [tenantId, authorId, excludingCase]).map(StoredRows.authorDecision)
        }
    }

    public func revealContent(caseId: String, by moderator: Moderator, now: Date) async throws -> Bool {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ? AND tenant_id = ?", arguments: [caseId, moderator.tenantId]) == true
            else { return false }
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: ContentRevealAudit.action, caseId: caseId,
                before: ContentRevealAudit.before, after: ContentRevealAudit.after)
            return true
        }
    }
}

extension SQLiteStorage {
    public func auditLog(tenantId: String, caseId: String) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE case_id = ? AND tenant_id = ? ORDER BY seq", arguments: [caseId, tenantId])
                .map(StoredRows.auditEntry)
        }
    }

    public func recentAudit(tenantId: String, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY seq DESC LIMIT ?", arguments: [tenantId, limit])
                .map(StoredRows.auditEntry)
        }
    }
}
