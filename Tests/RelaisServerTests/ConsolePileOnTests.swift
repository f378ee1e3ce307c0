import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Console pile-on page")
struct ConsolePileOnTests {
    @Test func thePageShowsTheAttackEscapedAndBlursSensitiveContent() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "mia")
        try await server.run { client in
            var bodies = [
                targetedReportJSON(subject: "c-0", author: "bully-a", target: "teen-7", reporter: "r-0"),
                targetedReportJSON(subject: "c-1", author: "bully-b", target: "teen-7", reporter: "r-1"),
            ]
            // A third author's content in a sensitive category, with markup in it.
            var sensitive = try #require(try JSONSerialization.jsonObject(with: Data(
                targetedReportJSON(subject: "c-2", author: "bully-c", target: "teen-7", reporter: "r-2").utf8)) as? [String: Any])
            sensitive["category"] = "sextortion"
            var subject = try #require(sensitive["subject"] as? [String: Any])
            subject["text"] = "<script>alert(1)</script>pay"
            sensitive["subject"] = subject
            bodies.append(String(decoding: try JSONSerialization.data(withJSONObject: sensitive), as: UTF8.self))
            var caseIds: [String] = []
            for body in bodies {
                let created = try await client.post("/v1/reports", key: server.acmeKey, json: body)
                caseIds.append(created.json["caseId"] as? String ?? "")
            }
            let pileOn = try #require(try await server.storage.pileOns(tenantId: server.acme.id, limit: 10, offset: 0).first)
            let (cookie, _) = try await client.signIn("mia", ConsoleTests.password)
            let list = try await client.page("/console/pile-ons", cookie: cookie)
            #expect(list.status == .ok && list.text.contains("/console/pile-ons/\(pileOn.id.rawValue)"))
            let page = try await client.page("/console/pile-ons/\(pileOn.id.rawValue)", cookie: cookie)
            #expect(page.status == .ok)
            for caseId in caseIds { #expect(page.text.contains("href=\"/console/cases/\(caseId)\"")) }
            for author in ["bully-a", "bully-b", "bully-c"] { #expect(page.text.contains(author)) }
            #expect(page.text.contains("CONTENT-c-0"))
            #expect(!page.text.contains("<script>alert(1)</script>") && page.text.contains("&lt;script&gt;"))
            #expect(page.text.contains("snapshot blurred"))
            // Never a reporter, never their words.
            for absent in ["REPORTER-WORDS", "r-0", "r-1"] { #expect(!page.text.contains("\(absent)<"), "\(absent)") }
            #expect(try await client.page("/console/pile-ons/nope", cookie: cookie).status == .notFound)
        }
    }
    @Test func aModeratorClosesItFromItsPageWithAReason() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "mia")
        try await server.run { client in
            for (index, author) in ["bully-a", "bully-b", "bully-c"].enumerated() {
                _ = try await client.post("/v1/reports", key: server.acmeKey,
                    json: targetedReportJSON(subject: "c-\(index)", author: author, target: "teen-7", reporter: "r-\(index)"))
            }
            let pileOn = try #require(try await server.storage.pileOns(tenantId: server.acme.id, limit: 10, offset: 0).first)
            let (cookie, _) = try await client.signIn("mia", ConsoleTests.password)
            let path = "/console/pile-ons/\(pileOn.id.rawValue)"
            let page = try await client.page(path, cookie: cookie)
            #expect(page.text.contains("id=\"pile-on-close\"") && page.text.contains("data-pile-on-status=\"open\""))
            let csrf = try #require(page.csrf)
            // Without a reason: refused, said on the page, nothing closed.
            let empty = try await client.form(path + "/close", cookie: cookie, fields: ["csrf": csrf, "reason": "  "])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Not closed"))
            #expect(try await server.storage.pileOns(tenantId: server.acme.id, limit: 10, offset: 0).count == 1)
            // With one (markup in it is escaped where it is shown).
            let closed = try await client.form(path + "/close", cookie: cookie, fields: ["csrf": csrf, "reason": "Authors <b>suspended</b>."])
            #expect(closed.status == .seeOther && closed.headers[.location] == path + "?closed=1")
            let after = try await client.page(path + "?closed=1", cookie: cookie)
            #expect(after.text.contains("Pile-on closed.") && after.text.contains("data-pile-on-status=\"closed\""))
            #expect(after.text.contains("by mia: Authors &lt;b&gt;suspended&lt;/b&gt;.") && !after.text.contains("<b>suspended"))
            #expect(!after.text.contains("id=\"pile-on-close\""), "a closed pile-on has no close form")
            #expect(try await server.storage.pileOns(tenantId: server.acme.id, limit: 10, offset: 0).isEmpty)
            // Listed among the closed ones, not the open ones.
            #expect(!(try await client.page("/console/pile-ons", cookie: cookie).text.contains(path)))
            #expect(try await client.page("/console/pile-ons?status=closed", cookie: cookie).text.contains(path))
            #expect(try await server.database.int("SELECT COUNT(*) FROM audit_log WHERE action = 'pile_on.closed' AND actor = 'mia'") == 1)
        }
    }
}
