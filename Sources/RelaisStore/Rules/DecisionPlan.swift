import Foundation
import RelaisCore

/// Deciding a case, on either backend, in one write transaction: the lease check (the case
/// row locked first), the statement built from the case as it is now
/// (`ModerationRules.statement`), then the decision, the statement, the case marked decided
/// with its lease released, the reports marked decided, the audit entry and the
/// `case.decided` outbox event. A refusal writes nothing.
struct DecisionPlan: Sendable {
    let caseId: ModerationCase.ID
    let decision: Decision
    let moderator: Moderator
    let now: Date
    let decisionId: String
    let misuse: MisusePolicy

    init(
        caseId: ModerationCase.ID, decision: Decision, moderator: Moderator, now: Date, decisionId: String = UUID().uuidString.lowercased(),
        misuse: MisusePolicy = .default
    ) {
        self.misuse = misuse
        self.caseId = caseId
        self.decision = decision
        self.moderator = moderator
        self.now = now
        self.decisionId = decisionId
    }

    func plan(dialect: SQLDialect) -> StorePlan<DecisionOutcome> {
        let decided = self
        return LeaseChange.check(caseId: caseId, moderator: moderator, now: now, dialect: dialect).then { check in
            switch check {
            case .notFound: return .done(.notFound)
            case .notLeasedByCaller: return .done(.notLeasedByCaller)
            case .held: break
            }
            return CaseQueueColumns.facts(caseId: decided.caseId, dialect: dialect).then { facts in
                guard let facts else { return .done(.notFound) }
                let statement: StatementOfReasons?
                switch ModerationRules.statement(for: decided.decision, case: facts, now: decided.now) {
                case .success(let made): statement = made
                case .failure(let failure): return .done(.refused(failure))
                }
                return LeaseChange.state(caseId: decided.caseId).then { before in
                    .first("SELECT subject_kind, subject_id, author_id FROM cases WHERE id = \(decided.caseId)") { subject in
                        let subjectKind = try subject!.string("subject_kind"), subjectId = try subject!.string("subject_id")
                        let author = try subject!.optionalString("author_id")
                        return .query("""
                            SELECT id, reporter_id, flagger_id FROM reports WHERE case_id = \(decided.caseId) ORDER BY received_at, \(raw: dialect.reportSequence)
                            """) { rows in
                            let all = try rows.map {
                                (id: try $0.string("id"), reporterId: try $0.string("reporter_id"), flaggerId: try $0.optionalString("flagger_id"))
                            }
                            // The platform notifies its own reporters; flaggers hear of their notices themselves.
                            let reports = all.filter { $0.flaggerId == nil }.map { (id: $0.id, reporterId: $0.reporterId) }
                            var notices: [String: [String]] = [:]
                            for notice in all { if let flagger = notice.flaggerId { notices[flagger, default: []].append(notice.id) } }
                            let unfounded = decided.decision.isManifestlyUnfounded ? Array(Set(reports.map(\.reporterId))).sorted() : []
                            let frozenNotices = notices
                            return SharedSecret.plan(named: AppealLinkToken.secretName).then { secret in
                                var written = try decided.writes(
                                    statement: statement, before: before, subjectKind: subjectKind, subjectId: subjectId, author: author,
                                    reports: reports, appealSecret: secret, dialect: dialect)
                                written += try decided.noticeEvents(frozenNotices, statement: statement)
                                return .write(written) {
                                    MisuseRecord.plan(
                                        tenantId: decided.moderator.tenantId, reporters: unfounded, policy: decided.misuse, caseId: decided.caseId,
                                        now: decided.now
                                    ).then { _ in .done(.decided(decided.recorded(statement: statement))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `notice.decided` for each trusted flagger with notices on the case, to the flagger's
    /// own endpoint: the outcome of its notices, never the other reports or the internal note.
    func noticeEvents(_ notices: [String: [String]], statement: StatementOfReasons?) throws -> [SQLStatement] {
        try notices.sorted(by: { $0.key < $1.key }).map { flagger, ids in
            let payload = NoticeDecidedPayload(
                noticeIds: ids, decisionId: decisionId, decidedAt: Timestamp.format(now), outcome: decision.isNoAction ? "no_action" : "restricted",
                restrictions: decision.restrictions, endDate: decision.endDate, statementPuid: statement?.puid)
            return SharedStatements.outbox(OutboxEvent(
                tenantId: moderator.tenantId, type: payload.event, payload: try StoredJSON.encode(payload), createdAt: now, flaggerId: flagger))
        }
    }

    func recorded(statement: StatementOfReasons?) -> RecordedDecision {
        RecordedDecision(
            id: decisionId, caseId: caseId, moderatorName: moderator.name, decidedAt: now, decision: decision, statement: statement,
            moderatorId: moderator.id)
    }

    /// The rows a decision writes, once the case is read: pure, so tests read them without a database.
    func writes(
        statement: StatementOfReasons?, before: String?, subjectKind: String, subjectId: String, author: String?,
        reports: [(id: String, reporterId: String)], appealSecret: Data, dialect: SQLDialect
    ) throws -> [SQLStatement] {
        let tenantId = moderator.tenantId
        var payload = CaseDecidedPayload(
            caseId: caseId.rawValue, decisionId: decisionId, decision: decision, statement: statement, author: author, now: now,
            subjectKind: subjectKind, subjectId: subjectId, reports: reports)
        payload.appealLinks = try payload.appealLinks(tenantId: tenantId, secret: appealSecret, decidedAt: now)
        let event = OutboxEvent(tenantId: tenantId, type: payload.event, payload: try payload.json(), createdAt: now)
        var statements = try DecisionRecord.writes(
            id: decisionId, tenantId: tenantId, caseId: caseId, moderatorId: moderator.id, decision: decision, statement: statement,
            author: author, now: now, noticeEventId: event.id)
        statements += [
            "UPDATE cases SET status = 'decided', decided_at = \(now), lease_owner = NULL, lease_expires_at = NULL WHERE id = \(caseId)",
            "UPDATE reports SET status = 'decided' WHERE case_id = \(caseId)",
        ]
        statements += NoticeAnswers.record(decisionId: decisionId, caseId: caseId, decision: decision, now: now, dialect: dialect)
        statements += [
            SharedStatements.audit(
                tenantId: tenantId, actor: moderator.name, at: now, action: "case.decided", caseId: caseId, before: before,
                after: AuditJSON.json([
                    "status": "decided", "leaseOwner": nil, "leaseExpiresAt": nil, "decisionId": decisionId,
                    "restrictions": decision.restrictions.map(\.rawValue), "puid": statement?.puid,
                ])),
            SharedStatements.outbox(event),
        ]
        return statements
    }
}
