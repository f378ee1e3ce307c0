import Foundation
import RelaisCore

/// `appeal.decided`: what the platform tells the appellant (DSA Art. 20(5)): the outcome, the
/// reasoned text, the decision in force afterwards with its restrictions (lifted ones gone),
/// and where else to go (Art. 21, the courts). Never the internal note.
struct AppealDecidedPayload: Encodable {
    var event = "appeal.decided"
    var appealId: String
    var caseId: String
    /// The decision the complaint was about.
    var decisionId: String
    var party: AppealParty
    var appellantId: String
    var outcome: AppealOutcome
    var decidedAt: String
    var textForAppellant: String
    var reason: String?
    var decisionInForce: DecisionInForce
    var redress: Redress

    struct DecisionInForce: Encodable {
        var id: String
        /// "no_action" or "restricted".
        var outcome: String
        var restrictions: [Decision.Restriction]
        var endDate: CalendarDay?
        var replacesDecisionId: String?
        var statementOfReasons: StatementOfReasons?
    }

    /// Where the appellant can go next: a certified out-of-court dispute settlement body when
    /// the platform named one, and the courts.
    struct Redress: Encodable {
        var outOfCourtDisputeSettlement: OutOfCourtBody?
        var judicialRedress = true
    }

    init(appeal: Appeal, review: Appeal.Review, inForce: RecordedDecision, outOfCourt: OutOfCourtBody?) {
        appealId = appeal.id.rawValue
        caseId = appeal.caseId.rawValue
        decisionId = appeal.decisionId
        party = appeal.party
        appellantId = appeal.appellantId
        outcome = review.outcome
        decidedAt = Timestamp.format(review.decidedAt)
        textForAppellant = review.textForAppellant
        reason = review.reason
        decisionInForce = DecisionInForce(
            id: inForce.id, outcome: inForce.decision.isNoAction ? "no_action" : "restricted", restrictions: inForce.decision.restrictions,
            endDate: inForce.decision.endDate, replacesDecisionId: inForce.replacesDecisionId, statementOfReasons: inForce.statement)
        redress = Redress(outOfCourtDisputeSettlement: outOfCourt)
    }

    func json() throws -> String { try StoredJSON.encode(self) }
}
