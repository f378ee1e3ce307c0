import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisCore
import RelaisServer
import RelaisStore
import Testing

/// The console's checks, in one place for every route: no page without a session, no POST
/// from another origin or without the session's CSRF token, no deciding route for
/// compliance staff, no administering route for anyone but an admin.
@Suite("Moderator console: one check per concern, for every route")
struct ConsoleSeamTests {
    static let pages = ["/console/queue", "/console/cases/c1", "/console/cases/c1/statements", "/console/audit", "/console/webhooks"]
    static let posts = [
        "/console/logout", "/console/claim", "/console/cases/c1/reveal", "/console/cases/c1/release", "/console/cases/c1/renew",
        "/console/cases/c1/decide", "/console/webhooks/replay", "/console/pile-ons/p1/decide", "/console/pile-ons/p1/close", "/console/preferences/greyscale",
    ]

    @Test func withoutASessionEveryPageAndFormGoesToTheSignIn() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            for uri in Self.pages {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther && response.headers[.location] == "/console/login", "\(uri)")
            }
            for uri in Self.posts {
                let response = try await client.form(uri, cookie: String(repeating: "0", count: 64), fields: [:])
                #expect(response.status == .seeOther && response.headers[.location] == "/console/login", "\(uri)")
            }
        }
    }

    @Test func everyFormIsRefusedFromAnotherOriginOrWithoutTheSessionsToken() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "ada", role: .admin)
        try await server.run { client in
            let (cookie, _) = try await client.signIn("ada", ConsoleTests.password)
            let csrf = try #require(try await client.page("/console/queue", cookie: cookie).csrf)
            for uri in Self.posts {
                let crossSite = try await client.execute(
                    uri: uri, method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded", .cookie: "\(ConsoleTestNames.session)=\(cookie)",
                        .origin: "https://evil.example",
                    ],
                    body: ByteBuffer(string: "csrf=\(csrf)"))
                #expect(crossSite.status == .forbidden && crossSite.text.contains("Cross-origin form submissions are refused."), "\(uri)")
                let noToken = try await client.form(uri, cookie: cookie, fields: [:])
                #expect(noToken.status == .forbidden && noToken.text.contains("missing or wrong CSRF token"), "\(uri)")
            }
            #expect(try await client.page("/console/queue", cookie: cookie).status == .ok, "still signed in")
        }
    }

    @Test func rolesAreCheckedForWholeGroups() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "cleo", role: .compliance)
        _ = try await ConsoleTests.user(server, "mia")
        try await server.run { client in
            let (compliance, _) = try await client.signIn("cleo", ConsoleTests.password)
            let complianceToken = try #require(try await client.page("/console/queue", cookie: compliance).csrf)
            for uri in ["/console/claim", "/console/cases/c1/release", "/console/cases/c1/renew", "/console/cases/c1/decide", "/console/pile-ons/p1/close"] {
                let refused = try await client.form(uri, cookie: compliance, fields: ["csrf": complianceToken])
                #expect(refused.status == .forbidden && refused.text.contains("Not allowed for your role"), "\(uri)")
            }
            let (moderator, _) = try await client.signIn("mia", ConsoleTests.password)
            let moderatorToken = try #require(try await client.page("/console/queue", cookie: moderator).csrf)
            #expect(try await client.page("/console/webhooks", cookie: moderator).text.contains("Administrators only"))
            let replay = try await client.form("/console/webhooks/replay", cookie: moderator, fields: ["csrf": moderatorToken])
            #expect(replay.status == .forbidden && replay.text.contains("Administrators only"))
        }
    }
}
