import Foundation
import RelaisCore

/// The platform's confirmation that a party was told the decision in force on a case: the
/// start of their complaint window (DSA Art. 20(2)). The earliest confirmation stays, so a
/// repeated or late confirmation never lengthens a window that has started.
enum DecisionNotices {
    static func record(caseId: ModerationCase.ID, tenantId: Tenant.ID, _ notification: PartyNotification, now: Date, dialect: SQLDialect)
        -> StorePlan<NotificationOutcome>
    {
        .first("SELECT id FROM cases WHERE id = \(caseId) AND tenant_id = \(tenantId)") { found in
            guard found != nil else { return .done(.notFound) }
            return .first("""
                SELECT id, decided_at FROM decisions WHERE case_id = \(caseId) AND superseded_by IS NULL ORDER BY decided_at DESC, id DESC LIMIT 1
                """) { decision in
                guard let decision else { return .done(.notDecided) }
                let decisionId = try decision.string("id"), decidedAt = try decision.date("decided_at")
                // Stored times keep milliseconds: a confirmation in the decision's own second is not "before" it.
                guard notification.informedAt.timeIntervalSince(decidedAt) > -1 else { return .done(.informedBeforeDecision(decidedAt: decidedAt)) }
                let informedAt = max(notification.informedAt, decidedAt)
                return .write([
                    """
                    INSERT INTO decision_notifications (decision_id, party, user_id, informed_at, recorded_at)
                    VALUES (\(decisionId), \(notification.party.rawValue), \(notification.userId ?? ""), \(informedAt), \(now))
                    ON CONFLICT (decision_id, party, user_id)
                    DO UPDATE SET informed_at = \(raw: dialect.least)(decision_notifications.informed_at, excluded.informed_at)
                    """,
                    // The audit says who was told, by party; the person's id stays out of it.
                    SharedStatements.audit(
                        tenantId: tenantId, actor: "platform", at: now, action: "case.party_informed", caseId: caseId,
                        after: AuditJSON.make([
                            "decisionId": decisionId, "party": notification.party.rawValue, "informedAt": Timestamp.format(informedAt),
                            "scope": notification.userId == nil ? "every \(notification.party.rawValue)" : "one \(notification.party.rawValue)",
                        ])),
                ], answering: .recorded(decisionId: decisionId))
            }
        }
    }
}
