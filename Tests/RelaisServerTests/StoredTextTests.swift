import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisCore
import RelaisServer
import RelaisStore
import Testing

/// What is acknowledged is what was sent: every string either comes back from the store
/// exactly as the caller wrote it, or is refused with a field error before anything is
/// stored. On both backends (RELAIS_TEST_BACKEND=postgres runs this suite on PostgreSQL).
@Suite("Stored text: round-trips exactly or is refused")
struct StoredTextTests {
    @Test func aNULInAnyStringOfAReportIsRefusedFieldByFieldAndNothingIsStored() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            // Before, both were acknowledged and became one subject "c-1": one case.
            for name in ["alice", "bob"] {
                let response = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON(subject: "c-1\u{0}\(name)"))
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.problemFields == ["subject.id"])
            }
            let body = #"""
                {"surface": "web", "category": "threat", "goodFaith": true, "details": "see\u0000more",
                 "reporter": {"id": "u-1\u0000", "country": "FR", "locale": "fr-FR", "ageBracket": "18+", "isTarget": true},
                 "subject": {"kind": "comment", "id": "c-1", "authorId": "\u0000", "text": "I know where you live\u0000 and I will come",
                             "url": "https://example.com/c/1\u0000"}}
                """#
            let response = try await client.post("/v1/reports", key: server.acmeKey, json: body)
            #expect(response.status == .unprocessableContent)
            #expect(Set(response.problemFields) == ["details", "reporter.id", "subject.authorId", "subject.text", "subject.url"])
            let messages = (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(messages.allSatisfy { $0 == StoredText.nulRefusal })
            #expect(try await server.storage.reportCount(tenantId: server.acme.id) == 0)
        }
    }

    @Test func everyOtherCharacterComesBackExactly() async throws {
        let server = try await LiveServer()
        let text = "é e\u{301} 👩🏽‍💻 \u{202E}rtl\u{202C} \u{1}\u{7F}\u{FFFD}\u{FEFF} tab\there\r\nline 'quote\" \\ <b>&amp;"
        try await server.run { client in
            let response = try await client.post(
                "/v1/reports", key: server.acmeKey, json: reportJSON(subject: "c-\u{1}é👩🏽‍💻", reporter: "r-\u{7F}", text: text))
            #expect(response.status == .created)
            let id = try #require(response.json["id"] as? String)
            let stored = try #require(try await server.storage.report(id: id, tenantId: server.acme.id))
            // Compared as bytes: String equality would forgive a change of normal form.
            #expect(Array(stored.draft.subject.text?.utf8 ?? "".utf8) == Array(text.utf8))
            #expect(Array(stored.draft.subject.id.utf8) == Array("c-\u{1}é👩🏽‍💻".utf8))
            #expect(Array(stored.draft.reporter.id.utf8) == Array("r-\u{7F}".utf8))
        }
    }

    @Test func subjectURLMustBeAnAbsoluteHTTPURI() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            for url in ["https://example.com/a b", "https://exa<mple.com/", "https://example.com/é", "https://example.com/%zz", "https:///path"] {
                let body = reportJSON().replacingOccurrences(of: #""authorId":"u-9","#, with: "\"authorId\":\"u-9\",\"url\":\(Self.quoted(url)),")
                let response = try await client.post("/v1/reports", key: server.acmeKey, json: body)
                #expect(response.status == .unprocessableContent, "\(url)")
                #expect(response.problemFields == ["subject.url"], "\(url)")
            }
            let body = reportJSON().replacingOccurrences(
                of: #""authorId":"u-9","#, with: #""authorId":"u-9","url":"https://user@example.com:8443/a%20b/c?q=1&r=(2)#top","#)
            #expect(try await client.post("/v1/reports", key: server.acmeKey, json: body).status == .created)
        }
    }

    @Test func aNULInADecisionIsRefusedFieldByField() async throws {
        let server = try await LiveServer()
        let token = try await server.moderatorToken("mia")
        try await server.run { client in
            let caseId = try await client.file(caseReportJSON(), key: server.acmeKey)
            #expect(try await client.claim(token).status == .ok)
            let json = decisionJSON(explanation: "Insults\u{0}", internalNote: "note\u{0}")
            let response = try await client.post("/v1/moderation/cases/\(caseId)/decisions", key: token, json: json)
            #expect(response.status == .unprocessableContent)
            #expect(Set(response.problemFields) == ["explanation", "internalNote"])
            #expect(try await client.post("/v1/moderation/cases/\(caseId)/decisions", key: token, json: decisionJSON()).status == .created)
        }
    }

    @Test func replayingAnUnknownOrAnotherTenantsEventFromTheConsoleIsNotFound() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "ada", role: .admin)
        try await server.run { client in
            // An event of the other tenant, which ada's tenant must not reach.
            _ = try await client.file(caseReportJSON(), key: server.otherKey)
            let theirs = try #require(
                try await server.database.rows("SELECT id FROM outbox_events WHERE tenant_id = '\(server.other.id)'").first?.string("id"))
            let (cookie, _) = try await client.signIn("ada", ConsoleTests.password)
            let csrf = try #require(try await client.page("/console/webhooks", cookie: cookie).csrf)
            for event in ["no-such-event", theirs, "x\u{0}y"] {
                let replay = try await client.form("/console/webhooks/replay", cookie: cookie, fields: ["csrf": csrf, "event": event])
                #expect(replay.status == .notFound, "\(event)")
                #expect(replay.text.contains("Event not found"))
            }
            #expect(try await server.storage.auditLog(tenantId: server.acme.id).allSatisfy { $0.action != "webhook.replayed" })
            #expect(try await server.storage.auditLog(tenantId: server.other.id).allSatisfy { $0.action != "webhook.replayed" })
        }
    }

    @Test func aNULInTheConsolesSignInIsAWrongNameOrPassword() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "ada", role: .admin)
        try await server.run { client in
            #expect(try await client.attemptSignIn("ada%00x", ConsoleTests.password).status == .unauthorized)
            #expect(try await client.attemptSignIn("ada", ConsoleTests.password + "\u{0}x").status == .unauthorized)
            _ = try await client.signIn("ada", ConsoleTests.password)
        }
        #expect(ConsolePasswords.problem(with: "twelve chars\u{0}more") != nil)
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text], options: []), as: UTF8.self).dropFirst().dropLast().description
    }
}

@Suite("Stored text: the config file")
struct ConfigStoredTextTests {
    @Test func aNULInTheConfigFileIsRefusedWithItsPath() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relais-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"tenants": {"acme": {"showUnverified": ["ok", "x\u0000y"]}}}"#.utf8).write(to: file)
        #expect { try RelaisConfig.load(path: file.path) } throws: { error in
            "\(error)".contains("tenants.acme.showUnverified.1: \(StoredText.nulRefusal)")
        }
        try Data(#"{"tenants": {"acme": {"showUnverified": ["é 👩🏽‍💻"]}}}"#.utf8).write(to: file)
        #expect(try RelaisConfig.load(path: file.path).tenants["acme"]?.showUnverified == ["é 👩🏽‍💻"])
    }
}

@Suite("Stored text: forms")
struct FormStoredTextTests {
    @Test func aFormThatIsNotExactlyTextIsRefusedAndATenantNameWithANULIsUnknown() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "ada", role: .admin)
        try await server.run { client in
            let (cookie, _) = try await client.signIn("ada", ConsoleTests.password)
            let csrf = try #require(try await client.page("/console/queue", cookie: cookie).csrf)
            // Before, "%FF" and "100%" were read as empty: a note silently dropped.
            for value in ["%FF", "100%", "%E2%82"] {
                let response = try await client.execute(
                    uri: "/console/claim", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(ConsoleTestNames.session)=\(cookie)"],
                    body: ByteBuffer(string: "csrf=\(csrf)&note=\(value)"))
                #expect(response.status == .badRequest, "\(value)")
            }
            let raw = try await client.execute(
                uri: "/embed/support-events", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(bytes: Array("tenant=acme&event=".utf8) + [0xFF, 0xFE]))
            #expect(raw.status == .badRequest)
            // A tenant name with a NUL is no tenant: the sheet says so, the store is not asked.
            #expect(try await client.execute(uri: "/embed/report?tenant=acme%00x", method: .get).status == .notFound)
            let event = try await client.execute(
                uri: "/embed/support-events", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "tenant=acme%00x&event=shown"))
            #expect(event.status == .notFound)
        }
    }
}
