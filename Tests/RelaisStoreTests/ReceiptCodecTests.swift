import Foundation
@testable import RelaisStore
import Testing

/// The receipt's JSON is written by hand around the card (`ReceiptCodec.body`): the same bytes
/// as before it was appended into one string, and a receipt that decodes.
@Suite struct ReceiptCodecTests {
    /// How the body was written before, with `+`.
    static func reference(
        id: String, receivedAt: String, caseId: String, cardJSON: String?, handoff: ReportReceipt.Handoff?, statusPage: ReportReceipt.StatusPage?
    ) -> String {
        let handoffJSON = handoff.map { #","handoff":{"expiresAt":""# + $0.expiresAt + #"","reference":""# + $0.reference + #""}"# } ?? ""
        let statusJSON = statusPage.map {
            #","statusPage":{"evidencePath":""# + $0.evidencePath + #"","expiresAt":""# + $0.expiresAt + #"","path":""# + $0.path + #""}"#
        } ?? ""
        return #"{"caseId":""# + caseId + #"""# + handoffJSON + #","id":""# + id + #"","receivedAt":""# + receivedAt
            + #"","status":"received""# + statusJSON + #","support":"# + (cardJSON ?? "null") + "}"
    }

    @Test(arguments: [false, true])
    func theBodyIsTheSameBytesAndDecodes(withLinks: Bool) throws {
        let handoff = withLinks ? ReportReceipt.Handoff(reference: "K7M-4QP", expiresAt: "2027-01-03T12:00:00.000Z") : nil
        let statusPage = withLinks ? ReportReceipt.StatusPage(token: "abc_-1", expiresAt: Date(timeIntervalSince1970: 1_828_000_000)) : nil
        for cardJSON in [nil, #"{"country":"FR","helplines":[]}"#] {
            let body = ReceiptCodec.body(
                id: "r-1", receivedAt: "2026-12-04T12:00:00.000Z", caseId: "c-1", cardJSON: cardJSON, handoff: handoff, statusPage: statusPage)
            #expect(body == Self.reference(
                id: "r-1", receivedAt: "2026-12-04T12:00:00.000Z", caseId: "c-1", cardJSON: cardJSON, handoff: handoff, statusPage: statusPage))
            let decoded = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            #expect(decoded?["caseId"] as? String == "c-1" && decoded?["id"] as? String == "r-1")
            #expect((decoded?["handoff"] != nil) == withLinks && (decoded?["statusPage"] != nil) == withLinks)
        }
    }
}
