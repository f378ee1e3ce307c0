import Foundation
import RelaisCore
import RelaisStore

/// A complaint as the platform follows it: its status and, once reviewed, the outcome with the
/// text for the appellant and where else they can go (Art. 21). Never the internal note.
struct AppealView: Encodable {
    var id: String
    var caseId: String
    var decisionId: String
    var party: AppealParty
    var appellantId: String
    var status: String
    var receivedAt: String
    var dueAt: String
    var outcome: AppealOutcome?
    var decidedAt: String?
    var textForAppellant: String?
    var reason: String?
    /// The decision that replaced the one contested, for `reversed` and `modified`.
    var newDecisionId: String?
    var redress: Redress

    struct Redress: Encodable {
        var outOfCourtDisputeSettlement: OutOfCourtBody?
        var judicialRedress = true
    }

    init(_ a: Appeal, outOfCourt: OutOfCourtBody?) {
        id = a.id.rawValue
        caseId = a.caseId.rawValue
        decisionId = a.decisionId
        party = a.party
        appellantId = a.appellantId
        status = a.status
        receivedAt = Timestamp.format(a.receivedAt)
        dueAt = Timestamp.format(a.dueAt)
        outcome = a.review?.outcome
        decidedAt = a.review.map { Timestamp.format($0.decidedAt) }
        textForAppellant = a.review?.textForAppellant
        reason = a.review?.reason
        newDecisionId = a.review?.newDecisionId
        redress = Redress(outOfCourtDisputeSettlement: outOfCourt)
    }
}

/// A complaint as its reviewer sees it: the complaint (the appellant's words included), the
/// decision under review with its statement of reasons, and the case with every report.
struct AppealReviewView: Encodable {
    var appeal: Appeal
    var explanation: String
    var lease: LeaseView?
    var reviewer: String?
    var internalNote: String?
    var decisionUnderReview: DecisionView
    var moderationCase: ModerationCaseView

    struct Appeal: Encodable {
        var id: String
        var party: AppealParty
        var status: String
        var receivedAt: String
        var dueAt: String
        var overdue: Bool
        var language: String
        var outcome: AppealOutcome?
        var textForAppellant: String?
        var reason: String?
        var newDecisionId: String?
    }

    enum CodingKeys: String, CodingKey { case appeal, explanation, lease, reviewer, internalNote, decisionUnderReview, moderationCase = "case" }

    init(_ r: AppealReview, now: Date) {
        let a = r.appeal
        appeal = Appeal(
            id: a.id.rawValue, party: a.party, status: a.status, receivedAt: Timestamp.format(a.receivedAt), dueAt: Timestamp.format(a.dueAt),
            overdue: a.status == "open" && now > a.dueAt, language: a.language, outcome: a.review?.outcome,
            textForAppellant: a.review?.textForAppellant, reason: a.review?.reason, newDecisionId: a.review?.newDecisionId)
        explanation = a.explanation
        lease = a.lease.map(LeaseView.init)
        reviewer = a.review?.reviewerName
        internalNote = a.review?.internalNote
        decisionUnderReview = DecisionView(r.decision)
        moderationCase = ModerationCaseView(r.moderationCase, now: now)
    }
}
