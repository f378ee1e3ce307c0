import Foundation
import RelaisCore

/// A case as the API and the console show it: its facts, reports, priority now, live lease,
/// decisions with their statements, and what the author's history suggests.
enum CaseReading {
    static func moderationCase(id: ModerationCase.ID, tenantId: Tenant.ID, now: Date, policy: ModerationPolicy, dialect: SQLDialect) -> StorePlan<ModerationCase?> {
        .first("""
            SELECT c.*, m.name AS lease_owner_name FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner
            WHERE c.id = \(id) AND c.tenant_id = \(tenantId)
            """) { row in
            guard let row else { return .done(nil) }
            let status = try row.string("status"), subjectId = try row.string("subject_id"), authorId = try row.optionalString("author_id")
            var lease: Lease?
            if let owner = try row.optionalString("lease_owner"), let expires = try row.optionalDate("lease_expires_at"), expires > now {
                lease = Lease(moderatorId: Moderator.ID(rawValue: owner), moderatorName: try row.optionalString("lease_owner_name") ?? owner, expiresAt: expires)
            }
            let leaseFound = lease
            return CaseQueueColumns.facts(caseId: id, dialect: dialect).then { facts in
                guard let facts else { return .done(nil) }
                return .query("""
                    SELECT r.*, c.report_count, \(raw: SupportCardRow.column) FROM reports r JOIN cases c ON c.id = r.case_id
                    WHERE r.case_id = \(id) ORDER BY r.received_at, r.\(raw: dialect.reportSequence)
                    """) { reportRows in
                    let reports = try reportRows.map(StoredRows.storedReport)
                    return decisions(caseId: id).then { decisions in
                        repeatOffender(tenantId: tenantId, authorId: authorId, policy: policy.repeatOffenders, now: now, dialect: dialect).then { offender in
                            .done(ModerationCase(
                                id: id, tenantId: tenantId, status: status, facts: facts, authorId: authorId, subjectId: subjectId,
                                reports: reports, priority: CasePriority.assess(facts, weights: policy.weights, now: now), lease: leaseFound,
                                decisions: decisions, repeatOffender: offender))
                        }
                    }
                }
            }
        }
    }

    /// The case's decisions, oldest first, with their statements.
    static func decisions(caseId: ModerationCase.ID) -> StorePlan<[RecordedDecision]> {
        .query("""
            SELECT \(raw: decisionColumns)
            FROM decisions d JOIN moderators m ON m.id = d.moderator_id LEFT JOIN statements_of_reasons s ON s.decision_id = d.id
            LEFT JOIN outbox_events o ON o.id = d.notice_event_id
            WHERE d.case_id = \(caseId) ORDER BY d.decided_at, d.id
            """) { rows in
            let decisions = try rows.map { try StoredRows.recordedDecision($0, caseId: caseId) }
            return notifications(caseId: caseId).then { notified in
                .done(decisions.map { decision in
                    var decision = decision
                    decision.notifications = notified[decision.id] ?? []
                    return decision
                })
            }
        }
    }

    /// One decision by id for a tenant, with how it was told; `nil` when there is none.
    static func decision(id: String, tenantId: Tenant.ID) -> StorePlan<RecordedDecision?> {
        .first("""
            SELECT \(raw: decisionColumns)
            FROM decisions d JOIN moderators m ON m.id = d.moderator_id LEFT JOIN statements_of_reasons s ON s.decision_id = d.id
            LEFT JOIN outbox_events o ON o.id = d.notice_event_id
            WHERE d.id = \(id) AND d.tenant_id = \(tenantId)
            """) { row in
            guard let row else { return .done(nil) }
            let found = try StoredRows.recordedDecision(row, caseId: try row.id("case_id"))
            return .query("SELECT decision_id, party, user_id, informed_at FROM decision_notifications WHERE decision_id = \(id)") { rows in
                var decision = found
                decision.notifications = try rows.map(StoredRows.partyNotification)
                return .done(decision)
            }
        }
    }

    static let decisionColumns = """
        d.id, d.case_id, d.decision_json, d.decided_at, d.moderator_id, d.notice_event_id, d.replaces_decision_id, d.superseded_by, \
        d.appeal_id, m.name AS moderator, s.statement_json, o.delivered_at AS notice_delivered_at
        """

    /// The platform's confirmations for each decision of the case, by decision id.
    static func notifications(caseId: ModerationCase.ID) -> StorePlan<[String: [PartyNotification]]> {
        .query("""
            SELECT n.decision_id, n.party, n.user_id, n.informed_at FROM decision_notifications n JOIN decisions d ON d.id = n.decision_id
            WHERE d.case_id = \(caseId) ORDER BY n.informed_at
            """) { rows in
            var byDecision: [String: [PartyNotification]] = [:]
            for row in rows { byDecision[try row.string("decision_id"), default: []].append(try StoredRows.partyNotification(row)) }
            return .done(byDecision)
        }
    }

    /// Restrictive decisions against the author within the window, across the tenant's cases,
    /// and whether any decision warned the author (`warnAuthor`): Art. 23(1) wants a prior
    /// warning before a suspension, so the suggestion at the threshold is "warn" until then.
    static func repeatOffender(
        tenantId: Tenant.ID, authorId: String?, policy: RepeatOffenderPolicy, now: Date, dialect: SQLDialect
    ) -> StorePlan<RepeatOffenderAssessment> {
        guard let authorId else { return .done(RepeatOffenders.assess(restrictedDecisionsInWindow: 0, hasBeenWarned: false, policy: policy)) }
        // A decision replaced after a complaint no longer counts against the author.
        return .query("""
            SELECT decided_at FROM decisions WHERE tenant_id = \(tenantId) AND author_id = \(authorId) AND restrictive = \(true) \
            AND superseded_by IS NULL
            """) { rows in
            let dates = try rows.map { try $0.date("decided_at") }
            return .query("""
                SELECT 1 AS warned FROM decisions WHERE tenant_id = \(tenantId) AND author_id = \(authorId) \
                AND superseded_by IS NULL AND \(raw: dialect.jsonFlag("decision_json", "warnAuthor")) LIMIT 1
                """) { warned in
                .done(RepeatOffenders.assess(restrictedDecisionDates: dates, hasBeenWarned: !warned.isEmpty, policy: policy, now: now))
            }
        }
    }
}
