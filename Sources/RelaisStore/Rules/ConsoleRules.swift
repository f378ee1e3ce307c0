import Foundation
import RelaisCore

/// The console's storage, on either backend: passwords, sign-ins with the lock-out,
/// sessions, the queue as a list, the audit log.
extension ConsoleStore where Self: StoreDriver {
    public func setPassword(moderatorName: String, passwordHash: String, now: Date) async throws {
        try await write(.first("""
            UPDATE moderators SET password_hash = \(passwordHash), failed_sign_ins = 0, locked_until = NULL
            WHERE name = \(moderatorName) RETURNING *
            """) { row in
            // A new password also lifts a lock-out and ends the user's sessions.
            guard let moderator = try row.map(StoredRows.moderator) else { throw ModerationError.moderatorNotFound(moderatorName) }
            return .write([
                "UPDATE console_sessions SET ended_at = \(now) WHERE moderator_id = \(moderator.id) AND ended_at IS NULL",
                SharedStatements.audit(
                    tenantId: moderator.tenantId, actor: "cli", at: now, action: "moderator.password_set", after: AuditJSON.json(["name": moderator.name])),
            ], answering: ())
        })
    }

    public func consoleCredentials(name: String) async throws -> ConsoleCredentials? {
        try await read(StorePlan.single("SELECT * FROM moderators WHERE name = \(name)") { rows in
            try rows.first.map {
                ConsoleCredentials(
                    moderator: try StoredRows.moderator($0), passwordHash: try $0.optionalString("password_hash"),
                    lockedUntil: try $0.optionalDate("locked_until"))
            }
        })
    }

    public func recordSignIn(moderatorId: Moderator.ID, succeeded: Bool, policy: SignInPolicy, now: Date) async throws -> SignInRecord {
        try await write(.first("SELECT * FROM moderators WHERE id = \(moderatorId)\(raw: dialect.lockRow)") { row in
            guard let row else { return .done(.failed(lockedUntil: nil)) }
            let moderator = try StoredRows.moderator(row)
            // Checked again here, in the write transaction: attempts that raced past the
            // route's check while the account was being locked are refused as well.
            let outcome = SignInOutcome.decide(
                failedSoFar: try row.int("failed_sign_ins"), lockedUntil: try row.optionalDate("locked_until"), succeeded: succeeded,
                policy: policy, now: now)
            guard outcome.writes else { return .done(outcome.record) }
            return .write(
                ["UPDATE moderators SET failed_sign_ins = \(outcome.failedSignIns), locked_until = \(outcome.lockedUntil) WHERE id = \(moderatorId)"]
                    + outcome.audits.map {
                        SharedStatements.audit(
                            tenantId: moderator.tenantId, actor: moderator.name, at: now, action: $0.action, before: $0.before, after: $0.after)
                    }, answering: outcome.record)
        })
    }

    public func createConsoleSession(idHash: String, moderatorId: Moderator.ID, csrfToken: String, now: Date, expiresAt: Date) async throws {
        try await write(StorePlan.write([
            // Expired sessions are pruned as new ones start.
            "DELETE FROM console_sessions WHERE expires_at < \(now.addingTimeInterval(-86400))",
            """
            INSERT INTO console_sessions (id_hash, moderator_id, csrf_token, created_at, expires_at)
            VALUES (\(idHash), \(moderatorId), \(csrfToken), \(now), \(expiresAt))
            """,
        ], answering: ()))
    }

    public func consoleSession(idHash: String, now: Date) async throws -> ConsoleSession? {
        try await read(StorePlan.single("""
            SELECT s.csrf_token, s.expires_at AS session_expires_at, m.* FROM console_sessions s JOIN moderators m ON m.id = s.moderator_id
            WHERE s.id_hash = \(idHash) AND s.ended_at IS NULL AND s.expires_at > \(now)
            """) { rows in
            try rows.first.map {
                ConsoleSession(
                    moderator: try StoredRows.moderator($0), csrfToken: try $0.string("csrf_token"), expiresAt: try $0.date("session_expires_at"),
                    greyscale: try $0.bool("console_greyscale"))
            }
        })
    }

    public func setConsoleGreyscale(moderatorId: Moderator.ID, on: Bool) async throws {
        try await write(.write(["UPDATE moderators SET console_greyscale = \(on) WHERE id = \(moderatorId)"], answering: ()))
    }

    public func endConsoleSession(idHash: String, now: Date) async throws {
        try await write(.first("""
            SELECT m.* FROM console_sessions s JOIN moderators m ON m.id = s.moderator_id WHERE s.id_hash = \(idHash) AND s.ended_at IS NULL
            """) { row in
            guard let moderator = try row.map(StoredRows.moderator) else { return .done(()) }
            return .write([
                "UPDATE console_sessions SET ended_at = \(now) WHERE id_hash = \(idHash)",
                SharedStatements.audit(tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "console.signed_out"),
            ], answering: ())
        })
    }

    /// Open cases in the claim's order, with what the queue shows. Absent filters are NULL
    /// parameters, so the statement is the same whatever the filter.
    public func openCases(tenantId: Tenant.ID, filter: QueueFilter, now: Date, limit: Int) async throws -> [QueueEntry] {
        let statement = ConsoleRules.openCases(tenantId: tenantId, filter: filter, now: now, limit: limit, weights: moderation.weights, dialect: dialect)
        return try await read(StorePlan.single(statement) { [weights = moderation.weights] rows in
            try rows.map { try StoredRows.queueEntry($0, now: now, weights: weights) }
        })
    }

    public func authorDecisions(tenantId: Tenant.ID, authorId: String, excludingCase: ModerationCase.ID) async throws -> [AuthorDecision] {
        try await read(StorePlan.single("""
            SELECT d.case_id, d.decided_at, d.decision_json, m.name AS moderator FROM decisions d JOIN moderators m ON m.id = d.moderator_id
            WHERE d.tenant_id = \(tenantId) AND d.author_id = \(authorId) AND d.case_id <> \(excludingCase)
            ORDER BY d.decided_at DESC LIMIT 50
            """) { try $0.map(StoredRows.authorDecision) })
    }

    public func recentDecisions(by moderator: Moderator, since: Date, limit: Int, sensitive: Set<ReportCategory>) async throws -> [BreakPrompt.Decided] {
        // The categories are the core's own names, never user input: written into the statement.
        let names = sensitive.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        return try await read(StorePlan.single("""
            SELECT d.decided_at,
              CASE WHEN EXISTS (SELECT 1 FROM reports r WHERE r.case_id = d.case_id AND r.category IN (\(raw: names.isEmpty ? "NULL" : names)))
                THEN 1 ELSE 0 END AS sensitive
            FROM decisions d
            WHERE d.tenant_id = \(moderator.tenantId) AND d.decided_at >= \(since) AND d.moderator_id = \(moderator.id) AND d.appeal_id IS NULL
            ORDER BY d.decided_at DESC LIMIT \(limit)
            """) { rows in
            try rows.map { BreakPrompt.Decided(at: try $0.date("decided_at"), sensitive: try $0.int("sensitive") == 1) }
        })
    }

    public func revealContent(caseId: ModerationCase.ID, by moderator: Moderator, now: Date) async throws -> Bool {
        try await write(.first("SELECT 1 AS found FROM cases WHERE id = \(caseId) AND tenant_id = \(moderator.tenantId)") { found in
            guard found != nil else { return .done(false) }
            return .write([
                SharedStatements.audit(
                    tenantId: moderator.tenantId, actor: moderator.name, at: now, action: ContentRevealAudit.action, caseId: caseId,
                    before: ContentRevealAudit.before, after: ContentRevealAudit.after)
            ], answering: true)
        })
    }

    public func auditLog(tenantId: Tenant.ID, caseId: ModerationCase.ID) async throws -> [AuditEntry] {
        try await read(StorePlan.single("SELECT * FROM audit_log WHERE case_id = \(caseId) AND tenant_id = \(tenantId) ORDER BY seq") {
            try $0.map(StoredRows.auditEntry)
        })
    }

    /// Absent bounds are bound as the widest ones, so that no parameter is a typeless NULL.
    public func auditEntries(tenantId: Tenant.ID, filter: AuditFilter, limit: Int) async throws -> [AuditEntry] {
        let from = filter.from ?? Date(timeIntervalSince1970: 0), until = filter.until ?? Date(timeIntervalSince1970: 253_402_300_799)
        let before = Int(filter.beforeSeq ?? Int64.max), caseId = filter.caseId?.rawValue
        return try await read(StorePlan.single("""
            SELECT * FROM audit_log WHERE tenant_id = \(tenantId)
              AND (CAST(\(filter.actor) AS TEXT) IS NULL OR actor = \(filter.actor))
              AND (CAST(\(filter.action) AS TEXT) IS NULL OR action = \(filter.action))
              AND (CAST(\(caseId) AS TEXT) IS NULL OR case_id = \(caseId))
              AND at >= \(from) AND at < \(until) AND seq < \(before)
            ORDER BY seq DESC LIMIT \(limit)
            """) { try $0.map(StoredRows.auditEntry) })
    }

    public func recentAudit(tenantId: Tenant.ID, limit: Int) async throws -> [AuditEntry] {
        try await read(StorePlan.single("SELECT * FROM audit_log WHERE tenant_id = \(tenantId) ORDER BY seq DESC LIMIT \(limit)") {
            try $0.map(StoredRows.auditEntry)
        })
    }
}

enum ConsoleRules {
    /// The queue's open cases in the claim's order, with what the queue shows (`openCases`).
    static func openCases(
        tenantId: Tenant.ID, filter: QueueFilter, now: Date, limit: Int, weights: PriorityWeights, dialect: SQLDialect
    ) -> SQLStatement {
        """
        SELECT c.id, c.subject_kind, c.report_count, c.due_at, m.name AS leased_by, c.lease_expires_at,
          c.severity, c.involves_minor, c.has_threat, c.trusted_flagger, c.distinct_reporters, c.new_reporters,
          c.low_weight_reports, c.first_report_at, c.escalated_at, c.pile_on_id,
          (SELECT \(raw: dialect.distinctList("r.category")) FROM reports r WHERE r.case_id = c.id) AS categories,
          (SELECT \(raw: dialect.distinctList("r.reporter_country")) FROM reports r WHERE r.case_id = c.id) AS countries,
          (SELECT \(raw: dialect.distinctList("r.reporter_age")) FROM reports r WHERE r.case_id = c.id) AS ages,
          (SELECT MIN(r.handoff_code) FROM reports r WHERE r.case_id = c.id) AS reference,
          (SELECT p.subject_text FROM reports p WHERE p.case_id = c.id AND p.subject_text IS NOT NULL
            ORDER BY p.received_at, p.id LIMIT 1) AS preview,
          \(dialect.queueScore(at: now, weights: weights, table: "c.")) AS score
        FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner
        WHERE c.tenant_id = \(tenantId) AND c.status = 'open' AND c.due_at IS NOT NULL
          AND (CAST(\(filter.category) AS TEXT) IS NULL
            OR EXISTS (SELECT 1 FROM reports f WHERE f.case_id = c.id AND f.category = \(filter.category)))
          AND (CAST(\(filter.country) AS TEXT) IS NULL
            OR EXISTS (SELECT 1 FROM reports f WHERE f.case_id = c.id AND f.reporter_country = \(filter.country)))
          AND (\(filter.overdueOnly) = \(false) OR c.due_at < \(now))
        ORDER BY score DESC, c.due_at, c.first_report_at, c.id
        LIMIT \(limit) OFFSET \(filter.offset)
        """
    }
}
