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
            let ids = lines.compactMap { $0["id"] as? String }
            let expected = (try HelplineDirectory.bundled()).helplines(in: CountryCode(rawValue: "FR")!).map(\.id)
            #expect(ids == expected, "the directory's order, every verified line")
            let the3018 = try #require(lines.first { $0["id"] as? String == "fr-3018" })
            // 23:30: the phone is closed until 09:00. Closed everywhere, the line offers
            // nothing and says when it opens; a channel whose hours no source gives would be
            // offered with open = null and make the line's hours unknown.
            let channels = try #require(the3018["channels"] as? [[String: Any]])
            let phone = try #require(channels.first { $0["kind"] as? String == "phone" })
            #expect(phone["open"] as? Bool == false)
            #expect(phone["opensAt"] as? String == "2026-11-30T09:00:00+01:00")
            let actions = try #require(the3018["actions"] as? [[String: Any]])
            if the3018["open"] as? Bool == false {
                #expect(actions.isEmpty)
                #expect(the3018["opensAt"] as? String == "2026-11-30T09:00:00+01:00")
            } else {
                #expect(the3018["hoursKnown"] as? Bool == false)
                #expect(actions.allSatisfy { $0["open"] == nil && $0["kind"] as? String != "call" })
            }
            #expect((the3018["sources"] as? [[String: Any]])?.allSatisfy { ($0["backs"] as? [String])?.isEmpty == false } == true)
            #expect((the3018["hours"] as? [String: Any])?["timeZone"] as? String == "Europe/Paris")
            #expect((the3018["channelHours"] as? [[String: Any]])?.count == channels.count)
            #expect((the3018["names"] as? [String: Any])?["fr"] != nil)

            // Iceland: its own lines and its emergency number, as sourced data.
            let iceland = try await client.get("/v1/helplines?country=IS", key: server.acmeKey)
            #expect((iceland.json["helplines"] as? [[String: Any]])?.contains { $0["id"] as? String == "is-112" } == true)
            // Japan: nothing, and nothing invented.
            let japan = try await client.get("/v1/helplines?country=JP", key: server.acmeKey)
            #expect((japan.json["helplines"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await client.get("/v1/helplines?country=ZZ&locale=%20", key: server.acmeKey)
            #expect(Set(bad.problemFields) == ["country", "locale"])
            #expect(try await client.get("/v1/helplines?country=FR", key: nil).status == .unauthorized)
        }
    }

    /// An entry of a tenant's own, unverified: a lead it has not confirmed.
    static let lead = try! JSONDecoder().decode(Helpline.self, from: Data(#"""
        {"id": "be-acme-lead", "country": "BE", "name": {"nl": "Acme-lijn"}, "roles": ["child_helpline"], "topics": ["harassment"],
         "channels": [{"kind": "web", "value": "https://lead.acme.example", "hours": "always"}], "languages": ["nl"], "emergency": false,
         "sources": [{"url": "https://lead.acme.example/about", "checked": "2026-11-29", "backs": ["name", "web", "web.hours", "languages"]}],
         "verified": false}
        """#.utf8))

    @Test func unverifiedEntriesStayHiddenUnlessTheTenantOptsIn() async throws {
        let config = RelaisConfig(tenants: [
            "acme": TenantSupportConfig(showUnverified: ["be-acme-lead"], helplines: HelplineOverrides(add: [Self.lead])),
            "other": TenantSupportConfig(helplines: HelplineOverrides(add: [Self.lead])),
        ])
        #expect(config.directoryProblems(base: try HelplineDirectory.bundled()).isEmpty)
        let server = try await LiveServer(config: config)
        try await server.run { client in
            func ids(_ key: String) async throws -> [String] {
                let r = try await client.get("/v1/helplines?country=BE", key: key)
                return (r.json["helplines"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            let optedIn = try await ids(server.acmeKey), standard = try await ids(server.otherKey)
            #expect(optedIn.contains("be-acme-lead"))
            #expect(!standard.contains("be-acme-lead"))
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
            #expect(first.json["version"] as? String == (try HelplineDirectory.bundled()).version)
            #expect(first.json["format"] as? Int == 2)
            #expect((first.json["holidays"] as? [[String: Any]])?.contains { $0["country"] as? String == "FR" } == true)
            let fr3018 = try #require(lines.first { $0["id"] as? String == "fr-3018" })
            #expect((fr3018["channels"] as? [[String: Any]])?.allSatisfy { $0["hours"] != nil } == true, "every channel has its own hours")

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
            {"id": "fr-acme-safety", "country": "FR", "name": {"fr": "Acme Safety Centre"}, "roles": ["youth_online_harm"],
             "topics": ["harassment"], "channels": [{"kind": "web", "value": "https://safety.acme.example", "hours": "always"}],
             "languages": ["fr"], "emergency": false,
             "sources": [{"url": "https://safety.acme.example/about", "checked": "2026-11-29", "backs": ["name", "web", "web.hours", "languages"]}],
             "verified": true}
            """#.utf8))
        let overrides = HelplineOverrides(add: [ownLine], hide: ["fr-17"], order: ["fr-acme-safety"])
        let config = RelaisConfig(tenants: ["acme": TenantSupportConfig(helplines: overrides)])
        #expect(config.directoryProblems(base: try HelplineDirectory.bundled()).isEmpty)
        let server = try await LiveServer(config: config)
        try await server.run { client in
            let acme = try await client.get("/v1/support?country=FR", key: server.acmeKey)
            let ids = ((acme.json["support"] as? [String: Any])?["helplines"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            // Own line first; its form is not a person to talk to, so the 3018 too for a
            // reporter who may be a minor; 17 hidden, so the next emergency line.
            #expect(ids == ["fr-acme-safety", "fr-3018", "fr-112"])
            let other = try await client.get("/v1/support?country=FR", key: server.otherKey)
            let otherIds = ((other.json["support"] as? [String: Any])?["helplines"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(otherIds == ["fr-3018", "fr-17"], "another tenant is not affected")
            // Support events may name the tenant's own line.
            let event = #"{"helplineId":"fr-acme-safety","event":"link","surface":"web","country":"FR"}"#
            #expect(try await client.post("/v1/support/events", key: server.acmeKey, json: event).status == .noContent)
            #expect(try await client.post("/v1/support/events", key: server.otherKey, json: event).status == .unprocessableContent)
        }
    }

    @Test func badOverridesAreNamedBeforeTheServerStarts() throws {
        let insecure = try JSONDecoder().decode(Helpline.self, from: Data(#"""
            {"id": "fr-bad", "country": "FR", "name": {"fr": "Bad"}, "roles": [], "topics": [],
             "channels": [{"kind": "web", "value": "http://insecure.example", "hours": "unknown"}], "languages": [], "emergency": false,
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
        #expect(problems.contains { $0.contains("fr-bad") && $0.contains("unbacked_fact") }, "its name and its link are backed by no source")
        #expect(problems.count == 6)
    }
}
