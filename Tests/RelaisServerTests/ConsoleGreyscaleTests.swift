import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisServer
import RelaisStore
import Testing

@Suite("Console greyscale")
struct ConsoleGreyscaleTests {
    func toggle(_ client: some TestClientProtocol, cookie: String, csrf: String, to value: String, referer: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "\(ConsoleTestNames.session)=\(cookie)"]
        if let referer { headers[.referer] = referer }
        return try await client.execute(uri: "/console/preferences/greyscale", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)&greyscale=\(value)"))
    }

    @Test func theChoiceIsTheModeratorsOnEveryPageAndEverySessionOfTheirs() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "mia")
        _ = try await ConsoleTests.user(server, "lou")
        try await server.run { client in
            let (cookie, _) = try await client.signIn("mia", ConsoleTests.password)
            let queue = try await client.page("/console/queue", cookie: cookie)
            #expect(queue.text.contains(#"<body class="console">"#) && queue.text.contains(#"aria-pressed="false""#))
            let csrf = try #require(queue.csrf)
            // Back to the page it was pressed on (the Referer's console path, with its query).
            let on = try await toggle(client, cookie: cookie, csrf: csrf, to: "on", referer: "http://localhost/console/audit?actor=mia")
            #expect(on.status == .seeOther && on.headers[.location] == "/console/audit?actor=mia")
            for page in ["/console/queue", "/console/audit", "/console/pile-ons"] {
                let shown = try await client.page(page, cookie: cookie)
                #expect(shown.text.contains(#"<body class="console greyscale">"#) && shown.text.contains(#"aria-pressed="true""#), "\(page)")
            }
            // Kept on the account: a new session of hers is grey too; another moderator's is not.
            let (again, _) = try await client.signIn("mia", ConsoleTests.password)
            #expect(try await client.page("/console/queue", cookie: again).text.contains("console greyscale"))
            let (lou, _) = try await client.signIn("lou", ConsoleTests.password)
            #expect(!(try await client.page("/console/queue", cookie: lou).text.contains("console greyscale")))
            // Off again; a Referer elsewhere, or none, goes to the queue and never away.
            for referer in ["https://evil.example/phish", "http://localhost//evil.example/console/x", nil] {
                let off = try await toggle(client, cookie: cookie, csrf: csrf, to: "off", referer: referer)
                #expect(off.status == .seeOther && off.headers[.location] == "/console/queue", "\(referer ?? "none")")
            }
            #expect(!(try await client.page("/console/queue", cookie: cookie).text.contains("console greyscale")))
        }
    }
}
