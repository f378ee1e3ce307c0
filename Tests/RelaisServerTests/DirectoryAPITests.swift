import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
import Testing

@Suite("GET /v1/helplines and /v1/directory, tenant overrides")
struct DirectoryAPITests {
    @Test func helplinesOfACountryAsTheCardShowsThem() async throws {
        let server = try await LiveServer(now: LiveServer.lateEvening)
        try await server.run { client in
            let response = try await client.get("/v1/helplines?country=FR&locale=fr-FR", key: server.acmeKey)
            #expect(response.status == .ok)
            #expect(response.json["country"] as? String == "FR")
            let lines = try #require(response.json["helplines"] as? [[String: Any]])
            #expect(lines.map { $0["id"] as? String } == ["fr-3018", "fr-119", "fr-3114", "fr-17", "fr-112", "fr-114", "fr-fil-sante-jeunes"])
            let the3018 = lines[0]
            #expect(the3018["open"] as? Bool == false)
            #expect(the3018["opensAt"] as? String == "2026-11-30T09:00:00+01:00")
            #expect((the3018["actions"] as? [[String: Any]])?.first?["label"] as? String == "Appeler le 3018")
            #expect((the3018["sources"] as? [[String: Any]])?.isEmpty == false)
            #expect((the3018["hours"] as? [String: Any])?["timeZone"] as? String == "Europe/Paris")

            // Iceland has no entry of its own: the 112 EU law guarantees.
            let iceland = try await client.get("/v1/helplines?country=IS", key: server.acmeKey)
            #expect((iceland.json["helplines"] as? [[String: Any]])?.map { $0["id"] as? String } == ["is-112"])
            // Japan: nothing, and nothing invented.
            let japan = try await client.get("/v1/helplines?country=JP", key: server.acmeKey)
            #expect((japan.json["helplines"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await client.get("/v1/helplines?country=ZZ&locale=%20", key: server.acmeKey)
            #expect(Set(bad.problemFields) == ["country", "locale"])
            #expect(try await client.get("/v1/helplines?country=FR", key: nil).status == .unauthorized)
        }
    }

    @Test func unverifiedEntriesStayHiddenUnlessTheTenantOptsIn() async throws {
        let config = RelaisConfig(tenants: ["acme": TenantSupportConfig(showUnverified: ["be-awel-102"])])
        let server = try await LiveServer(config: config)
        try await server.run { client in
            func ids(_ key: String) async throws -> [String] {
                let r = try await client.get("/v1/helplines?country=BE", key: key)
                return (r.json["helplines"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            let optedIn = try await ids(server.acmeKey), standard = try await ids(server.otherKey)
            #expect(optedIn.contains("be-awel-102"))
            #expect(!standard.contains("be-awel-102"))
            #expect(!standard.contains("be-ecoute-enfants-103"))
            #expect(standard.contains("be-child-focus-116000"))
        }
    }

    @Test func theDirectoryIsCacheableWithAnETag() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let first = try await client.get("/v1/directory", key: server.acmeKey)
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            let lines = try #require(first.json["helplines"] as? [[String: Any]])
            #expect(lines.allSatisfy { $0["verified"] as? Bool == true }, "unverified entries are left out")
            #expect(lines.contains { $0["id"] as? String == "li-112" })
            #expect(first.json["version"] as? String == "2026-11-29.2")

            let again = try await client.execute(
                uri: "/v1/directory", method: .get, headers: [.authorization: "Bearer \(server.acmeKey)", .ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let listed = try await client.execute(
                uri: "/v1/directory", method: .get, headers: [.authorization: "Bearer \(server.acmeKey)", .ifNoneMatch: "\"old\", W/\(etag)"])
            #expect(listed.status == .notModified)
            let stale = try await client.execute(
                uri: "/v1/directory", method: .get, headers: [.authorization: "Bearer \(server.acmeKey)", .ifNoneMatch: "\"old\""])
            #expect(stale.status == .ok)
        }
    }

    @Test func aTenantAddsItsOwnLineHidesOneAndReorders() async throws {
        let ownLine = try JSONDecoder().decode(Helpline.self, from: Data(#"""
            {"id": "fr-acme-safety", "country": "FR", "name": "Acme Safety Centre", "roles": ["youth_online_harm"],
             "topics": ["harassment"], "channels": [{"kind": "web", "value": "https://safety.acme.example"}],
             "hours": {"timeZone": "Europe/Paris", "alwaysOpen": true}, "languages": ["fr"], "emergency": false,
             "sources": [{"url": "https://safety.acme.example/about"}], "verified": true}
            """#.utf8))
        let overrides = HelplineOverrides(add: [ownLine], hide: ["fr-112"], order: ["fr-acme-safety"])
        let config = RelaisConfig(tenants: ["acme": TenantSupportConfig(helplines: overrides)])
        #expect(config.directoryProblems(base: try HelplineDirectory.bundled()).isEmpty)
        let server = try await LiveServer(config: config)
        try await server.run { client in
            let acme = try await client.get("/v1/support?country=FR", key: server.acmeKey)
            let ids = ((acme.json["support"] as? [String: Any])?["helplines"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == ["fr-acme-safety", "fr-17"], "own line first; 112 hidden, so the next emergency line")
            let other = try await client.get("/v1/support?country=FR", key: server.otherKey)
            let otherIds = ((other.json["support"] as? [String: Any])?["helplines"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(otherIds == ["fr-3018", "fr-112"], "another tenant is not affected")
            // Support events may name the tenant's own line.
            let event = #"{"helplineId":"fr-acme-safety","event":"link","surface":"web","country":"FR"}"#
            #expect(try await client.post("/v1/support/events", key: server.acmeKey, json: event).status == .noContent)
            #expect(try await client.post("/v1/support/events", key: server.otherKey, json: event).status == .unprocessableContent)
        }
    }

    @Test func badOverridesAreNamedBeforeTheServerStarts() throws {
        let insecure = try JSONDecoder().decode(Helpline.self, from: Data(#"""
            {"id": "fr-bad", "country": "FR", "name": "Bad", "roles": [], "topics": [],
             "channels": [{"kind": "web", "value": "http://insecure.example"}], "languages": [], "emergency": false,
             "sources": [], "verified": true}
            """#.utf8))
        let config = RelaisConfig(tenants: [
            "acme": TenantSupportConfig(helplines: HelplineOverrides(add: [insecure], hide: ["fr-nope"], order: ["xx-missing"]))
        ])
        let problems = config.directoryProblems(base: try HelplineDirectory.bundled())
        #expect(problems.contains { $0.contains("tenant 'acme'") && $0.contains("fr-bad") && $0.contains("insecure_link") })
        #expect(problems.contains { $0.contains("fr-bad") && $0.contains("no_source") })
        #expect(problems.contains { $0.contains("'fr-nope'") })
        #expect(problems.contains { $0.contains("'xx-missing'") })
        #expect(problems.count == 4)
    }
}
