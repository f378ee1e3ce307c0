import Foundation
import RelaisCore

/// The receipt as stored for idempotent replays: deterministic JSON, so a replay is
/// byte-for-byte the first answer.
public enum ReceiptCodec {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public static func decode(_ json: String) throws -> ReportReceipt {
        var receipt = try JSONDecoder().decode(ReportReceipt.self, from: Data(json.utf8))
        receipt.json = json
        return receipt
    }

    /// The receipt's JSON, keys sorted like the encoder's, around the card encoded once.
    /// The ids are UUIDs and the time is ISO 8601: nothing here needs escaping.
    /// The hand-off reference is from a fixed alphabet (`HandoffReference`): nothing to escape either.
    /// The status page's token is base64url (`SealedLink`): nothing to escape.
    static func body(
        id: String, receivedAt: String, caseId: String, cardJSON: String?, handoff: ReportReceipt.Handoff? = nil,
        statusPage: ReportReceipt.StatusPage? = nil
    ) -> String {
        body(caseId: caseId, afterCaseId: afterCaseId(id: id, receivedAt: receivedAt, cardJSON: cardJSON, handoff: handoff, statusPage: statusPage))
    }

    /// The body from its case id and the rest (`afterCaseId`): the case id is the one part
    /// known only inside the writer's transaction, so the rest is made before it.
    static func body(caseId: String, afterCaseId: String) -> String {
        var json = ""
        json.reserveCapacity(afterCaseId.utf8.count + caseId.utf8.count + 11)
        json += #"{"caseId":""#
        json += caseId
        json += afterCaseId
        return json
    }

    /// Everything after the case id's value, from its closing quote.
    static func afterCaseId(
        id: String, receivedAt: String, cardJSON: String?, handoff: ReportReceipt.Handoff?, statusPage: ReportReceipt.StatusPage?
    ) -> String {
        // Appended into one string sized once: written with `+`, each step copied the growing
        // text (a card is about 2 KB) into a new string.
        var json = ""
        json.reserveCapacity((cardJSON?.utf8.count ?? 4) + 400)
        json += #"""#
        if let handoff {
            json += #","handoff":{"expiresAt":""#
            json += handoff.expiresAt
            json += #"","reference":""#
            json += handoff.reference
            json += #""}"#
        }
        json += #","id":""#
        json += id
        json += #"","receivedAt":""#
        json += receivedAt
        json += #"","status":"received""#
        if let statusPage {
            json += #","statusPage":{"evidencePath":""#
            json += statusPage.evidencePath
            json += #"","expiresAt":""#
            json += statusPage.expiresAt
            json += #"","path":""#
            json += statusPage.path
            json += #""}"#
        }
        json += #","support":"#
        json += cardJSON ?? "null"
        json += "}"
        return json
    }

    /// The card's JSON as receipts store and answer it; the server's card cache encodes
    /// with this too, so a cached card is byte for byte what the store would write.
    public static func encodeCard(_ card: SupportCard) throws -> String {
        String(decoding: try encoder.encode(card), as: UTF8.self)
    }

    static func decodeCard(_ json: String) throws -> SupportCard {
        try JSONDecoder().decode(SupportCard.self, from: Data(json.utf8))
    }
}
