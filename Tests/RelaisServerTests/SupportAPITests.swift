import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
import Testing

@Suite("Help card without a report, support events, health")
struct SupportAPITests {
    @Test func getHelpWithoutReporting() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let response = try await client.get("/v1/support?country=FR&locale=en-GB", key: server.acmeKey)
            #expect(response.status == .ok)
            let card = try #require(response.json["support"] as? [String: Any])
            #expect(card["locale"] as? String == "en")
            let first = (card["helplines"] as? [[String: Any]])?.first
            #expect(first?["id"] as? String == "fr-3018")
            #expect((first?["actions"] as? [[String: Any]])?.first?["label"] as? String == "Call 3018")

            let selfHarm = try await client.get("/v1/support?country=fr&category=self_harm&age=18%2B", key: server.acmeKey)
            #expect(((selfHarm.json["support"] as? [String: Any])?["helplines"] as? [[String: Any]])?.first?["id"] as? String == "fr-3114")

            let none = try await client.get("/v1/support?country=FR&category=spam", key: server.acmeKey)
            #expect(none.status == .ok)
            #expect(none.json["support"] is NSNull)

            let bad = try await client.get("/v1/support?country=XX&category=nope&age=old&locale=%20", key: server.acmeKey)
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.problemFields) == ["country", "category", "age", "locale"])
            #expect(try await client.get("/v1/support", key: server.acmeKey).problemFields == ["country"])
            #expect(try await client.get("/v1/support?country=FR", key: nil).status == .unauthorized)
        }
    }

    @Test func callButtonSurfacesGetCallActions() async throws {
        let rollout = SupportRollout(surfaces: ["instagram": .init(presentation: .callButton), "tiktok": .init(presentation: .link)])
        let server = try await LiveServer(config: RelaisConfig(tenants: ["acme": TenantSupportConfig(rollout: rollout)]))
        try await server.run { client in
            func kinds(_ surface: String) async throws -> [String] {
                let r = try await client.get("/v1/support?country=FR&surface=\(surface)", key: server.acmeKey)
                let card = r.json["support"] as? [String: Any]
                let first = (card?["helplines"] as? [[String: Any]])?.first
                return (first?["actions"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            }
            let instagram = try await kinds("instagram"), tiktok = try await kinds("tiktok"), web = try await kinds("web")
            #expect(instagram == ["call"])
            // The 3018's chat and website are one page: one action (issue 11).
            #expect(tiktok == ["chat"])
            #expect(web == ["call", "chat"])
        }
    }

    @Test func supportEventsAreCounted() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let report = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON())
            let id = try #require(report.json["id"] as? String)
            let event = #"{"reportId":"\#(id)","helplineId":"fr-3018","event":"call","surface":"instagram","country":"FR"}"#
            #expect(try await client.post("/v1/support/events", key: server.acmeKey, json: event).status == .noContent)
            #expect(try await client.post("/v1/support/events", key: server.acmeKey, json: event).status == .noContent)
            // Another tenant cannot count against this report.
            let foreign = try await client.post("/v1/support/events", key: server.otherKey, json: event)
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.problemFields == ["reportId"])
            let bad = try await client.post(
                "/v1/support/events", key: server.acmeKey, json: #"{"helplineId":"xx-0","event":"clicked","surface":"ig","country":"FR"}"#)
            #expect(Set(bad.problemFields) == ["helplineId", "event"])
            let counts = try await server.storage.supportEventCounts(tenantId: server.acme.id)
            #expect(counts.map(\.count) == [2])
            #expect(counts.first?.category == "harassment")
            #expect(try await server.storage.supportEventCounts(tenantId: server.other.id).isEmpty)
            // The tenant reads its counts over the API; the other tenant sees none of them.
            let listed = try await client.get("/v1/support/events", key: server.acmeKey)
            #expect(listed.status == .ok)
            let rows = listed.json["counts"] as? [[String: Any]] ?? []
            #expect(rows.count == 1)
            #expect(rows.first?["helplineId"] as? String == "fr-3018" && rows.first?["event"] as? String == "call")
            #expect(rows.first?["count"] as? Int == 2 && rows.first?["category"] as? String == "harassment")
            #expect((try await client.get("/v1/support/events", key: server.otherKey).json["counts"] as? [Any])?.isEmpty == true)
            #expect(try await client.get("/v1/support/events", key: nil).status == .unauthorized)
        }
    }

    @Test func healthAndReadiness() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            #expect(try await client.get("/healthz", key: nil).status == .ok)
            let ready = try await client.get("/readyz", key: nil)
            #expect(ready.status == .ok)
            #expect(ready.json["status"] as? String == "ready")
            let unknown = try await client.get("/v2/whatever", key: nil)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
        }
    }
}
