import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisCore
import RelaisServer
import RelaisStore
import Testing

/// The console over HTTP: sign-in, sessions, lock-out, CSRF, roles, and decisions through
/// the same rules as the API.
@Suite("Moderator console")
struct ConsoleTests {
    static let password = "correct horse battery"

    /// A user with a console password (bcrypt at a low cost, to keep the tests fast).
    static func user(_ server: LiveServer, _ name: String, role: Moderator.Role = .moderator) async throws -> String {
        let token = try await server.moderatorToken(name, role: role)
        try await server.storage.setPassword(moderatorName: name, passwordHash: await ConsolePasswords.hash(password, cost: 4), now: Date())
        return token
    }

    @Test func signInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSession() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            let anonymous = try await client.execute(uri: "/console/queue", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/console/login")
            let (cookie, setCookie) = try await client.signIn("mia", Self.password)
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(setCookie.contains("Path=/console"))
            #expect(setCookie.contains("Max-Age=28800"))
            let queue = try await client.page("/console/queue", cookie: cookie)
            #expect(queue.status == .ok)
            #expect(queue.text.contains("Open cases"))
            #expect(queue.headers[.contentSecurityPolicy]?.contains("script-src 'self';") == true)
            #expect(queue.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            // The session id is stored hashed: the raw cookie value is nowhere in the database.
            let rows = try await server.storage.consoleSession(idHash: cookie, now: Date())
            #expect(rows == nil)
            let csrf = try #require(queue.csrf)
            let out = try await client.form("/console/logout", cookie: cookie, fields: ["csrf": csrf])
            #expect(out.status == .seeOther)
            let after = try await client.page("/console/queue", cookie: cookie)
            #expect(after.status == .seeOther)
        }
    }

    @Test func fiveWrongPasswordsLockTheAccountFor15Minutes() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            for attempt in 1...5 {
                let response = try await client.attemptSignIn("mia", "wrong password \(attempt)")
                #expect(response.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
            }
            // Even the right password is refused while locked.
            let locked = try await client.attemptSignIn("mia", Self.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("locked"))
            let audit = try await server.storage.auditLog(tenantId: server.acme.id).map(\.action)
            #expect(audit.filter { $0 == "console.sign_in_failed" }.count == 5)
            #expect(audit.contains("console.locked_out"))
            let credentials = try #require(try await server.storage.consoleCredentials(name: "mia"))
            #expect(credentials.lockedUntil == LiveServer.afternoon.addingTimeInterval(15 * 60))
        }
    }

    @Test func aPostWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            _ = try await client.file(caseReportJSON(), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("mia", Self.password)
            let missing = try await client.form("/console/claim", cookie: cookie, fields: [:])
            #expect(missing.status == .forbidden)
            let wrong = try await client.form("/console/claim", cookie: cookie, fields: ["csrf": String(repeating: "a", count: 64)])
            #expect(wrong.status == .forbidden)
            #expect(try await server.storage.auditLog(tenantId: server.acme.id).contains { $0.action == "case.claimed" } == false)
            // The sign-in form has a token too.
            let login = try await client.execute(
                uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=mia&password=\(Self.password)"))
            #expect(login.status == .forbidden)
        }
    }

    @Test func complianceReadsButIsRefusedClaimsAndDecisions() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "carla", role: .compliance)
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("carla", Self.password)
            let queue = try await client.page("/console/queue", cookie: cookie)
            #expect(queue.status == .ok)
            #expect(!queue.text.contains("claim-next"))
            let csrf = try #require(queue.csrf)
            let claim = try await client.form("/console/claim", cookie: cookie, fields: ["csrf": csrf])
            #expect(claim.status == .forbidden)
            let decide = try await client.form("/console/cases/\(id)/decide", cookie: cookie, fields: ["csrf": csrf, "explanation": "x"])
            #expect(decide.status == .forbidden)
            let page = try await client.page("/console/cases/\(id)", cookie: cookie)
            #expect(page.status == .ok)
            let audit = try await client.page("/console/audit", cookie: cookie)
            #expect(audit.status == .ok)
            let webhooks = try await client.page("/console/webhooks", cookie: cookie)
            #expect(webhooks.status == .forbidden)
        }
    }

    @Test func theConsolesDecisionGoesThroughTheSameRules() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(text: "<script>alert(1)</script>"), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("mia", Self.password)
            let queue = try await client.page("/console/queue", cookie: cookie)
            let csrf = try #require(queue.csrf)
            let claimed = try await client.form("/console/claim", cookie: cookie, fields: ["csrf": csrf])
            #expect(claimed.headers[.location] == "/console/cases/\(id)")
            let casePage = try await client.page("/console/cases/\(id)", cookie: cookie)
            #expect(!casePage.text.contains("<script>alert(1)"))
            #expect(casePage.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            // A restriction without ground, facts or scope: refused with the core's reasons, nothing stored.
            let refused = try await client.form(
                "/console/cases/\(id)/decide", cookie: cookie,
                fields: ["csrf": csrf, "restriction_content_removed": "on", "explanation": "Insults.", "territorialScope": "US"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("is required with restrictions: illegal or incompatible"))
            #expect(refused.text.contains("the facts and circumstances relied on"))
            #expect(refused.text.contains("is not an EU or EEA country"))
            #expect(try await server.storage.statements(caseId: .init(rawValue: id), tenantId: server.acme.id)?.isEmpty == true)
            let decided = try await client.form(
                "/console/cases/\(id)/decide", cookie: cookie,
                fields: [
                    "csrf": csrf, "restriction_content_removed": "on", "ground": "incompatible", "termsClause": "Guidelines 3.2",
                    "explanation": "Insults.", "facts": "A comment insulting a person.", "territorialScope": "FR, BE",
                    "automatedDecision": "not_automated", "internalNote": "INTERNAL-ONLY",
                ])
            #expect(decided.status == .seeOther, "\(decided.text)")
            let statements = try #require(try await server.storage.statements(caseId: .init(rawValue: id), tenantId: server.acme.id))
            #expect(statements.count == 1)
            #expect(StatementOfReasonsValidator.validate(statements[0]).isEmpty)
            let after = try await client.page("/console/cases/\(id)", cookie: cookie)
            #expect(after.text.contains("data-status>decided<"))
        }
    }

    /// The statements page says what happened with the Transparency Database: queued is
    /// never called sent; a refusal shows the Database's reasons; sent shows its public page.
    @Test func theStatementsPageTellsTheSubmissionStateTruthfully() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        _ = try await Self.user(server, "cleo", role: .compliance)
        try await server.run { client in
            let id = try await client.file(caseReportJSON(text: "insults"), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("mia", Self.password)
            let csrf = try #require(try await client.page("/console/queue", cookie: cookie).csrf)
            _ = try await client.form("/console/claim", cookie: cookie, fields: ["csrf": csrf])
            let decided = try await client.form(
                "/console/cases/\(id)/decide", cookie: cookie,
                fields: [
                    "csrf": csrf, "restriction_content_removed": "on", "ground": "incompatible", "termsClause": "Guidelines 3.2",
                    "explanation": "Insults.", "facts": "A comment insulting a person.", "territorialScope": "FR",
                    "automatedDecision": "not_automated",
                ])
            #expect(decided.status == .seeOther)
            let caseId = ModerationCase.ID(rawValue: id)
            let puid = try #require(try await server.storage.statements(caseId: caseId, tenantId: server.acme.id)?.first?.puid)
            var page = try await client.page("/console/cases/\(id)/statements", cookie: cookie)
            #expect(page.text.contains("data-submission=\"queued\"") && page.text.contains("Not sent yet"))
            #expect(!page.text.contains("As sent to") && !page.text.contains("Sent to the EU"))

            let now = Date()
            _ = try await server.storage.claimQueuedStatements(tenantId: server.acme.id, since: nil, now: now, leaseUntil: now + 60, worker: "t", limit: 10)
            try await server.storage.markStatementRejected(puid: puid, reasons: ["category": ["The selected category is invalid."]], at: now)
            page = try await client.page("/console/cases/\(id)/statements", cookie: cookie)
            #expect(page.text.contains("data-submission=\"rejected\"") && page.text.contains("The selected category is invalid."))
            // A moderator sees no resend button and may not resend; compliance staff may, once.
            #expect(!page.text.contains("/statements/resend"))
            let refused = try await client.form("/console/cases/\(id)/statements/resend", cookie: cookie, fields: ["csrf": csrf, "puid": puid])
            #expect(refused.status == .forbidden)
            let (compliance, _) = try await client.signIn("cleo", Self.password)
            let shown = try await client.page("/console/cases/\(id)/statements", cookie: compliance)
            #expect(shown.text.contains("action=\"/console/cases/\(id)/statements/resend\""))
            let token = try #require(shown.csrf)
            let unknown = try await client.form("/console/cases/\(id)/statements/resend", cookie: compliance, fields: ["csrf": token, "puid": "nope"])
            #expect(unknown.status == .notFound)
            let resent = try await client.form("/console/cases/\(id)/statements/resend", cookie: compliance, fields: ["csrf": token, "puid": puid])
            #expect(resent.status == .seeOther && resent.headers[.location] == "/console/cases/\(id)/statements?notice=resent")
            #expect(try await server.storage.statementSubmissions(caseId: caseId, tenantId: server.acme.id)?.first?.status == .queued)
            #expect(try await server.database.int("SELECT COUNT(*) FROM audit_log WHERE action = 'statement.resent' AND actor = 'cleo'") == 1)
            let again = try await client.form("/console/cases/\(id)/statements/resend", cookie: compliance, fields: ["csrf": token, "puid": puid])
            #expect(again.status == .notFound, "no longer refused: nothing to resend")

            try await server.storage.markStatementsSent([SentStatement(puid: puid, uuid: "u-1", permalink: "https://tdb.example/statement/u-1")], at: now)
            page = try await client.page("/console/cases/\(id)/statements", cookie: cookie)
            #expect(page.text.contains("data-submission=\"sent\"") && page.text.contains("href=\"https://tdb.example/statement/u-1\""))
        }
    }

    @Test func sensitiveContentIsBlurredUntilShownAndShowingIsAudited() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(category: "sextortion", text: "pay or else"), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("mia", Self.password)
            let before = try await client.page("/console/cases/\(id)", cookie: cookie)
            #expect(before.text.contains("snapshot blurred"))
            let csrf = try #require(before.csrf)
            let reveal = try await client.form("/console/cases/\(id)/reveal", cookie: cookie, fields: ["csrf": csrf])
            #expect(reveal.status == .seeOther)
            let after = try await client.page("/console/cases/\(id)", cookie: cookie)
            #expect(!after.text.contains("snapshot blurred"))
            #expect(try await server.storage.auditLog(tenantId: server.acme.id).contains { $0.action == "case.content_revealed" && $0.caseId?.rawValue == id })
        }
    }

    @Test func adminsSeeDeadLettersAndReplayThemWithAnAuditEntry() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "ada", role: .admin)
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            _ = try await client.file(caseReportJSON(), key: server.acmeKey)
            _ = try await server.storage.setWebhookEndpoint(tenantName: "acme", url: "https://acme.example/hook", rotateSecret: false, now: Date())
            // The report's event is due at the server's (fixed) clock.
            let now = LiveServer.afternoon.addingTimeInterval(1)
            let claimed = try await server.storage.claimDueWebhooks(now: now, leaseUntil: now + 30, worker: "w", limit: 10)
            let event = try #require(claimed.first)
            try await server.storage.markWebhookFailed(
                eventId: event.eventId, worker: "w",
                failure: WebhookFailure(attempts: 16, error: "<b>connection refused</b>", nextAttemptAt: now, dead: true))
            // A moderator is not shown the dead letters.
            let (miaCookie, _) = try await client.signIn("mia", Self.password)
            #expect(try await client.page("/console/webhooks", cookie: miaCookie).status == .forbidden)
            let (cookie, _) = try await client.signIn("ada", Self.password)
            let page = try await client.page("/console/webhooks", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("data-event=\"\(event.eventId)\""))
            #expect(page.text.contains("&lt;b&gt;connection refused&lt;/b&gt;"))
            let csrf = try #require(page.csrf)
            let replay = try await client.form("/console/webhooks/replay", cookie: cookie, fields: ["csrf": csrf, "event": event.eventId])
            #expect(replay.status == .seeOther)
            #expect(try await server.storage.webhookStatus(tenantName: "acme").dead == 0)
            let audit = try await server.storage.auditLog(tenantId: server.acme.id)
            #expect(audit.contains { $0.action == "webhook.replayed" && $0.actor == "ada" })
        }
    }

    @Test func earlierDecisionsAboutTheAuthorAndTheRepeatOffenderSuggestionAreOnTheCase() async throws {
        let server = try await LiveServer()
        let token = try await Self.user(server, "mia")
        try await server.run { client in
            // Three restrictive decisions against author-9 through the API…
            for index in 1...3 {
                let id = try await client.file(caseReportJSON(subject: "c-\(index)", author: "author-9"), key: server.acmeKey)
                _ = try await client.claim(token)
                let decided = try await client.post("/v1/moderation/cases/\(id)/decisions", key: token, json: decisionJSON())
                #expect(decided.status == .created)
            }
            // …are shown on the fourth case, with the suggestion.
            let fourth = try await client.file(caseReportJSON(subject: "c-4", author: "author-9"), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("mia", Self.password)
            let page = try await client.page("/console/cases/\(fourth)", cookie: cookie)
            #expect(page.text.contains("3 restrictive decision(s) against this author"))
            #expect(page.text.contains("data-repeat-suggestion"))
            #expect(page.text.components(separatedBy: "Content removed").count - 1 >= 3)
        }
    }

    @Test func sessionsExpireAfterEightHours() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            let (cookie, _) = try await client.signIn("mia", Self.password)
            clock.advance(8 * 3600 - 60)
            #expect(try await client.page("/console/queue", cookie: cookie).status == .ok)
            clock.advance(120)
            let expired = try await client.page("/console/queue", cookie: cookie)
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/console/login")
        }
    }

    @Test func theCookieIsSecureUnlessTheRequestCameToALoopbackNameOverPlainHTTP() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            let (_, local) = try await client.signIn("mia", Self.password)
            #expect(!local.contains("Secure"))
            let form = try await client.execute(uri: "/console/login", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(form.headers[values: .setCookie].allSatisfy { $0.contains("Secure") })
        }
    }

    @Test func theQueueIsInPriorityOrderAndFiltersByCategoryCountryAndOverdue() async throws {
        let clock = TestClock(LiveServer.afternoon)
        let server = try await LiveServer(clock: clock.relaisClock)
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            let spam = try await client.file(reportJSON(category: "spam", subject: "s-1", country: "BE", age: "18+"), key: server.acmeKey)
            let threat = try await client.file(reportJSON(category: "threat", subject: "s-2", age: "18+"), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("mia", Self.password)
            let all = try await client.page("/console/queue", cookie: cookie).text
            let threatAt = try #require(all.range(of: "data-case=\"\(threat)\"")), spamAt = try #require(all.range(of: "data-case=\"\(spam)\""))
            #expect(threatAt.lowerBound < spamAt.lowerBound)
            let belgian = try await client.page("/console/queue?country=be", cookie: cookie).text
            #expect(belgian.contains(spam) && !belgian.contains(threat))
            let spamOnly = try await client.page("/console/queue?category=spam", cookie: cookie).text
            #expect(spamOnly.contains(spam) && !spamOnly.contains(threat))
            #expect(try await client.page("/console/queue?overdue=1", cookie: cookie).text.contains("data-empty-queue"))
            // A threat's target is one hour: two hours later it is overdue, the spam is not.
            clock.advance(2 * 3600)
            let overdue = try await client.page("/console/queue?overdue=1", cookie: cookie).text
            #expect(overdue.contains(threat) && !overdue.contains(spam))
            #expect(overdue.contains("overdue-flag"))
        }
    }

    @Test func renewAndReleaseGoThroughTheLease() async throws {
        let server = try await LiveServer()
        _ = try await Self.user(server, "mia")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.acmeKey)
            let (cookie, _) = try await client.signIn("mia", Self.password)
            let csrf = try #require(try await client.page("/console/queue", cookie: cookie).csrf)
            // Not held yet: release is a conflict.
            #expect(try await client.form("/console/cases/\(id)/release", cookie: cookie, fields: ["csrf": csrf]).status == .conflict)
            _ = try await client.form("/console/claim", cookie: cookie, fields: ["csrf": csrf])
            let page = try await client.page("/console/cases/\(id)", cookie: cookie).text
            #expect(page.contains("held by mia until"))
            #expect(page.contains("id=\"decision-form\""))
            #expect(try await client.form("/console/cases/\(id)/renew", cookie: cookie, fields: ["csrf": csrf]).status == .seeOther)
            #expect(try await client.form("/console/cases/\(id)/release", cookie: cookie, fields: ["csrf": csrf]).status == .seeOther)
            let actions = try await server.storage.auditLog(tenantId: server.acme.id, caseId: .init(rawValue: id)).map(\.action)
            #expect(actions == ["case.claimed", "case.lease_renewed", "case.released"])
        }
    }
}

extension TestClientProtocol {
    func attemptSignIn(_ name: String, _ password: String) async throws -> TestResponse {
        let form = try await execute(uri: "/console/login", method: .get)
        let nonce = try #require(form.cookie(ConsoleTestNames.login))
        let token = try #require(form.csrf)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = "csrf=\(token)&name=\(name)&password=\(password.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        return try await execute(
            uri: "/console/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(ConsoleTestNames.login)=\(nonce)"],
            body: ByteBuffer(string: body))
    }

    /// Signs in; the session cookie's value and its whole Set-Cookie line.
    func signIn(_ name: String, _ password: String) async throws -> (String, String) {
        let response = try await attemptSignIn(name, password)
        #expect(response.status == .seeOther, "\(response.text)")
        let line = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("\(ConsoleTestNames.session)=") })
        return (try #require(response.cookie(ConsoleTestNames.session)), line)
    }

    func page(_ uri: String, cookie: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: [.cookie: "\(ConsoleTestNames.session)=\(cookie)"])
    }

    func form(_ uri: String, cookie: String, fields: [String: String]) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return try await execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(ConsoleTestNames.session)=\(cookie)"],
            body: ByteBuffer(string: body))
    }
}

enum ConsoleTestNames {
    static let session = "relais_session"
    static let login = "relais_login"
}

extension TestResponse {
    func cookie(_ name: String) -> String? {
        for line in headers[values: .setCookie] where line.hasPrefix(name + "=") {
            return String(line.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    /// The first form's CSRF token on the page.
    var csrf: String? {
        guard let range = text.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        let match = text[range]
        return String(match.dropFirst(#"name="csrf" value=""#.count).dropLast())
    }
}
