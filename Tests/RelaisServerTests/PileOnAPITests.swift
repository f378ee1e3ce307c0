import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
import RelaisStore
import RelaisTestSupport
import Testing

/// A report of `author`'s comment about `target`, by `reporter` (a friend, not the target).
func targetedReportJSON(subject: String, author: String, target: String, reporter: String = "friend-1") -> String {
    let body: [String: Any] = [
        "surface": "instagram",
        "reporter": ["id": reporter, "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": false],
        "target": target,
        "subject": ["kind": "comment", "id": subject, "authorId": author, "text": "CONTENT-\(subject)"],
        "category": "harassment",
        "details": "REPORTER-WORDS",
        "goodFaith": true,
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
}

@Suite("Pile-ons API")
struct PileOnAPITests {
    @Test func threeAuthorsAboutOnePersonMakeAPileOnReadThroughTheAPI() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            var caseIds: [String] = []
            for (index, author) in ["bully-a", "bully-b"].enumerated() {
                let created = try await client.post("/v1/reports", key: server.acmeKey,
                    json: targetedReportJSON(subject: "c-\(index)", author: author, target: "teen-7", reporter: "reporter-\(index)"))
                #expect(created.status == .created)
                caseIds.append(created.json["caseId"] as? String ?? "")
            }
            let none = try await client.get("/v1/pile-ons", key: server.acmeKey)
            #expect(none.status == .ok && (none.json["pileOns"] as? [Any])?.isEmpty == true)
            let third = try await client.post("/v1/reports", key: server.acmeKey,
                json: targetedReportJSON(subject: "c-2", author: "bully-c", target: "teen-7", reporter: "reporter-2"))
            caseIds.append(third.json["caseId"] as? String ?? "")
            let listed = try await client.get("/v1/pile-ons?limit=10", key: server.acmeKey)
            let pileOns = try #require(listed.json["pileOns"] as? [[String: Any]])
            #expect(pileOns.count == 1 && listed.json["limit"] as? Int == 10)
            let pileOn = pileOns[0]
            #expect(pileOn["targetId"] as? String == "teen-7" && pileOn["authorCount"] as? Int == 3 && pileOn["caseCount"] as? Int == 3)
            let id = try #require(pileOn["id"] as? String)
            let shown = try await client.get("/v1/pile-ons/\(id)", key: server.acmeKey)
            #expect(shown.status == .ok)
            let cases = try #require(shown.json["cases"] as? [[String: Any]])
            #expect(cases.compactMap { $0["caseId"] as? String } == caseIds)
            #expect(cases.compactMap { $0["authorId"] as? String } == ["bully-a", "bully-b", "bully-c"])
            #expect(cases.allSatisfy { $0["status"] as? String == "open" && ($0["reports"] as? [Any])?.count == 1 })
            // No content, no reporter, no reporter's words.
            for absent in ["CONTENT-", "REPORTER-WORDS", "reporter-", "friend-1"] { #expect(!shown.text.contains(absent), "\(absent)") }
            // Another tenant sees nothing of it.
            #expect(try await client.get("/v1/pile-ons/\(id)", key: server.otherKey).status == .notFound)
            let theirs = try await client.get("/v1/pile-ons", key: server.otherKey)
            #expect((theirs.json["pileOns"] as? [Any])?.isEmpty == true)
            #expect(try await client.get("/v1/pile-ons", key: nil).status == .unauthorized)
            // The webhook, queued once, names the pile-on and its cases only.
            let events = try await server.database.rows("SELECT payload FROM outbox_events WHERE type = 'target.pile_on'")
            #expect(events.count == 1)
            let payload = events.first?.string("payload") ?? ""
            #expect(payload.contains(id) && payload.contains("teen-7"))
            for absent in ["CONTENT-", "REPORTER-WORDS", "reporter-"] { #expect(!payload.contains(absent), "\(absent)") }
        }
    }

    @Test func badPagingIsRefusedFieldByField() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let response = try await client.get("/v1/pile-ons?limit=0&offset=-1", key: server.acmeKey)
            #expect(response.status == .unprocessableContent)
            #expect(Set(response.problemFields) == ["limit", "offset"])
            #expect(try await client.get("/v1/pile-ons/nope", key: server.acmeKey).status == .notFound)
        }
    }
    @Test func aModeratorClosesThePileOnOnceAndTheListsFollow() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        let auditor = try await server.moderatorToken("cora", role: .compliance)
        let stranger = try await server.moderatorToken("eve", tenant: "other")
        try await server.run { client in
            for (index, author) in ["bully-a", "bully-b", "bully-c"].enumerated() {
                _ = try await client.post("/v1/reports", key: server.acmeKey,
                    json: targetedReportJSON(subject: "c-\(index)", author: author, target: "teen-7", reporter: "reporter-\(index)"))
            }
            let open = try await client.get("/v1/pile-ons", key: server.acmeKey)
            let id = try #require((open.json["pileOns"] as? [[String: Any]])?.first?["id"] as? String)
            let path = "/v1/moderation/pile-ons/\(id)/close"
            // The reason is required and bounded; nothing is closed when it is refused.
            let missing = try await client.post(path, key: mia, json: "{}")
            #expect(missing.status == .unprocessableContent && missing.problemFields == ["reason"])
            let long = try await client.post(path, key: mia, json: #"{"reason": "\#(String(repeating: "x", count: 501))"}"#)
            #expect(long.status == .unprocessableContent && long.problemFields == ["reason"])
            // Not with the tenant's key, not a compliance account, not another tenant's moderator.
            #expect(try await client.post(path, key: server.acmeKey, json: #"{"reason": "done"}"#).status == .unauthorized)
            #expect(try await client.post(path, key: auditor, json: #"{"reason": "done"}"#).status == .forbidden)
            #expect(try await client.post(path, key: stranger, json: #"{"reason": "done"}"#).status == .notFound)
            #expect(try await client.post("/v1/moderation/pile-ons/nope/close", key: mia, json: #"{"reason": "done"}"#).status == .notFound)
            #expect(try await server.database.int("SELECT COUNT(*) FROM pile_ons WHERE status = 'closed'") == 0)

            let closed = try await client.post(path, key: mia, json: #"{"reason": "All three authors suspended."}"#)
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(closed.json["status"] as? String == "closed" && closed.json["closedAt"] as? String != nil)
            #expect(!closed.text.contains("suspended") && !closed.text.contains("mia"), "who and why stay in the console and the audit log")
            // A retry answers the same, and writes nothing more.
            let retried = try await client.post(path, key: mia, json: #"{"reason": "All three authors suspended."}"#)
            #expect(retried.status == .ok && retried.json["closedAt"] as? String == closed.json["closedAt"] as? String)
            #expect(try await server.database.int("SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on_closed'") == 1)
            #expect(try await server.database.int("SELECT COUNT(*) FROM audit_log WHERE action = 'pile_on.closed'") == 1)

            let stillOpen = try await client.get("/v1/pile-ons", key: server.acmeKey)
            #expect((stillOpen.json["pileOns"] as? [Any])?.isEmpty == true)
            let closedList = try await client.get("/v1/pile-ons?status=closed", key: server.acmeKey)
            #expect((closedList.json["pileOns"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            let shown = try await client.get("/v1/pile-ons/\(id)", key: server.acmeKey)
            #expect((shown.json["pileOn"] as? [String: Any])?["status"] as? String == "closed")
            let badStatus = try await client.get("/v1/pile-ons?status=all&limit=0", key: server.acmeKey)
            #expect(badStatus.status == .unprocessableContent && Set(badStatus.problemFields) == ["status", "limit"])
        }
    }
}
