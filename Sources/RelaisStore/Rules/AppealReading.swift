import Foundation
import RelaisCore

/// A complaint as the API and the console show it, and the review around it.
enum AppealReading {
    static let columns = """
        a.*, lm.name AS lease_owner_name, rm.name AS reviewer_name FROM appeals a \
        LEFT JOIN moderators lm ON lm.id = a.lease_owner LEFT JOIN moderators rm ON rm.id = a.decided_by
        """

    static func appeal(id: Appeal.ID, tenantId: Tenant.ID, now: Date) -> StorePlan<Appeal?> {
        .first("SELECT \(raw: columns) WHERE a.id = \(id) AND a.tenant_id = \(tenantId)") { row in
            .done(try row.map { try appeal($0, now: now) })
        }
    }

    static func appeal(_ row: any ColumnReading, now: Date) throws -> Appeal {
        var lease: Lease?
        if let owner = try row.optionalString("lease_owner"), let expires = try row.optionalDate("lease_expires_at"), expires > now {
            lease = Lease(moderatorId: Moderator.ID(rawValue: owner), moderatorName: try row.optionalString("lease_owner_name") ?? owner, expiresAt: expires)
        }
        var review: Appeal.Review?
        if let outcome = try row.optionalString("outcome").flatMap(AppealOutcome.init(rawValue:)), let decidedAt = try row.optionalDate("decided_at") {
            review = Appeal.Review(
                outcome: outcome, textForAppellant: try row.optionalString("text_for_appellant") ?? "", reason: try row.optionalString("reason"),
                internalNote: try row.optionalString("internal_note"), reviewerName: try row.optionalString("reviewer_name") ?? "",
                decidedAt: decidedAt, newDecisionId: try row.optionalString("new_decision_id"))
        }
        return Appeal(
            id: try row.id("id"), tenantId: try row.id("tenant_id"), caseId: try row.id("case_id"), decisionId: try row.string("decision_id"),
            party: AppealParty(rawValue: try row.string("party")) ?? .reporter, appellantId: try row.string("appellant_id"),
            explanation: try row.string("explanation"), language: try row.string("language"), status: try row.string("status"),
            receivedAt: try row.date("received_at"), dueAt: try row.date("due_at"), lease: lease, review: review)
    }

    /// The complaint beside its case and the decision under review.
    static func review(id: Appeal.ID, tenantId: Tenant.ID, now: Date, policy: ModerationPolicy, dialect: SQLDialect) -> StorePlan<AppealReview?> {
        appeal(id: id, tenantId: tenantId, now: now).then { found in
            guard let found else { return .done(nil) }
            return CaseReading.moderationCase(id: found.caseId, tenantId: tenantId, now: now, policy: policy, dialect: dialect).then { moderationCase in
                guard let moderationCase, let decision = moderationCase.decisions.first(where: { $0.id == found.decisionId }) else { return .done(nil) }
                return .done(AppealReview(appeal: found, moderationCase: moderationCase, decision: decision))
            }
        }
    }
}
