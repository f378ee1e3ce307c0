import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Complaints through the API over a live loopback server: filing with the tenant key, the
/// review queue with moderator tokens, outcomes visible where the platform reads them.
@Suite("Appeals API")
struct AppealAPITests {
    static let config: RelaisConfig = {
        let json = #"{"tenants": {"acme": {"appeals": {"outOfCourtBody": {"name": "Appeals Centre Europe", "url": "https://www.appealscentre.eu"}}}}}"#
        return try! JSONDecoder().decode(RelaisConfig.self, from: Data(json.utf8))
    }()

    func appealJSON(decision: String, party: String = "author", user: String = "author-1", explanation: String = "It was a quote from a song.") -> String {
        let body: [String: Any] = ["decisionId": decision, "party": party, "userId": user, "explanation": explanation, "language": "en"]
        return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A case decided by mia with a removal: (case id, decision id).
    func decidedCase(_ client: any TestClientProtocol, server: LiveServer, mia: String) async throws -> (String, String) {
        let caseId = try await client.file(caseReportJSON(reporter: "reporter-a"), key: server.acmeKey)
        _ = try await client.claim(mia)
        let decided = try await client.post("/v1/moderation/cases/\(caseId)/decisions", key: mia, json: decisionJSON())
        let decisionId = try #require((decided.json["decision"] as? [String: Any])?["id"] as? String)
        return (caseId, decisionId)
    }

    @Test func aComplaintIsFiledReviewedByAnotherModeratorAndReversed() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(config: Self.config, clock: clock.relaisClock)
        let mia = try await server.moderatorToken("mia"), noah = try await server.moderatorToken("noah")
        try await server.run { client in
            let (caseId, decisionId) = try await decidedCase(client, server: server, mia: mia)
            // The platform says it told the author; the case's view shows when the window ends.
            let told = try await client.post("/v1/moderation/cases/\(caseId)/notifications", key: server.acmeKey, json: #"{"party": "author", "userId": "author-1"}"#)
            #expect(told.status == .created && told.json["decisionId"] as? String == decisionId, "\(told.text)")
            // A moderator token does not work there, nor the tenant key on the review routes.
            #expect(try await client.post("/v1/moderation/cases/\(caseId)/notifications", key: mia, json: #"{"party": "author"}"#).status == .unauthorized)
            #expect(try await client.post("/v1/moderation/appeals/next", key: server.acmeKey, json: "{}").status == .unauthorized)
            let shown = try await client.get("/v1/moderation/cases/\(caseId)", key: mia)
            let complaints = try #require((shown.json["decisionInForce"] as? [String: Any])?["complaints"] as? [String: Any])
            #expect(complaints["authorWindowClosesAt"] as? String == "2027-05-29T14:00:00.000Z")

            clock.advance(3600)
            let filed = try await client.post("/v1/appeals", key: server.acmeKey, json: appealJSON(decision: decisionId), headers: [HTTPField.Name("Idempotency-Key")!: "appeal-1"])
            #expect(filed.status == .created, "\(filed.text)")
            let appealId = try #require(filed.json["id"] as? String)
            #expect(filed.json["status"] as? String == "open" && filed.json["caseId"] as? String == caseId)
            // A retry with the same key answers the same complaint; nothing twice.
            let retried = try await client.post("/v1/appeals", key: server.acmeKey, json: appealJSON(decision: decisionId), headers: [HTTPField.Name("Idempotency-Key")!: "appeal-1"])
            #expect(retried.status == .created && retried.json["id"] as? String == appealId && retried.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            // Another tenant cannot see it.
            #expect(try await client.get("/v1/appeals/\(appealId)", key: server.otherKey).status == .notFound)

            // mia decided: she is never handed it; noah is.
            #expect(try await client.post("/v1/moderation/appeals/next", key: mia, json: "{}").status == .noContent)
            let claimed = try await client.post("/v1/moderation/appeals/next", key: noah, json: "{}")
            #expect(claimed.status == .ok)
            #expect((claimed.json["appeal"] as? [String: Any])?["id"] as? String == appealId)
            #expect(claimed.json["explanation"] as? String == "It was a quote from a song.")
            #expect((claimed.json["decisionUnderReview"] as? [String: Any])?["id"] as? String == decisionId)
            #expect(((claimed.json["case"] as? [String: Any])?["reports"] as? [[String: Any]])?.count == 1)
            // A decision body is refused for a reversal of a restriction, with the field named.
            let wrong = try await client.post("/v1/moderation/appeals/\(appealId)/decision", key: noah, json: #"{"outcome": "reversed", "textForAppellant": "x", "decision": {}}"#)
            #expect(wrong.status == .unprocessableContent && wrong.problemFields.contains { $0.hasPrefix("decision") }, "\(wrong.text)")
            let reversed = try await client.post(
                "/v1/moderation/appeals/\(appealId)/decision", key: noah,
                json: #"{"outcome": "reversed", "textForAppellant": "On review, the comment quotes a song. It is visible again.", "internalNote": "REVIEW-NOTE"}"#)
            #expect(reversed.status == .created, "\(reversed.text)")
            let appeal = try #require(reversed.json["appeal"] as? [String: Any])
            #expect(appeal["outcome"] as? String == "reversed")
            let redress = try #require(appeal["redress"] as? [String: Any])
            #expect((redress["outOfCourtDisputeSettlement"] as? [String: Any])?["name"] as? String == "Appeals Centre Europe")
            // The platform reads the decision in force without the restriction.
            let after = try await client.get("/v1/moderation/cases/\(caseId)", key: mia)
            let inForce = try #require(after.json["decisionInForce"] as? [String: Any])
            #expect((inForce["decision"] as? [String: Any])?["restrictions"] as? [String] == [])
            #expect(inForce["replacesDecisionId"] as? String == decisionId)
            let followed = try await client.get("/v1/appeals/\(appealId)", key: server.acmeKey)
            #expect(followed.json["outcome"] as? String == "reversed" && !followed.text.contains("REVIEW-NOTE"))
            // The figures count it.
            let stats = try await client.get("/v1/moderation/appeals/statistics?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z", key: mia)
            let figures = try #require(stats.json["statistics"] as? [String: Any])
            #expect(figures["reversals"] as? Int == 1)
            let events = try await server.database.rows("SELECT type, payload FROM outbox_events ORDER BY created_at").compactMap { $0.string("type") }
            #expect(events.filter { $0.hasPrefix("appeal.") } == ["appeal.received", "appeal.decided"])
        }
    }

    @Test func refusalsNameTheFieldAndStoreNothing() async throws {
        let server = try await LiveServer(config: Self.config)
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            let (_, decisionId) = try await decidedCase(client, server: server, mia: mia)
            let invalid = try await client.post("/v1/appeals", key: server.acmeKey, json: #"{"party": "judge", "explanation": ""}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(Set(invalid.problemFields) == ["decisionId", "party", "userId", "explanation"])
            let stranger = try await client.post("/v1/appeals", key: server.acmeKey, json: appealJSON(decision: decisionId, party: "reporter", user: "stranger"))
            #expect(stranger.status == .unprocessableContent && stranger.problemFields == ["userId"])
            let unknown = try await client.post("/v1/appeals", key: server.acmeKey, json: appealJSON(decision: "no-such-decision"))
            #expect(unknown.problemFields == ["decisionId"])
            #expect(try await client.post("/v1/appeals", key: server.acmeKey, json: appealJSON(decision: decisionId)).status == .created)
            let twice = try await client.post("/v1/appeals", key: server.acmeKey, json: appealJSON(decision: decisionId))
            #expect(twice.status == .unprocessableContent && twice.problemFields == ["party"])
            #expect(try await server.database.int("SELECT COUNT(*) FROM appeals") == 1)
        }
    }

    @Test func theDecidedWebhookCarriesAnAppealLinkPerParty() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            let (_, decisionId) = try await decidedCase(client, server: server, mia: mia)
            let payload = try #require(try await server.database.rows("SELECT payload FROM outbox_events WHERE type = 'case.decided'").first?.string("payload"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
            let links = try #require(json["appealLinks"] as? [[String: Any]])
            #expect(links.map { $0["party"] as? String } == ["author", "reporter"])
            let path = try #require(links[1]["path"] as? String)
            let secret = try await server.storage.sharedSecret(named: AppealLinkToken.secretName)
            let token = AppealLinkToken.open(String(path.dropFirst("/embed/appeal?token=".count)), secret: secret, now: Date())
            #expect(token?.decisionId == decisionId && token?.userId == "reporter-a" && token?.party == .reporter)
        }
    }
}
