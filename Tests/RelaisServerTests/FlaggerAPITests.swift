import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Trusted flaggers and the helpline hand-off over a live loopback server, on the backend
/// under test: accounts accepted per tenant, tokens that work only on their own routes,
/// priority within expertise, the reference with consent, what the flagger may see, figures,
/// misuse, and report-bombing told apart from a genuine wave.
@Suite("Trusted flaggers and the hand-off")
struct FlaggerAPITests {
    func flagger(_ server: LiveServer, tenants: [String] = ["acme"], expertise: [ReportCategory] = [.harassment, .grooming]) async throws -> String {
        try await server.storage.createFlagger(
            name: "e-Enfance", designatedBy: "Arcom", expertise: expertise, targetHours: 24, tenantNames: tenants, now: Date()).token
    }

    @Test func tokensWorkOnlyOnTheirOwnRoutesAndOnlyForAcceptingTenants() async throws {
        let server = try await LiveServer()
        let token = try await flagger(server)
        let moderator = try await server.moderatorToken("mia")
        try await server.run { client in
            #expect(try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "s-1")).status == .created)
            // A flagger's token is no tenant key or moderator token, and neither is a flagger's.
            #expect(try await client.post("/v1/reports", key: token, json: caseReportJSON()).status == .unauthorized)
            #expect(try await client.post("/v1/moderation/next", key: token, json: "{}").status == .unauthorized)
            #expect(try await client.post("/v1/flagger/notices", key: server.acmeKey, json: flaggerNoticeJSON(subject: "s-2")).status == .unauthorized)
            #expect(try await client.post("/v1/flagger/notices", key: moderator, json: flaggerNoticeJSON(subject: "s-2")).status == .unauthorized)
            // A tenant that did not accept the flagger: a field error, nothing stored.
            let other = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "s-3", tenant: "other"))
            #expect(other.status == .unprocessableContent && other.problemFields == ["tenant"])
            #expect(try await server.storage.reportCount(tenantId: server.other.id) == 0)
            // Every bad field in one answer, in the notice's own names.
            let bad = try await client.post("/v1/flagger/notices", key: token, json: #"{"tenant": "acme", "category": "rudeness", "country": "XX", "reference": "O0I1"}"#)
            #expect(Set(bad.problemFields) == ["reference", "country", "category", "goodFaith", "subject"], "\(bad.text)")
            // Accepting is explicit, per tenant; the old token stops when a new one is issued.
            _ = try await server.storage.acceptFlagger(name: "e-Enfance", tenantName: "other", now: Date())
            let fresh = try await server.storage.issueFlaggerToken(name: "e-Enfance", now: Date()).token
            #expect(try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "s-4", tenant: "other")).status == .unauthorized)
            #expect(try await client.post("/v1/flagger/notices", key: fresh, json: flaggerNoticeJSON(subject: "s-4", tenant: "other")).status == .created)
            #expect(try await server.storage.flaggers().first?.tenants == ["acme", "other"])
        }
    }

    @Test func priorityOnlyWithinExpertiseAndTheStatementSaysTrustedFlagger() async throws {
        let server = try await LiveServer()
        let token = try await flagger(server, expertise: [.grooming])
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            let inside = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "groom", category: "grooming"))
            #expect(inside.json["priority"] as? String == "trusted_flagger")
            let outside = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "spam", category: "spam"))
            #expect(outside.json["priority"] as? String == "standard")
            let first = try await client.claim(mia)
            #expect((first.json["subject"] as? [String: Any])?["id"] as? String == "groom")
            #expect((first.json["priority"] as? [String: Any])?["trustedFlaggerPoints"] as? Double == 20)
            let second = try await client.claim(mia)
            #expect((second.json["priority"] as? [String: Any])?["trustedFlaggerPoints"] as? Double == 0)
            let decided = try await client.post("/v1/moderation/cases/\(first.json["id"] as! String)/decisions", key: mia, json: decisionJSON())
            let statement = try #require(decided.json["statementOfReasons"] as? [String: Any])
            #expect(statement["source_type"] as? String == "SOURCE_TRUSTED_FLAGGER" && statement["source_identity"] as? String == "e-Enfance")
            // The flagger reads its notice's outcome, and nothing of other reports.
            let status = try await client.get("/v1/flagger/notices/\(inside.json["id"] as! String)", key: token)
            #expect(status.json["status"] as? String == "decided")
            #expect((status.json["decision"] as? [String: Any])?["restrictions"] as? [String] == ["content_removed"])
            #expect(try await client.get("/v1/flagger/notices/\(inside.json["id"] as! String)", key: server.acmeKey).status == .unauthorized)
            let events = try await server.database.rows("SELECT type, flagger_id, payload FROM outbox_events WHERE type = 'notice.decided'")
            #expect(events.count == 1 && events.first?.string("flagger_id") != nil)
            #expect(events.first?.string("payload")?.contains("INTERNAL-ONLY-NOTE") == false)
        }
    }

    /// A report shown a help card, with its reference.
    func victimReport(_ client: any TestClientProtocol, _ server: LiveServer, subject: String, key: String? = nil) async throws -> (id: String, caseId: String, reference: String) {
        let response = try await client.post("/v1/reports", key: key ?? server.acmeKey, json: caseReportJSON(subject: subject, reporter: "victim-" + subject, age: "13-17"))
        let handoff = try #require(response.json["handoff"] as? [String: Any], "\(response.text)")
        let reference = try #require(handoff["reference"] as? String)
        return (response.json["id"] as! String, response.json["caseId"] as! String, reference)
    }

    @Test func aReferenceLinksOnlyWithConsentAndTellsTheFlaggerNothingMore() async throws {
        let server = try await LiveServer()
        let token = try await flagger(server, tenants: ["acme", "other"])
        try await server.run { client in
            let victim = try await victimReport(client, server, subject: "insults")
            #expect(HandoffReference.normalized(victim.reference) == victim.reference && victim.reference.count == 7)
            // Without consent, or refused: handled on its own.
            let before = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "account-x", reference: victim.reference))
            #expect(before.json["reference"] as? String == "not_linked")
            let refused = try await client.post("/v1/reports/\(victim.id)/handoff-consent", key: server.acmeKey, json: #"{"consent": false}"#)
            #expect(refused.json["consent"] as? String == "refused")
            let whileRefused = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "account-r", reference: victim.reference))
            #expect(whileRefused.json["reference"] as? String == "not_linked")
            // Consent given (typed the way a counsellor might), then linked to the victim's case.
            let given = try await client.post("/v1/reports/\(victim.id)/handoff-consent", key: server.acmeKey, json: #"{"consent": true}"#)
            #expect(given.json["consent"] as? String == "given")
            let spoken = victim.reference.lowercased().replacingOccurrences(of: "-", with: " ")
            let linked = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "account-x", reference: spoken))
            #expect(linked.json["reference"] as? String == "linked", "\(linked.text)")
            #expect(linked.text.range(of: victim.id) == nil && linked.text.range(of: victim.caseId) == nil && !linked.text.contains("victim-"))
            let notice = try await client.get("/v1/flagger/notices/\(linked.json["id"] as! String)", key: token)
            #expect(notice.json["linked"] as? Bool == true && !notice.text.contains("victim-") && !notice.text.contains(victim.caseId))
            // The moderator sees both on the victim's case, which gains the flagger's priority.
            let mia = try await server.moderatorToken("mia")
            let shown = try await client.get("/v1/moderation/cases/\(victim.caseId)", key: mia)
            let reports = try #require(shown.json["reports"] as? [[String: Any]])
            #expect(reports.count == 2 && reports.last?["linkedThroughReference"] as? Bool == true)
            #expect((shown.json["priority"] as? [String: Any])?["trustedFlaggerPoints"] as? Double == 20)
            // Withdrawn: no more links. A wrong reference, or another tenant's: not linked.
            let withdrawn = try await client.post("/v1/reports/\(victim.id)/handoff-consent", key: server.acmeKey, json: #"{"consent": false}"#)
            #expect(withdrawn.json["consent"] as? String == "withdrawn")
            let after = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "account-y", reference: victim.reference))
            #expect(after.json["reference"] as? String == "not_linked")
            _ = try await client.post("/v1/reports/\(victim.id)/handoff-consent", key: server.acmeKey, json: #"{"consent": true}"#)
            let elsewhere = try await client.post(
                "/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "account-z", reference: victim.reference, tenant: "other"))
            #expect(elsewhere.json["reference"] as? String == "not_linked")
            let wrong = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "account-z", reference: "ABC-DEF"))
            #expect(wrong.json["reference"] as? String == "not_linked")
            // Consent and its withdrawal are audited without the person's id.
            let audit = try await server.database.rows("SELECT after_json FROM audit_log WHERE action = 'report.handoff_consent'").compactMap { $0.string("after_json") }
            #expect(audit.count == 4 && audit.allSatisfy { !$0.contains("victim-") })
            // Another tenant cannot record consent on this report.
            #expect(try await client.post("/v1/reports/\(victim.id)/handoff-consent", key: server.otherKey, json: #"{"consent": true}"#).status == .notFound)
        }
    }

    @Test func anExpiredReferenceDoesNotLink() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        let token = try await flagger(server)
        try await server.run { client in
            let victim = try await victimReport(client, server, subject: "old")
            _ = try await client.post("/v1/reports/\(victim.id)/handoff-consent", key: server.acmeKey, json: #"{"consent": true}"#)
            clock.advance(HandoffReference.lifetime + 60)
            let late = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: "late", reference: victim.reference))
            #expect(late.json["reference"] as? String == "not_linked")
        }
    }

    @Test func figuresPerFlagger() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        let token = try await flagger(server)
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            for subject in ["a", "b", "c"] { _ = try await client.post("/v1/flagger/notices", key: token, json: flaggerNoticeJSON(subject: subject)) }
            clock.advance(3600)
            let first = try await client.claim(mia)
            _ = try await client.post("/v1/moderation/cases/\(first.json["id"] as! String)/decisions", key: mia, json: decisionJSON())
            clock.advance(30 * 3600)
            let second = try await client.claim(mia)
            _ = try await client.post("/v1/moderation/cases/\(second.json["id"] as! String)/decisions", key: mia, json: decisionJSON(restrictions: [], ground: nil, termsClause: nil, facts: nil, scope: []))
            let figures = try await client.get("/v1/flagger/statistics?tenant=acme&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", key: token)
            let stats = try #require(figures.json["statistics"] as? [String: Any], "\(figures.text)")
            #expect(stats["notices"] as? Int == 3 && stats["decided"] as? Int == 2 && stats["actioned"] as? Int == 1)
            #expect(stats["shareActioned"] as? Double == 0.5 && stats["shareWithinTarget"] as? Double == 0.5)
            #expect(stats["medianHoursToDecision"] as? Double == 16)
            #expect(try await client.get("/v1/flagger/statistics?tenant=other", key: token).status == .unprocessableContent)
            // The tenant sees the same figures for each flagger it accepted.
            let tenantView = try await client.get("/v1/moderation/flaggers?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", key: mia)
            let rows = try #require(tenantView.json["flaggers"] as? [[String: Any]], "\(tenantView.text)")
            #expect(rows.count == 1 && rows.first?["name"] as? String == "e-Enfance")
            #expect((rows.first?["statistics"] as? [String: Any])?["shareActioned"] as? Double == 0.5)
        }
    }

    @Test func manifestlyUnfoundedNoticesWarnThenLowerTheReportersPriority() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            var unfounded = try JSONSerialization.jsonObject(with: Data(decisionJSON(restrictions: [], ground: nil, termsClause: nil, facts: nil, scope: []).utf8)) as! [String: Any]
            unfounded["manifestlyUnfounded"] = true
            let body = String(decoding: try JSONSerialization.data(withJSONObject: unfounded), as: UTF8.self)
            for index in 0..<4 {
                let id = try await client.file(caseReportJSON(subject: "target-\(index)", reporter: "troll"), key: server.acmeKey)
                _ = try await client.claim(mia)
                let decided = try await client.post("/v1/moderation/cases/\(id)/decisions", key: mia, json: body)
                #expect(decided.status == .created, "\(decided.text)")
            }
            let events = try await server.database.rows("SELECT type, payload FROM outbox_events WHERE type LIKE 'reporter.%' ORDER BY created_at")
            #expect(events.compactMap { $0.string("type") } == ["reporter.warned", "reporter.deprioritized"])
            #expect(events.first?.string("payload")?.contains("troll") == true)
            // Stored and counted, never dropped; it weighs less, and the moderator sees why.
            let next = try await client.post("/v1/reports", key: server.acmeKey, json: caseReportJSON(subject: "target-9", reporter: "troll"))
            #expect(next.status == .created)
            let shown = try await client.get("/v1/moderation/cases/\(next.json["caseId"] as! String)", key: mia)
            #expect((shown.json["reports"] as? [[String: Any]])?.first?["weighsLess"] as? String == "reporter_deprioritized")
            #expect((shown.json["priority"] as? [String: Any])?["weighedReporters"] as? Int == 0)
            // A restriction with the flag is refused.
            var founded = try JSONSerialization.jsonObject(with: Data(decisionJSON().utf8)) as! [String: Any]
            founded["manifestlyUnfounded"] = true
            let refused = try await client.post(
                "/v1/moderation/cases/\(next.json["caseId"] as! String)/decisions", key: mia,
                json: String(decoding: try JSONSerialization.data(withJSONObject: founded), as: UTF8.self))
            #expect(refused.problemFields.contains("manifestlyUnfounded"))
        }
    }

    @Test func aRaidOfNewAccountsIsFlaggedAndAGenuineWaveIsNot() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            // A genuine wave: people the platform has known for weeks report one account.
            for index in 0..<150 { _ = try await client.file(caseReportJSON(category: "spam", subject: "history-\(index)", reporter: "regular-\(index)"), key: server.acmeKey) }
            clock.advance(30 * 86400)
            var wave = ""
            for index in 0..<150 { wave = try await client.file(caseReportJSON(subject: "bully", reporter: "regular-\(index)"), key: server.acmeKey) }
            // A raid: 300 accounts never seen before report the person being harassed.
            var raid = ""
            for index in 0..<300 { raid = try await client.file(caseReportJSON(subject: "victim", reporter: "raider-\(index)"), key: server.acmeKey) }
            let raided = try await client.get("/v1/moderation/cases/\(raid)", key: mia).json["priority"] as! [String: Any]
            let genuine = try await client.get("/v1/moderation/cases/\(wave)", key: mia).json["priority"] as! [String: Any]
            let signal = try #require(raided["coordinatedReporting"] as? [String: Any])
            #expect(signal["suspected"] as? Bool == true && signal["newReporters"] as? Int == 300)
            #expect((signal["explanation"] as? String)?.contains("nothing is done against the reported person") == true)
            #expect(raided["weighedReporters"] as? Int == 0 && raided["reporterPoints"] as? Double == 0)
            #expect((genuine["coordinatedReporting"] as? [String: Any])?["suspected"] as? Bool == false)
            #expect(genuine["weighedReporters"] as? Int == 150 && (genuine["reporterPoints"] as? Double ?? 0) == 20)
            // Every raid report is stored; the case is open, and no decision was taken on it.
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 600)
            #expect(try await server.database.int("SELECT COUNT(*) FROM decisions") == 0)
        }
    }
}
