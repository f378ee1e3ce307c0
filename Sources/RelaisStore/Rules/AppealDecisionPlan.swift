import Foundation
import RelaisCore

/// Deciding a complaint, on either backend, in one transaction: the reviewer's lease on the
/// complaint (its row locked first), the rule that the reviewer is not the person who took
/// the decision under review (DSA Art. 20(6)), that decision still in force, then for
/// `reversed` and `modified` the replacement decision through `ModerationRules.statement`
/// like any decision (its facts name the statement it replaces), and the outcome, the audit
/// entry and the `appeal.decided` event. A refusal writes nothing.
struct AppealDecisionPlan: Sendable {
    let appealId: Appeal.ID
    let resolution: AppealResolution
    let reviewer: Moderator
    let outOfCourt: OutOfCourtBody?
    let now: Date
    var newDecisionId = UUID().uuidString.lowercased()

    /// The lease machinery speaks of items by their id; an appeal's id is one.
    var item: ModerationCase.ID { ModerationCase.ID(rawValue: appealId.rawValue) }

    func plan(dialect: SQLDialect) -> StorePlan<AppealDecisionOutcome> {
        let decided = self
        return LeaseChange.check(caseId: item, moderator: reviewer, now: now, dialect: dialect, queue: .appeals).then { check in
            switch check {
            case .notFound: return .done(.notFound)
            case .notLeasedByCaller: return .done(.notLeasedByCaller)
            case .held: break
            }
            return AppealReading.appeal(id: decided.appealId, tenantId: decided.reviewer.tenantId, now: decided.now).then { appeal in
                guard let appeal else { return .done(.notFound) }
                return CaseReading.decision(id: appeal.decisionId, tenantId: decided.reviewer.tenantId).then { original in
                    guard let original else { return .done(.notFound) }
                    if original.moderatorId == decided.reviewer.id { return .done(.reviewerDecidedOriginal) }
                    if let newer = original.supersededBy {
                        return .done(.refused(ValidationFailure([
                            FieldError("outcome", "the decision under review was replaced meanwhile (by decision \(newer)): release this appeal")
                        ])))
                    }
                    return decided.replacement(for: original, appeal: appeal, dialect: dialect)
                }
            }
        }
    }

    private func replacement(for original: RecordedDecision, appeal: Appeal, dialect: SQLDialect) -> StorePlan<AppealDecisionOutcome> {
        let decided = self
        guard var decision = resolution.replacement else { return finish(appeal: appeal, original: original, replacement: nil) }
        if !decision.isNoAction {
            // The published statement says what it replaces (the Transparency Database has
            // no field for it): the earlier statement's puid, or the earlier no-action decision.
            let replaced = original.statement.map { "the statement of reasons \($0.puid)" } ?? "a decision not to act (\(original.id))"
            decision.facts = "Replaces \(replaced) after an internal complaint (DSA Art. 20). " + (decision.facts ?? "")
        }
        let made = decision
        return CaseQueueColumns.facts(caseId: appeal.caseId, dialect: dialect).then { facts in
            guard let facts else { return .done(.notFound) }
            switch ModerationRules.statement(for: made, case: facts, now: decided.now) {
            case .failure(let failure):
                return .done(.refused(ValidationFailure(failure.errors.map { FieldError("decision." + $0.field, $0.message) })))
            case .success(let statement):
                let recorded = RecordedDecision(
                    id: decided.newDecisionId, caseId: appeal.caseId, moderatorName: decided.reviewer.name, decidedAt: decided.now,
                    decision: made, statement: statement, moderatorId: decided.reviewer.id, replacesDecisionId: original.id,
                    appealId: appeal.id.rawValue)
                return decided.finish(appeal: appeal, original: original, replacement: recorded)
            }
        }
    }

    private func finish(appeal: Appeal, original: RecordedDecision, replacement: RecordedDecision?) -> StorePlan<AppealDecisionOutcome> {
        let decided = self, r = resolution, tenantId = reviewer.tenantId
        return .first("SELECT author_id FROM cases WHERE id = \(appeal.caseId)") { caseRow in
            let review = Appeal.Review(
                outcome: r.outcome, textForAppellant: r.textForAppellant, reason: r.reason, internalNote: r.internalNote,
                reviewerName: decided.reviewer.name, decidedAt: decided.now, newDecisionId: replacement?.id)
            var answered = appeal
            answered.status = "decided"
            answered.lease = nil
            answered.review = review
            let payload = AppealDecidedPayload(appeal: answered, review: review, inForce: replacement ?? original, outOfCourt: decided.outOfCourt)
            let event = OutboxEvent(tenantId: tenantId, type: payload.event, payload: try payload.json(), createdAt: decided.now)
            var writes: [SQLStatement] = []
            if let replacement {
                writes += try DecisionRecord.writes(
                    id: replacement.id, tenantId: tenantId, caseId: appeal.caseId, moderatorId: decided.reviewer.id, decision: replacement.decision,
                    statement: replacement.statement, author: try caseRow?.optionalString("author_id"), now: decided.now,
                    noticeEventId: event.id, replaces: original.id, appealId: appeal.id)
            }
            writes += [
                """
                UPDATE appeals SET status = 'decided', outcome = \(r.outcome.rawValue), reason = \(r.reason), text_for_appellant = \(r.textForAppellant),
                  internal_note = \(r.internalNote), decided_by = \(decided.reviewer.id), decided_at = \(decided.now),
                  new_decision_id = \(replacement?.id), restrictions_imposed = \(r.imposesNewRestriction(over: original.decision)),
                  lease_owner = NULL, lease_expires_at = NULL
                WHERE id = \(appeal.id)
                """,
                SharedStatements.audit(
                    tenantId: tenantId, actor: decided.reviewer.name, at: decided.now, action: "appeal.decided", caseId: appeal.caseId,
                    before: AuditJSON.make(["appealId": appeal.id.rawValue, "status": "open", "decisionInForce": original.id]),
                    after: AuditJSON.json([
                        "appealId": appeal.id.rawValue, "status": "decided", "outcome": r.outcome.rawValue,
                        "decisionInForce": replacement?.id ?? original.id,
                        "restrictions": (replacement ?? original).decision.restrictions.map(\.rawValue),
                    ])),
                SharedStatements.outbox(event),
            ]
            return .write(writes, answering: .decided(answered, newDecision: replacement))
        }
    }
}
