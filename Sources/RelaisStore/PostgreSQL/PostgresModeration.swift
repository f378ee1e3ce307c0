import Foundation
import PostgresNIO
import RelaisCore

/// Moderators, the queue with leases, decisions with statements of reasons, and the audit
/// log on PostgreSQL. The rules are the SQLite backend's (see `SQLiteModerationQueue` and
/// `SQLiteDecisions`); what changes is how several instances are kept apart: claims skip
/// rows another transaction has locked, lease changes and decisions lock their case first.
extension PostgresStorage {
    // MARK: Moderators

    public func createModerator(name: String, tenantName: String, role: Moderator.Role, now: Date) async throws -> (Moderator, token: String) {
        guard ReportDraft.isIdentifier(name), name.count <= 64 else { throw ModerationError.invalidModeratorName(name) }
        let token = ModeratorToken.generate()
        let hash = APIKey.hash(token), prefix = APIKey.displayPrefix(token)
        let moderator = try await write { db -> Moderator in
            guard let tenantId = try await db.scalar("SELECT id FROM tenants WHERE name = \(tenantName)", as: String.self) else {
                throw StorageError.tenantNotFound(tenantName)
            }
            let moderator = Moderator(
                id: UUID().uuidString.lowercased(), tenantId: tenantId, name: name, role: role, tokenPrefix: prefix, createdAt: now)
            let inserted = try await db.row("""
                INSERT INTO moderators (id, tenant_id, name, role, token_hash, token_prefix, created_at)
                VALUES (\(moderator.id), \(tenantId), \(name), \(role.rawValue), \(hash), \(prefix), \(now))
                ON CONFLICT (name) DO NOTHING RETURNING id
                """)
            guard inserted != nil else { throw ModerationError.moderatorExists(name) }
            try await PostgresAudit.append(
                db, tenantId: tenantId, actor: "cli", at: now, action: "moderator.created", caseId: nil, before: nil,
                after: AuditJSON.json(["name": name, "role": role.rawValue]))
            return moderator
        }
        return (moderator, token)
    }

    public func issueToken(moderatorName: String, now: Date) async throws -> (Moderator, token: String) {
        let token = ModeratorToken.generate()
        let hash = APIKey.hash(token), prefix = APIKey.displayPrefix(token)
        let moderator = try await write { db -> Moderator in
            guard
                let moderator = try await db.row(
                    "UPDATE moderators SET token_hash = \(hash), token_prefix = \(prefix) WHERE name = \(moderatorName) RETURNING *"
                ).map(StoredRows.moderator)
            else { throw ModerationError.moderatorNotFound(moderatorName) }
            try await PostgresAudit.append(
                db, tenantId: moderator.tenantId, actor: "cli", at: now, action: "moderator.token_issued", caseId: nil, before: nil,
                after: AuditJSON.json(["name": moderator.name, "tokenPrefix": prefix]))
            return moderator
        }
        return (moderator, token)
    }

    public func moderators() async throws -> [Moderator] {
        try await single { db in try await db.rows("SELECT * FROM moderators ORDER BY tenant_id, name").map(StoredRows.moderator) }
    }

    public func moderator(token: String) async throws -> Moderator? {
        // Only personal tokens: a tenant key never authenticates a moderator.
        guard token.hasPrefix(ModeratorToken.prefix) else { return nil }
        let hash = APIKey.hash(token)
        return try await single { db in try await db.row("SELECT * FROM moderators WHERE token_hash = \(hash)").map(StoredRows.moderator) }
    }

    // MARK: The queue

    public func claimNextCase(for moderator: Moderator, now: Date) async throws -> ModerationCase? {
        let weights = moderation.weights, expiresAt = now.addingTimeInterval(moderation.leaseDuration)
        let caseId = try await write { db -> String? in
            // The core's order (see `SQLiteStorage.claimSQL`), ending in FOR UPDATE SKIP LOCKED:
            // a claim running at the same moment on another instance skips the case this one
            // is taking instead of waiting for it, and once committed the lease keeps the case
            // out of every claim's WHERE until it expires.
            let claimed = try await db.scalar("""
                SELECT id FROM cases
                WHERE tenant_id = \(moderator.tenantId) AND status = 'open' AND due_at IS NOT NULL
                  AND (lease_expires_at IS NULL OR lease_expires_at <= \(now))
                ORDER BY \(queueScoreAt: now, weights: weights) DESC, due_at, first_report_at, id
                LIMIT 1 FOR UPDATE SKIP LOCKED
                """, as: String.self)
            guard let id = claimed else { return nil }
            let before = try await Self.leaseState(db, caseId: id)
            try await db.execute("UPDATE cases SET lease_owner = \(moderator.id), lease_expires_at = \(expiresAt) WHERE id = \(id)")
            try await PostgresAudit.append(
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
            try await db.execute("UPDATE cases SET lease_expires_at = \(expiresAt) WHERE id = \(caseId)")
            return AuditJSON.lease(owner: moderator.name, expiresAt: expiresAt)
        }
        guard case .released = outcome else { return outcome }
        guard let found = try await moderationCase(id: caseId, tenantId: moderator.tenantId, now: now) else { return .notFound }
        return .leased(found)
    }

    public func releaseLease(caseId: String, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        try await changeLease(caseId: caseId, by: moderator, now: now, action: "case.released") { db in
            try await db.execute("UPDATE cases SET lease_owner = NULL, lease_expires_at = NULL WHERE id = \(caseId)")
            return AuditJSON.lease(owner: nil, expiresAt: nil)
        }
    }

    /// Locks the case, checks the caller's live lease, applies `change` and audits it.
    /// `.released` means "changed".
    private func changeLease(
        caseId: String, by moderator: Moderator, now: Date, action: String, change: @escaping @Sendable (PostgresSession) async throws -> String
    ) async throws -> LeaseOutcome {
        try await write { db -> LeaseOutcome in
            switch try await Self.leaseCheck(db, caseId: caseId, moderator: moderator, now: now) {
            case .notFound: return .notFound
            case .notLeasedByCaller: return .notLeasedByCaller
            case .held: break
            }
            let before = try await Self.leaseState(db, caseId: caseId)
            let after = try await change(db)
            try await PostgresAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: action, caseId: caseId, before: before, after: after)
            return .released
        }
    }

    /// Locks the case row for the rest of the transaction, then checks the caller's lease.
    static func leaseCheck(_ db: PostgresSession, caseId: String, moderator: Moderator, now: Date) async throws -> LeaseCheck {
        try StoredRows.leaseCheck(
            try await db.row(
                "SELECT status, lease_owner, lease_expires_at FROM cases WHERE id = \(caseId) AND tenant_id = \(moderator.tenantId) FOR UPDATE"),
            moderator: moderator, now: now)
    }

    static func leaseState(_ db: PostgresSession, caseId: String) async throws -> String? {
        try await db.row("""
            SELECT c.status, m.name AS owner, c.lease_expires_at FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner WHERE c.id = \(caseId)
            """).map(StoredRows.leaseStateJSON)
    }

    // MARK: Reading a case

    public func moderationCase(id: String, tenantId: String, now: Date) async throws -> ModerationCase? {
        let policy = moderation
        return try await read { db in try await Self.moderationCase(db, id: id, tenantId: tenantId, now: now, policy: policy) }
    }

    static func moderationCase(_ db: PostgresSession, id: String, tenantId: String, now: Date, policy: ModerationPolicy) async throws
        -> ModerationCase?
    {
        guard
            let row = try await db.row("""
                SELECT c.*, m.name AS lease_owner_name FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner
                WHERE c.id = \(id) AND c.tenant_id = \(tenantId)
                """),
            let facts = try await PostgresCaseFacts.facts(db, caseId: id)
        else { return nil }
        let reports = try await db.rows("""
            SELECT r.*, c.report_count FROM reports r JOIN cases c ON c.id = r.case_id WHERE r.case_id = \(id) ORDER BY r.received_at, r.seq
            """).map(StoredRows.storedReport)
        var lease: Lease?
        if let owner = try row.optionalString("lease_owner"), let expires = try row.optionalDate("lease_expires_at"), expires > now {
            lease = Lease(moderatorId: owner, moderatorName: try row.optionalString("lease_owner_name") ?? owner, expiresAt: expires)
        }
        let authorId = try row.optionalString("author_id")
        return ModerationCase(
            id: id, tenantId: tenantId, status: try row.string("status"), facts: facts, authorId: authorId,
            subjectId: try row.string("subject_id"), reports: reports, priority: CasePriority.assess(facts, weights: policy.weights, now: now),
            lease: lease, decisions: try await decisions(db, caseId: id),
            repeatOffender: try await repeatOffender(db, tenantId: tenantId, authorId: authorId, policy: policy.repeatOffenders, now: now))
    }

    // MARK: Decisions

    /// One transaction, as on SQLite (see `SQLiteStorage.decide`), with the case locked first.
    public func decide(caseId: String, decision: Decision, by moderator: Moderator, now: Date) async throws -> DecisionOutcome {
        try await write { db -> DecisionOutcome in
            switch try await Self.leaseCheck(db, caseId: caseId, moderator: moderator, now: now) {
            case .notFound: return .notFound
            case .notLeasedByCaller: return .notLeasedByCaller
            case .held: break
            }
            guard let facts = try await PostgresCaseFacts.facts(db, caseId: caseId) else { return .notFound }
            let statement: StatementOfReasons?
            switch ModerationRules.statement(for: decision, case: facts, now: now) {
            case .success(let made): statement = made
            case .failure(let failure): return .refused(failure)
            }
            let before = try await Self.leaseState(db, caseId: caseId)
            let decisionId = UUID().uuidString.lowercased()
            let subject = try await db.row("SELECT subject_kind, subject_id, author_id FROM cases WHERE id = \(caseId)")!
            let author = try subject.optionalString("author_id")
            let decisionJSON = try StoredRows.decisionJSON(decision)
            try await db.execute("""
                INSERT INTO decisions (id, tenant_id, case_id, moderator_id, decision_json, restrictive, author_id, decided_at)
                VALUES (\(decisionId), \(moderator.tenantId), \(caseId), \(moderator.id), \(decisionJSON), \(!decision.isNoAction), \(author), \(now))
                """)
            if let statement {
                let statementJSON = String(decoding: try statement.jsonData(), as: UTF8.self)
                try await db.execute("""
                    INSERT INTO statements_of_reasons (puid, tenant_id, case_id, decision_id, statement_json, created_at)
                    VALUES (\(statement.puid), \(moderator.tenantId), \(caseId), \(decisionId), \(statementJSON), \(now))
                    """)
            }
            try await db.execute(
                "UPDATE cases SET status = 'decided', decided_at = \(now), lease_owner = NULL, lease_expires_at = NULL WHERE id = \(caseId)")
            try await db.execute("UPDATE reports SET status = 'decided' WHERE case_id = \(caseId)")
            try await PostgresAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "case.decided", caseId: caseId, before: before,
                after: AuditJSON.json([
                    "status": "decided", "leaseOwner": nil, "leaseExpiresAt": nil, "decisionId": decisionId,
                    "restrictions": decision.restrictions.map(\.rawValue), "puid": statement?.puid,
                ]))
            let reports = try await db.rows("SELECT id, reporter_id FROM reports WHERE case_id = \(caseId) ORDER BY received_at, seq")
            let payload = CaseDecidedPayload(
                caseId: caseId, decisionId: decisionId, decision: decision, statement: statement, author: author, now: now,
                subjectKind: try subject.string("subject_kind"), subjectId: try subject.string("subject_id"),
                reports: try reports.map { (id: try $0.string("id"), reporterId: try $0.string("reporter_id")) })
            try await PostgresOutbox.append(
                OutboxEvent(tenantId: moderator.tenantId, type: payload.event, payload: try payload.json(), createdAt: now), in: db)
            return .decided(RecordedDecision(
                id: decisionId, caseId: caseId, moderatorName: moderator.name, decidedAt: now, decision: decision, statement: statement))
        }
    }

    public func statements(caseId: String, tenantId: String) async throws -> [StatementOfReasons]? {
        try await read { db in
            guard try await db.row("SELECT 1 FROM cases WHERE id = \(caseId) AND tenant_id = \(tenantId)") != nil else { return nil }
            return try await db.rows(
                "SELECT statement_json FROM statements_of_reasons WHERE case_id = \(caseId) ORDER BY created_at, puid"
            ).map { try JSONDecoder().decode(StatementOfReasons.self, from: Data(try $0.string("statement_json").utf8)) }
        }
    }

    static func decisions(_ db: PostgresSession, caseId: String) async throws -> [RecordedDecision] {
        try await db.rows("""
            SELECT d.id, d.decision_json, d.decided_at, m.name AS moderator, s.statement_json
            FROM decisions d JOIN moderators m ON m.id = d.moderator_id LEFT JOIN statements_of_reasons s ON s.decision_id = d.id
            WHERE d.case_id = \(caseId) ORDER BY d.decided_at, d.id
            """).map { try StoredRows.recordedDecision($0, caseId: caseId) }
    }

    static func repeatOffender(_ db: PostgresSession, tenantId: String, authorId: String?, policy: RepeatOffenderPolicy, now: Date) async throws
        -> RepeatOffenderAssessment
    {
        guard let authorId else { return RepeatOffenders.assess(restrictedDecisionsInWindow: 0, hasBeenWarned: false, policy: policy) }
        let dates = try await db.rows(
            "SELECT decided_at FROM decisions WHERE tenant_id = \(tenantId) AND author_id = \(authorId) AND restrictive"
        ).map { try $0.date("decided_at") }
        let warned = try await db.scalar("""
            SELECT EXISTS (SELECT 1 FROM decisions WHERE tenant_id = \(tenantId) AND author_id = \(authorId)
              AND (decision_json::jsonb ->> 'warnAuthor') = 'true')
            """, as: Bool.self) ?? false
        return RepeatOffenders.assess(restrictedDecisionDates: dates, hasBeenWarned: warned, policy: policy, now: now)
    }

    // MARK: Audit log

    public func auditLog(tenantId: String) async throws -> [AuditEntry] {
        try await single { db in
            try await db.rows("SELECT * FROM audit_log WHERE tenant_id = \(tenantId) ORDER BY seq").map(StoredRows.auditEntry)
        }
    }
}

/// The append-only audit log: one INSERT in the transaction of the action itself.
enum PostgresAudit {
    static func append(
        _ db: PostgresSession, tenantId: String, actor: String, at: Date, action: String, caseId: String?, before: String?, after: String?
    ) async throws {
        try await db.execute("""
            INSERT INTO audit_log (tenant_id, actor, at, action, case_id, before_json, after_json)
            VALUES (\(tenantId), \(actor), \(at), \(action), \(caseId), \(before), \(after))
            """)
    }
}

extension PostgresQuery.StringInterpolation {
    /// A case's `CasePriority.score` at `now`, in SQL (see `SQLiteStorage.claimSQL`): the
    /// stored time-independent part plus the two terms of time, with the same weights.
    /// `table` prefixes the columns ("c." when the query names the cases table so).
    mutating func appendInterpolation(queueScoreAt now: Date, weights: PriorityWeights, table: String = "") {
        appendLiteral("(\(table)base_priority + ")
        appendInterpolation(weights.perTargetElapsed)
        appendLiteral(" * LEAST(GREATEST(0.0, EXTRACT(EPOCH FROM (")
        appendInterpolation(now)
        appendLiteral(" - \(table)first_report_at))::float8) / \(table)target_seconds, ")
        appendInterpolation(weights.maximumTargetsElapsed)
        appendLiteral(") + (CASE WHEN \(table)due_at < ")
        appendInterpolation(now)
        appendLiteral(" THEN ")
        appendInterpolation(weights.overdue)
        appendLiteral(" ELSE 0.0 END))")
    }
}
