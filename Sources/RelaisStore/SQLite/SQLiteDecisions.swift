import Foundation
import GRDB
import RelaisCore

/// Decisions with their statements of reasons, and the repeat-offender count they feed.
extension SQLiteStorage {
    /// Everything in one write transaction: the lease check, the statement built from the
    /// case as it is now (`ModerationRules.statement`), then the decision, the statement, the
    /// case marked decided with its lease released, the reports marked decided, the audit
    /// entry and the `case.decided` outbox event. A refusal writes nothing.
    public func decide(caseId: String, decision: Decision, by moderator: Moderator, now: Date) async throws -> DecisionOutcome {
        try await pool.write { db -> DecisionOutcome in
            switch try Self.leaseCheck(db, caseId: caseId, moderator: moderator, now: now) {
            case .notFound: return .notFound
            case .notLeasedByCaller: return .notLeasedByCaller
            case .held: break
            }
            guard let facts = try SQLiteCaseFacts.facts(db, caseId: caseId) else { return .notFound }
            let statement: StatementOfReasons?
            switch ModerationRules.statement(for: decision, case: facts, now: now) {
            case .success(let made): statement = made
            case .failure(let failure): return .refused(failure)
            }
            let before = try Self.leaseState(db, caseId: caseId)
            let decisionId = UUID().uuidString.lowercased()
            let author = try String.fetchOne(db, sql: "SELECT author_id FROM cases WHERE id = ?", arguments: [caseId])
            let decisionJSON = try StoredRows.decisionJSON(decision)
            try db.execute(
                sql: """
                    INSERT INTO decisions (id, tenant_id, case_id, moderator_id, decision_json, restrictive, author_id, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [decisionId, moderator.tenantId, caseId, moderator.id, decisionJSON, !decision.isNoAction, author, now])
            if let statement {
                try db.execute(
                    sql: """
                        INSERT INTO statements_of_reasons (puid, tenant_id, case_id, decision_id, statement_json, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [statement.puid, moderator.tenantId, caseId, decisionId, String(decoding: try statement.jsonData(), as: UTF8.self), now])
            }
            try db.execute(
                sql: "UPDATE cases SET status = 'decided', decided_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ?",
                arguments: [now, caseId])
            try db.execute(sql: "UPDATE reports SET status = 'decided' WHERE case_id = ?", arguments: [caseId])
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "case.decided", caseId: caseId, before: before,
                after: AuditJSON.json([
                    "status": "decided", "leaseOwner": nil, "leaseExpiresAt": nil, "decisionId": decisionId,
                    "restrictions": decision.restrictions.map(\.rawValue), "puid": statement?.puid,
                ]))
            let payload = try Self.caseDecidedPayload(db, caseId: caseId, decisionId: decisionId, decision: decision, statement: statement, author: author, now: now)
            try SQLiteOutbox.append(
                OutboxEvent(tenantId: moderator.tenantId, type: payload.event, payload: try payload.json(), createdAt: now),
                in: db)
            return .decided(RecordedDecision(
                id: decisionId, caseId: caseId, moderatorName: moderator.name, decidedAt: now, decision: decision, statement: statement))
        }
    }

    static func caseDecidedPayload(
        _ db: Database, caseId: String, decisionId: String, decision: Decision, statement: StatementOfReasons?, author: String?, now: Date
    ) throws -> CaseDecidedPayload {
        let subject = try Row.fetchOne(db, sql: "SELECT subject_kind, subject_id FROM cases WHERE id = ?", arguments: [caseId])!
        let reports = try Row.fetchAll(db, sql: "SELECT id, reporter_id FROM reports WHERE case_id = ? ORDER BY received_at, rowid", arguments: [caseId])
        return CaseDecidedPayload(
            caseId: caseId, decisionId: decisionId, decision: decision, statement: statement, author: author, now: now,
            subjectKind: subject["subject_kind"], subjectId: subject["subject_id"], reports: reports.map { (id: $0["id"], reporterId: $0["reporter_id"]) })
    }

    public func statements(caseId: String, tenantId: String) async throws -> [StatementOfReasons]? {
        try await pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ? AND tenant_id = ?", arguments: [caseId, tenantId]) == true else {
                return nil
            }
            return try String.fetchAll(
                db, sql: "SELECT statement_json FROM statements_of_reasons WHERE case_id = ? ORDER BY created_at, puid", arguments: [caseId]
            ).map { try JSONDecoder().decode(StatementOfReasons.self, from: Data($0.utf8)) }
        }
    }

    /// The case's decisions, oldest first, with their statements.
    static func decisions(_ db: Database, caseId: String) throws -> [RecordedDecision] {
        try Row.fetchAll(db, sql: """
            SELECT d.id, d.decision_json, d.decided_at, m.name AS moderator, s.statement_json
            FROM decisions d JOIN moderators m ON m.id = d.moderator_id LEFT JOIN statements_of_reasons s ON s.decision_id = d.id
            WHERE d.case_id = ? ORDER BY d.decided_at, d.id
            """, arguments: [caseId]).map { try StoredRows.recordedDecision($0, caseId: caseId) }
    }

    /// Restrictive decisions against the author within the window, across the tenant's cases,
    /// and whether any decision warned the author (`warnAuthor`): Art. 23(1) wants a prior
    /// warning before a suspension, so the suggestion at the threshold is "warn" until then.
    static func repeatOffender(_ db: Database, tenantId: String, authorId: String?, policy: RepeatOffenderPolicy, now: Date) throws -> RepeatOffenderAssessment {
        guard let authorId else { return RepeatOffenders.assess(restrictedDecisionsInWindow: 0, hasBeenWarned: false, policy: policy) }
        let dates = try Date.fetchAll(db, sql: """
            SELECT decided_at FROM decisions WHERE tenant_id = ? AND author_id = ? AND restrictive = 1
            """, arguments: [tenantId, authorId])
        let warned = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM decisions WHERE tenant_id = ? AND author_id = ? AND json_extract(decision_json, '$.warnAuthor') = 1)
            """, arguments: [tenantId, authorId]) ?? false
        return RepeatOffenders.assess(restrictedDecisionDates: dates, hasBeenWarned: warned, policy: policy, now: now)
    }
}
