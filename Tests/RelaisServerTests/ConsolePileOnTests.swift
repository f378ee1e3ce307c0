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
}
