import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
import Testing

@Suite("POST /v1/reports and GET /v1/reports/{id}")
struct ReportAPITests {
    @Test func aHarassmentReportIsStoredAndAnswersWithThe3018() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let response = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON())
            #expect(response.status == .created)
            let body = response.json
            let id = try #require(body["id"] as? String)
            #expect(response.headers[.location] == "/v1/reports/\(id)")
            #expect(body["status"] as? String == "received")
            #expect(body["caseId"] is String)
            #expect(Timestamp.parse(body["receivedAt"] as? String ?? "") != nil)
            let support = try #require(body["support"] as? [String: Any])
            let lines = try #require(support["helplines"] as? [[String: Any]])
            #expect(lines.first?["id"] as? String == "fr-3018")
            #expect(lines.first?["open"] as? Bool == true)
            let actions = lines.first?["actions"] as? [[String: Any]] ?? []
            #expect(actions.contains { $0["uri"] as? String == "tel:3018" && $0["label"] as? String == "Appeler le 3018" })
            #expect(support["locale"] as? String == "fr")

            // Committed: readable at once, with its case.
            let shown = try await client.get("/v1/reports/\(id)", key: server.acmeKey)
            #expect(shown.status == .ok)
            #expect(shown.json["caseId"] as? String == body["caseId"] as? String)
            #expect(shown.json["caseReportCount"] as? Int == 1)
            #expect(shown.json["category"] as? String == "harassment")
            // The content snapshot and the reporter's id are not echoed back.
            #expect(!shown.text.contains("nul·le"))
            #expect(!shown.text.contains("u-1"))
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 1)
        }
    }

    @Test func aClosedHelplineIsSaidAndTheOpenFallbackComesFirst() async throws {
        let server = try await LiveServer(now: LiveServer.lateEvening)
        try await server.run { client in
            let response = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(age: "13-17"))
            let lines = (response.json["support"] as? [String: Any])?["helplines"] as? [[String: Any]] ?? []
            #expect(lines.map { $0["id"] as? String } == ["fr-119", "fr-3018", "fr-17"])
            // The 3018's phone and chat are closed until 09:00: no action, the next opening.
            let the3018 = try #require(lines.first { $0["id"] as? String == "fr-3018" })
            #expect(the3018["open"] as? Bool == false)
            #expect(the3018["opensAt"] as? String == "2026-11-30T09:00:00+01:00")
            #expect((the3018["actions"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func spamIsStoredWithoutACard() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let response = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(category: "spam"))
            #expect(response.status == .created)
            #expect(response.json["support"] is NSNull, "support is present and null")
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 1)
        }
    }

    @Test func outsideTheRolloutTheReportIsStillAcknowledged() async throws {
        let config = RelaisConfig(tenants: ["acme": TenantSupportConfig(rollout: SupportRollout(enabled: false))])
        let server = try await LiveServer(config: config)
        try await server.run { client in
            let off = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON())
            #expect(off.status == .created)
            #expect(off.json["support"] is NSNull)
            // The other tenant has no config: defaults, card on.
            let on = try await client.post("/v1/reports", key: server.otherKey, json: reportJSON())
            #expect(on.json["support"] is [String: Any])
        }
    }

    @Test func reportsAboutTheSameSubjectShareACase() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let a = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(reporter: "a"))
            let b = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(reporter: "b"))
            #expect(a.json["caseId"] as? String == b.json["caseId"] as? String)
            let shown = try await client.get("/v1/reports/\(b.json["id"] as? String ?? "")", key: server.acmeKey)
            #expect(shown.json["caseReportCount"] as? Int == 2)
        }
    }

    @Test func anotherTenantsReportIsNotFound() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let created = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON())
            let id = try #require(created.json["id"] as? String)
            let response = try await client.get("/v1/reports/\(id)", key: server.otherKey)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try await client.get("/v1/reports/does-not-exist", key: server.acmeKey).status == .notFound)
        }
    }

    @Test func withoutAValidKeyNothingIsStored() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let missing = try await client.post("/v1/reports", key: nil, json: reportJSON())
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await client.post("/v1/reports", key: "rls_wrong", json: reportJSON()).status == .unauthorized)
            var basic: HTTPFields = [.contentType: "application/json", .authorization: "Basic \(server.acmeKey)"]
            basic[.accept] = "application/json"
            #expect(try await client.execute(uri: "/v1/reports", method: .post, headers: basic, body: .init(string: reportJSON())).status == .unauthorized)
            #expect(try await client.get("/v1/reports/x", key: nil).status == .unauthorized)
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 0)
        }
    }

    /// Bad input of every kind: a clear 4xx with the fields named, and nothing stored.
    @Test(arguments: [
        ("{\"surface\": 5}", ["surface", "reporter", "subject", "category", "goodFaith"]),
        (reportJSON(country: "XX"), ["reporter.country"]),
        (reportJSON(country: "FRA"), ["reporter.country"]),
        (reportJSON(locale: "not a locale"), ["reporter.locale"]),
        (reportJSON(age: "12"), ["reporter.ageBracket"]),
        (reportJSON(category: "bullying"), ["category"]),
        (reportJSON(surface: "a b"), ["surface"]),
        (reportJSON(text: String(repeating: "x", count: 10_001)), ["subject.text"]),
        (reportJSON().replacingOccurrences(of: "\"goodFaith\":true", with: "\"goodFaith\":false"), ["goodFaith"]),
        (reportJSON().replacingOccurrences(of: "\"goodFaith\":true", with: "\"goodFaith\":1"), ["goodFaith"]),
        (reportJSON().replacingOccurrences(of: "\"isTarget\":true", with: "\"isTarget\":\"yes\""), ["reporter.isTarget"]),
        (reportJSON().replacingOccurrences(of: "\"kind\":\"comment\"", with: "\"kind\":\"tweet\""), ["subject.kind"]),
        (reportJSON().replacingOccurrences(of: "\"id\":\"c-1\"", with: "\"id\":\"\""), ["subject.id"]),
        (reportJSON().replacingOccurrences(of: "\"authorId\":\"u-9\"", with: "\"authorId\":\"u-9\",\"url\":\"javascript:alert(1)\""), ["subject.url"]),
        (reportJSON().replacingOccurrences(of: "\"authorId\":\"u-9\"", with: "\"authorId\":\"u-9\",\"createdAt\":\"yesterday\""), ["subject.createdAt"]),
        ("[1, 2]", ["body"]),
    ])
    func invalidReportsAreRefusedFieldByField(body: String, fields: [String]) async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let response = try await client.post("/v1/reports", key: server.acmeKey, json: body)
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.json["status"] as? Int == 422)
            #expect(Set(response.problemFields) == Set(fields))
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 0)
        }
    }

    @Test func malformedBodiesAreRefusedWithTheRightStatus() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let notJSON = try await client.post("/v1/reports", key: server.acmeKey, json: "{\"surface\": ")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.json["title"] as? String == "The body is not valid JSON")
            #expect(try await client.post("/v1/reports", key: server.acmeKey, json: "").status == .badRequest)
            let form = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(), contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            let huge = try await client.post(
                "/v1/reports", key: server.acmeKey, json: "{\"details\": \"" + String(repeating: "x", count: 70_000) + "\"}")
            #expect(huge.status == .contentTooLarge)
            #expect(huge.headers[.contentType] == "application/problem+json")
            let charset = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(), contentType: "application/json; charset=utf-8")
            #expect(charset.status == .created)
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 1)
        }
    }

    @Test func theSameIdempotencyKeyReplaysTheFirstAnswer() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let first = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(), headers: [.init("Idempotency-Key")!: "key-1"])
            let again = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(), headers: [.init("Idempotency-Key")!: "key-1"])
            #expect(first.status == .created && again.status == .created)
            #expect(first.text == again.text, "byte-for-byte the same answer")
            #expect(again.headers[.init("Idempotent-Replayed")!] == "true")
            let different = try await client.post(
                "/v1/reports", key: server.acmeKey, json: reportJSON(subject: "other"), headers: [.init("Idempotency-Key")!: "key-1"])
            #expect(different.status == .unprocessableContent)
            #expect(different.problemFields == ["Idempotency-Key"])
            let bad = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(), headers: [.init("Idempotency-Key")!: "é"])
            #expect(bad.status == .badRequest)
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 1)
        }
    }

    @Test func concurrentRetriesOverHTTPStoreOneReport() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<24 {
                    group.addTask {
                        let r = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(), headers: [.init("Idempotency-Key")!: "raid-1"])
                        return r.status == .created ? r.json["id"] as? String : nil
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(ids.count == 24)
            #expect(Set(ids.compactMap { $0 }).count == 1)
            #expect(!ids.contains(nil))
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 1)
        }
    }
}
