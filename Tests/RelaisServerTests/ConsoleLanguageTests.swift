import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisServer
import RelaisStore
import Testing

/// The console in English and French: the moderator's choice from the switch (a cookie), else
/// the browser's Accept-Language among the console's two languages, else English.
@Suite("Console languages")
struct ConsoleLanguageTests {
    static let cookie = "relais_console_lang"

    func page(_ client: some TestClientProtocol, _ uri: String, session: String?, language: String? = nil, accept: String? = nil) async throws
        -> TestResponse
    {
        var cookies: [String] = []
        if let session { cookies.append("\(ConsoleTestNames.session)=\(session)") }
        if let language { cookies.append("\(Self.cookie)=\(language)") }
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.joined(separator: "; ") }
        if let accept { headers[.acceptLanguage] = accept }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    func choose(_ client: some TestClientProtocol, _ language: String, referer: String?, origin: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let referer { headers[.referer] = referer }
        if let origin { headers[.origin] = origin }
        return try await client.execute(uri: "/console/preferences/language", method: .post, headers: headers, body: ByteBuffer(string: "lang=\(language)"))
    }

    @Test func theBrowsersLanguageAmongEnglishAndFrenchElseEnglish() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "mia")
        try await server.run { client in
            let (session, _) = try await client.signIn("mia", ConsoleTests.password)
            let english = try await page(client, "/console/queue", session: session)
            #expect(english.text.contains(#"<html lang="en">"#) && english.text.contains("<h1>Open cases</h1>"))
            #expect(english.text.contains(#"data-console-language="fr">Français</button>"#), "the switch names French in French")
            let french = try await page(client, "/console/queue", session: session, accept: "fr-FR,fr;q=0.9,en;q=0.5")
            #expect(french.text.contains(#"<html lang="fr">"#) && french.text.contains("<h1>Dossiers ouverts</h1>"))
            #expect(french.text.contains(">File</a>") && french.text.contains("Prendre le suivant") && french.text.contains("Se déconnecter"))
            #expect(french.text.contains(#"data-console-language="en">English</button>"#))
            #expect(!french.text.contains("Open cases") && !french.text.contains("Sign out"))
            // German is not a console language: the next one the browser accepts is taken.
            let second = try await page(client, "/console/queue", session: session, accept: "de-DE, fr;q=0.8, en;q=0.5")
            #expect(second.text.contains(#"<html lang="fr">"#))
            let none = try await page(client, "/console/queue", session: session, accept: "de, it")
            #expect(none.text.contains(#"<html lang="en">"#))
            // The sign-in page, before anyone is signed in, and its refusal.
            let login = try await page(client, "/console/login", session: nil, accept: "fr")
            #expect(login.text.contains("<h1>Connexion</h1>") && login.text.contains("Mot de passe"))
        }
    }

    @Test func theSwitchKeepsTheChoiceInACookieAndGoesBackToTheSamePage() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "mia")
        try await server.run { client in
            let (session, _) = try await client.signIn("mia", ConsoleTests.password)
            let chosen = try await choose(client, "fr", referer: "http://localhost/console/audit?actor=mia")
            #expect(chosen.status == .seeOther && chosen.headers[.location] == "/console/audit?actor=mia")
            let line = try #require(chosen.headers[values: .setCookie].first { $0.hasPrefix("\(Self.cookie)=fr") })
            #expect(line.contains("Path=/console") && line.contains("HttpOnly") && line.contains("SameSite=Strict"))
            // The choice wins over the browser's language.
            let audit = try await page(client, "/console/audit", session: session, language: "fr", accept: "en")
            #expect(audit.text.contains(#"<html lang="fr">"#) && audit.text.contains("Journal d’audit"))
            // Back to English from the sign-in page, which stays where it is.
            let back = try await choose(client, "en", referer: "http://localhost/console/login")
            #expect(back.headers[.location] == "/console/login" && back.cookie(Self.cookie) == "en")
            // A language the console does not speak sets nothing; a Referer elsewhere goes to the queue.
            let german = try await choose(client, "de", referer: "https://evil.example/phish")
            #expect(german.status == .seeOther && german.headers[.location] == "/console/queue" && german.cookie(Self.cookie) == nil)
            let unknownCookie = try await page(client, "/console/queue", session: session, language: "xx", accept: "fr")
            #expect(unknownCookie.text.contains(#"<html lang="fr">"#), "an unknown cookie value falls back to the browser's language")
            // Another site's form is refused and sets nothing.
            let foreign = try await choose(client, "fr", referer: nil, origin: "https://evil.example")
            #expect(foreign.status == .forbidden && foreign.cookie(Self.cookie) == nil)
        }
    }

    @Test func noticesRefusalsAndComputedTextsAreFrenchToo() async throws {
        let server = try await LiveServer()
        _ = try await ConsoleTests.user(server, "mia")
        try await server.run { client in
            _ = try await client.file(caseReportJSON(subject: "fr-1", author: "author-1"), key: server.acmeKey)
            let (session, _) = try await client.signIn("mia", ConsoleTests.password)
            let notice = try await page(client, "/console/queue?notice=empty", session: session, language: "fr")
            #expect(notice.text.contains("Rien à prendre"))
            let queue = try await page(client, "/console/queue", session: session, language: "fr")
            // The category and the priority's level are the console's words in French.
            #expect(queue.text.contains("Harcèlement ou intimidation") && queue.text.contains("Page 1"))
            #expect(queue.text.contains(#"data-label="Dossier""#))
            let missing = try await page(client, "/console/cases/no-such-case", session: session, language: "fr")
            #expect(missing.status == .notFound && missing.text.contains("Dossier introuvable"))
            let wrong = try await client.execute(
                uri: "/console/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(Self.cookie)=fr"], body: ByteBuffer(string: "name=mia"))
            #expect(wrong.status == .forbidden && wrong.text.contains("Le formulaire de connexion a expiré"))
        }
    }
}
