import Foundation
import RelaisCore

/// Filing a complaint, on either backend, in one transaction:
/// 1. a retry (same idempotency key) gets the complaint stored the first time, a different
///    request with the key is refused;
/// 2. the decision must be the tenant's and still in force (a replaced decision is contested
///    through the one that replaced it);
/// 3. the appellant must have standing (`AppealStanding`): the case's author, or one of its
///    reporters;
/// 4. the window must be open (`AppealWindow`, from when this person was told);
/// 5. at most one open complaint per decision, party and person: checked first for a clear
///    answer, and held by the partial unique index `appeals_one_open` for two at once;
/// 6. the complaint, its audit entry and the `appeal.received` event are written together.
/// A refusal writes nothing.
struct AppealFilingPlan: Sendable {
    let filing: AppealFiling
    let reviewTime: TimeInterval

    var appeal: Appeal {
        let r = filing.request
        return Appeal(
            id: filing.appealId, tenantId: filing.tenantId, caseId: ModerationCase.ID(rawValue: ""), decisionId: r.decisionId, party: r.party,
            appellantId: r.userId, explanation: r.explanation, language: r.language, status: "open", receivedAt: filing.receivedAt,
            dueAt: filing.receivedAt.addingTimeInterval(reviewTime), lease: nil, review: nil)
    }

    var plan: StorePlan<AppealFilingOutcome> {
        replayIfRetried(otherwise: checkAndStore)
    }

    private func replayIfRetried(otherwise next: StorePlan<AppealFilingOutcome>) -> StorePlan<AppealFilingOutcome> {
        let f = filing
        guard let key = f.idempotencyKey else { return next }
        return .first("SELECT id, request_hash FROM appeals WHERE tenant_id = \(f.tenantId) AND idempotency_key = \(key)") { row in
            guard let row else { return next }
            guard try row.string("request_hash") == f.requestHash else { return .done(.keyReusedWithDifferentRequest) }
            return AppealReading.appeal(id: try row.id("id"), tenantId: f.tenantId, now: f.receivedAt).then { stored in
                .done(stored.map(AppealFilingOutcome.replayed) ?? .keyReusedWithDifferentRequest)
            }
        }
    }

    static func refused(_ field: String, _ message: String) -> StorePlan<AppealFilingOutcome> {
        .done(.refused(ValidationFailure([FieldError(field, message)])))
    }

    private var checkAndStore: StorePlan<AppealFilingOutcome> {
        let f = filing, r = f.request, filed = self
        return CaseReading.decision(id: r.decisionId, tenantId: f.tenantId).then { decision in
            guard let decision else { return Self.refused("decisionId", "no decision with this id for your tenant") }
            if let newer = decision.supersededBy {
                return Self.refused("decisionId", "this decision was replaced by decision \(newer): contest that one")
            }
            let caseId = decision.caseId
            return .first("SELECT author_id FROM cases WHERE id = \(caseId)") { caseRow in
                .first("SELECT 1 AS found FROM reports WHERE case_id = \(caseId) AND reporter_id = \(r.userId) LIMIT 1") { reported in
                    let standing = AppealStanding.hasStanding(
                        party: r.party, userId: r.userId, authorId: try caseRow?.optionalString("author_id"),
                        reporterIds: reported == nil ? [] : [r.userId])
                    guard standing else {
                        return Self.refused(
                            "userId", r.party == .author ? "is not the author of the content this decision is about" : "did not report this case")
                    }
                    if let closes = decision.complaintWindowCloses(party: r.party, userId: r.userId), f.receivedAt > closes {
                        return Self.refused(
                            "decisionId",
                            "the time to contest this decision ended at \(Timestamp.format(closes)): six months from when you were told of it (DSA Art. 20)")
                    }
                    return filed.store(caseId: caseId)
                }
            }
        }
    }

    private func store(caseId: ModerationCase.ID) -> StorePlan<AppealFilingOutcome> {
        let f = filing, r = f.request
        var stored = appeal
        stored.caseId = caseId
        let appeal = stored
        return .first("""
            SELECT id FROM appeals WHERE decision_id = \(r.decisionId) AND party = \(r.party.rawValue) AND appellant_id = \(r.userId) AND status = 'open'
            """) { open in
            if let open { return Self.refused("party", "already has an open appeal against this decision (\(try open.string("id")))") }
            return .query("""
                INSERT INTO appeals (id, tenant_id, case_id, decision_id, party, appellant_id, explanation, language, status, received_at, due_at,
                  idempotency_key, request_hash)
                VALUES (\(appeal.id), \(f.tenantId), \(caseId), \(r.decisionId), \(r.party.rawValue), \(r.userId), \(r.explanation), \(r.language),
                  'open', \(appeal.receivedAt), \(appeal.dueAt), \(f.idempotencyKey), \(f.requestHash))
                ON CONFLICT DO NOTHING RETURNING id
                """) { inserted in
                // Another request won the race: the same key (a retry, answered with its
                // complaint) or the same person's complaint on this decision.
                guard !inserted.isEmpty else { return replayIfRetried(otherwise: Self.refused("party", "already has an open appeal against this decision")) }
                return .write([
                    SharedStatements.audit(
                        tenantId: f.tenantId, actor: "platform", at: f.receivedAt, action: "appeal.received", caseId: caseId,
                        after: AuditJSON.make([
                            "appealId": appeal.id.rawValue, "decisionId": r.decisionId, "party": r.party.rawValue, "status": "open",
                            "dueAt": Timestamp.format(appeal.dueAt),
                        ])),
                    SharedStatements.outbox(OutboxEvent(
                        tenantId: f.tenantId, type: "appeal.received", payload: try AppealReceivedPayload(appeal).json(), createdAt: f.receivedAt)),
                ], answering: .created(appeal))
            }
        }
    }
}
