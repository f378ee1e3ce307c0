import Foundation
import RelaisCore

/// `appeal.received`: a complaint was stored and awaits review. Ids, the party and the due
/// time; not the appellant's explanation, which the platform already has.
struct AppealReceivedPayload: Encodable {
    var event = "appeal.received"
    var appealId: String
    var caseId: String
    var decisionId: String
    var party: AppealParty
    var appellantId: String
    var receivedAt: String
    var dueAt: String

    init(_ appeal: Appeal) {
        appealId = appeal.id.rawValue
        caseId = appeal.caseId.rawValue
        decisionId = appeal.decisionId
        party = appeal.party
        appellantId = appeal.appellantId
        receivedAt = Timestamp.format(appeal.receivedAt)
        dueAt = Timestamp.format(appeal.dueAt)
    }

    func json() throws -> String { try StoredJSON.encode(self) }
}
