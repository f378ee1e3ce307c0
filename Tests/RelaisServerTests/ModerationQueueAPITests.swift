import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisCore
import RelaisServer
import RelaisStore
import Testing

@Suite("Moderation queue: priority, leases, authentication")
struct ModerationQueueAPITests {
    @Test func aMinorTargetComesFirstThenAThreatThenSpam() async throws {
        let server = try await LiveServer()
        let token = try await server.moderatorToken("mia")
        try await server.run { client in
            let spam = try await client.file(caseReportJSON(category: "spam", subject: "s"), key: server.acmeKey)
            let threat = try await client.file(caseReportJSON(category: "threat", subject: "t"), key: server.acmeKey)
            let minor = try await client.file(caseReportJSON(category: "harassment", subject: "m", age: "13-17"), key: server.acmeKey)

            var order: [String] = []
            for _ in 0..<3 {
                let claimed = try await client.claim(token)
                #expect(claimed.status == .ok)
                order.append(claimed.json["id"] as? String ?? "?")
            }
            #expect(order == [minor, threat, spam])
            #expect(try await client.claim(token).status == .noContent)
        }
    }

    @Test func anOverdueCasePassesAFreshCaseOneLevelAbove() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        let token = try await server.moderatorToken("mia")
        try await server.run { client in
            let old = try await client.file(caseReportJSON(category: "harassment", subject: "old"), key: server.acmeKey)
            clock.advance(25 * 3600)
            let threat = try await client.file(caseReportJSON(category: "threat", subject: "t"), key: server.acmeKey)
            let spam = try await client.file(caseReportJSON(category: "spam", subject: "s"), key: server.acmeKey)

            let first = try await client.claim(token)
            #expect(first.json["id"] as? String == old)
            #expect(first.json["overdue"] as? Bool == true)
            let priority = try #require(first.json["priority"] as? [String: Any])
            #expect(priority["overduePoints"] as? Double == 10)
            #expect(priority["severity"] as? String == "high")
            let target = try #require(first.json["target"] as? [String: Any])
            #expect(target["reason"] as? String == "standard")
            #expect(first.json["dueAt"] as? String == Timestamp.format(LiveServer.afternoon.addingTimeInterval(24 * 3600)))

            let second = try await client.claim(token)
            #expect(second.json["id"] as? String == threat)
            #expect(second.json["overdue"] as? Bool == false)
            #expect((second.json["target"] as? [String: Any])?["reason"] as? String == "threat")
            #expect(try await client.claim(token).json["id"] as? String == spam)
        }
    }

    @Test func aTrustedFlaggerNoticeLiftsTheCaseAndAPlatformCannotClaimOne() async throws {
        let server = try await LiveServer()
        let token = try await server.moderatorToken("mia")
        let flagger = try await server.storage.createFlagger(
            name: "e-Enfance", designatedBy: "Arcom", expertise: [.harassment], targetHours: 24, tenantNames: ["acme"], now: Date()).token
        try await server.run { client in
            _ = try await client.file(caseReportJSON(category: "harassment", subject: "plain"), key: server.acmeKey)
            let notice = try await client.post("/v1/flagger/notices", key: flagger, json: flaggerNoticeJSON(subject: "flagged"))
            #expect(notice.status == .created, "\(notice.text)")
            let claimed = try await client.claim(token)
            #expect((claimed.json["subject"] as? [String: Any])?["id"] as? String == "flagged")
            #expect((claimed.json["priority"] as? [String: Any])?["trustedFlaggerPoints"] as? Double == 20)
            let reports = claimed.json["reports"] as? [[String: Any]] ?? []
            #expect((reports.first?["reporter"] as? [String: Any])?["trustedFlagger"] as? String == "e-Enfance")

            // A platform's own report cannot say it comes from a trusted flagger.
            let claiming = try await client.post("/v1/reports", key: server.acmeKey, json: caseReportJSON(trustedFlagger: "e-Enfance"))
            #expect(claiming.status == .unprocessableContent)
            #expect(claiming.problemFields == ["reporter.trustedFlagger"])
        }
    }

    @Test func concurrentClaimsNeverShareACase() async throws {
        let server = try await LiveServer()
        var tokens: [String] = []
        for index in 0..<4 { tokens.append(try await server.moderatorToken("m\(index)")) }
        let moderatorTokens = tokens
        try await server.run { client in
            for index in 0..<5 { try await client.file(caseReportJSON(subject: "c-\(index)"), key: server.acmeKey) }
            let port = try #require(client.port)
            // 20 claims at once, each on its own connection, by 4 moderators.
            let results = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await TestClient.withClient(host: "localhost", port: port) { c in
                            let response = try await c.post(
                                "/v1/moderation/next",
                                headers: [.authorization: "Bearer \(moderatorTokens[index % 4])", .contentType: "application/json"],
                                body: ByteBuffer(string: "{}"))
                            let json = response.body.flatMap { (try? JSONSerialization.jsonObject(with: Data(buffer: $0))) as? [String: Any] }
                            return (response.head.status, json?["id"] as? String)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let claimed = results.filter { $0.0 == .ok }.compactMap(\.1)
            #expect(claimed.count == 5)
            #expect(Set(claimed).count == 5, "a case was handed out twice: \(claimed)")
            #expect(results.filter { $0.0 == .noContent }.count == 15)
            #expect(results.allSatisfy { $0.0 == .ok || $0.0 == .noContent })
        }
    }

    @Test func anExpiredLeaseMakesTheCaseClaimableAgain() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        let mia = try await server.moderatorToken("mia")
        let noah = try await server.moderatorToken("noah")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.acmeKey)
            let first = try await client.claim(mia)
            let lease = try #require(first.json["lease"] as? [String: Any])
            #expect(lease["moderator"] as? String == "mia")
            #expect(lease["expiresAt"] as? String == Timestamp.format(LiveServer.afternoon.addingTimeInterval(600)))
            #expect(try await client.claim(noah).status == .noContent)

            clock.advance(599)
            #expect(try await client.claim(noah).status == .noContent, "still leased one second before expiry")
            clock.advance(1)
            let again = try await client.claim(noah)
            #expect(again.json["id"] as? String == id)
            #expect((again.json["lease"] as? [String: Any])?["moderator"] as? String == "noah")

            // Mia's lease is gone: she can neither renew nor release nor decide.
            #expect(try await client.post("/v1/moderation/cases/\(id)/lease", key: mia, json: "{}").status == .conflict)
            #expect(try await client.post("/v1/moderation/cases/\(id)/release", key: mia, json: "{}").status == .conflict)
            #expect(try await client.post("/v1/moderation/cases/\(id)/decisions", key: mia, json: decisionJSON()).status == .conflict)
        }
    }

    @Test func aLeaseIsRenewedAndReleased() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        let mia = try await server.moderatorToken("mia")
        let noah = try await server.moderatorToken("noah")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.acmeKey)
            _ = try await client.claim(mia)
            clock.advance(500)
            let renewed = try await client.post("/v1/moderation/cases/\(id)/lease", key: mia, json: "{}")
            #expect(renewed.status == .ok)
            #expect((renewed.json["lease"] as? [String: Any])?["expiresAt"] as? String
                == Timestamp.format(LiveServer.afternoon.addingTimeInterval(1100)))
            clock.advance(500)  // past the first expiry, within the renewed one
            #expect(try await client.claim(noah).status == .noContent)
            // Someone else's lease: 409, and nothing changes.
            let stolen = try await client.post("/v1/moderation/cases/\(id)/release", key: noah, json: "{}")
            #expect(stolen.status == .conflict)
            #expect(stolen.headers[.contentType] == "application/problem+json")
            #expect(stolen.problemFields == ["lease"])

            #expect(try await client.post("/v1/moderation/cases/\(id)/release", key: mia, json: "{}").status == .noContent)
            let shown = try await client.get("/v1/moderation/cases/\(id)", key: mia)
            #expect(shown.json["lease"] == nil)
            #expect(try await client.claim(noah).json["id"] as? String == id)

            let audit = try await server.storage.auditLog(tenantId: server.acme.id).filter { $0.caseId?.rawValue == id }.map(\.action)
            #expect(audit == ["case.claimed", "case.lease_renewed", "case.released", "case.claimed"])
        }
    }

    @Test func tenantsAreIsolated() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        let olga = try await server.moderatorToken("olga", tenant: "other")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.acmeKey)
            #expect(try await client.claim(olga).status == .noContent, "another tenant's case is not in the queue")
            #expect(try await client.get("/v1/moderation/cases/\(id)", key: olga).status == .notFound)
            #expect(try await client.get("/v1/moderation/cases/\(id)/statements", key: olga).status == .notFound)
            #expect(try await client.post("/v1/moderation/cases/\(id)/decisions", key: olga, json: decisionJSON()).status == .notFound)
            #expect(try await client.get("/v1/moderation/cases/\(id)", key: mia).status == .ok)
            #expect(try await client.get("/v1/moderation/cases/nope", key: mia).status == .notFound)
        }
    }

    @Test func tenantKeysAndModeratorTokensOnlyOpenTheirOwnRoutes() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        let reader = try await server.moderatorToken("carla", role: .compliance)
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.acmeKey)
            let withTenantKey = try await client.claim(server.acmeKey)
            #expect(withTenantKey.status == .unauthorized)
            #expect(withTenantKey.headers[.contentType] == "application/problem+json")
            #expect(try await client.get("/v1/moderation/cases/\(id)", key: server.acmeKey).status == .unauthorized)
            #expect(try await client.claim("rlm_" + String(repeating: "0", count: 64)).status == .unauthorized)
            #expect(try await client.claim(nil).status == .unauthorized)
            #expect(try await client.post("/v1/reports", key: mia, json: caseReportJSON()).status == .unauthorized)
            #expect(try await client.get("/v1/reports/x", key: mia).status == .unauthorized)

            // Compliance reads, never claims or decides.
            #expect(try await client.claim(reader).status == .forbidden)
            #expect(try await client.get("/v1/moderation/cases/\(id)", key: reader).status == .ok)

            // A new token replaces the old one at once.
            let (_, fresh) = try await server.storage.issueToken(moderatorName: "mia", now: Date())
            #expect(try await client.claim(mia).status == .unauthorized)
            #expect(try await client.claim(fresh).status == .ok)
        }
    }

    @Test func scriptsInReportedTextComeBackVerbatimAsJSONText() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        let payload = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\""
        try await server.run { client in
            try await client.file(caseReportJSON(text: payload), key: server.acmeKey)
            let claimed = try await client.claim(mia)
            #expect(claimed.headers[.contentType] == "application/json")
            let reports = try #require(claimed.json["reports"] as? [[String: Any]])
            #expect((reports.first?["subject"] as? [String: Any])?["text"] as? String == payload)
            #expect(claimed.text.contains("<script>alert('x')</script>"))
        }
    }
}
