import Foundation
import RelaisCore
import Testing

/// The Transparency Database's answers to a batch, read as documented (dsa-notes §1.2).
@Suite("Transparency Database answers")
struct TransparencyBatchOutcomeTests {
    func classify(_ status: Int, _ body: String) -> TransparencyBatchOutcome {
        TransparencyBatchOutcome.classify(status: status, body: Data(body.utf8))
    }

    @Test func aCreatedBatchGivesEachPuidItsUuidAndPermalink() {
        let body = #"{"statements":[{"puid":"a","uuid":"u-a","permalink":"https://t/statement/u-a"},{"puid":"b","uuid":"u-b"}]}"#
        #expect(classify(201, body) == .created([
            "a": .init(uuid: "u-a", permalink: "https://t/statement/u-a"), "b": .init(uuid: "u-b", permalink: nil),
        ]))
    }

    @Test func aBatch422NamesThePositionsRefusedWithTheirReasons() {
        let body = #"{"errors":{"statement_0":{"puid":["The puid format is invalid."]},"statement_2":{"category":["The selected category is invalid."]}}}"#
        #expect(classify(422, body) == .refused([0: ["puid": ["The puid format is invalid."]], 2: ["category": ["The selected category is invalid."]]]))
    }

    @Test func duplicatePuidsAreReadFromExistingPuids() {
        let body = #"{"message":"The platform identifier(s) are not all unique within this call.","errors":{"puid":["…"],"existing_puids":["a","c"]}}"#
        #expect(classify(422, body) == .duplicatePuids(["a", "c"]))
    }

    @Test func tokensRateLimitsAndServerErrors() {
        #expect(classify(401, #"{"message":"Unauthenticated."}"#) == .tokenRefused(401))
        #expect(classify(403, "{}") == .tokenRefused(403))
        #expect(classify(429, "Limit Reached. Please do not overload the API") == .retry("HTTP 429 (rate limited)"))
        #expect(classify(503, "") == .retry("HTTP 503"))
        #expect(classify(422, #"{"message":"?"}"#) == .retry("HTTP 422 without errors"))
        #expect(classify(422, #"{"errors":{"statements":["The statements field must have between 1 and 100 items."]}}"#) == .retry("HTTP 422 not understood"))
    }
}
