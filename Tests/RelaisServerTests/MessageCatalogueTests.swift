import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisCore
import RelaisStore
import Testing

@testable import RelaisServer

/// A language cannot ship with a missing text: every catalogue of the web pages has every key
/// of the reference (English) with the same placeholders, every key the templates and the
/// code read exists, and the check refuses broken fixtures.
@Suite("Message catalogues")
struct MessageCatalogueTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures/messages")
    static let languages = WebLanguage.allCases.map(\.rawValue)

    static func web() throws -> MessageCatalogueSet { try WebAssets.bundled().messages }

    @Test func theWebCataloguesLoadInEveryLanguageOfTheCard() throws {
        let set = try Self.web()
        #expect(Set(set.catalogues.keys) == Set(Self.languages))
        #expect(MessageCatalogueSet.problems(set.catalogues, languages: Self.languages) == [])
        // The page and the card speak the same languages: each page language has card texts.
        for language in WebLanguage.allCases {
            #expect(SupportTexts.forLanguage(LanguageTag(language.rawValue)).language == language.rawValue, "\(language) has no card texts")
        }
        #expect(Set(SupportTexts.all.map(\.language)) == Set(Self.languages), "a card language without page texts, or the reverse")
    }

    @Test func everyKeyTheTemplatesReadExists() throws {
        let reference = try Self.web().reference
        let folder = Self.repository.appendingPathComponent("Sources/RelaisServer/Resources/templates")
        let pattern = try Regex(#"\{\{[#^/]?(?:page\.)?t\.([A-Za-z0-9_.]+)\}\}"#)
        var read: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !file.hasPrefix("console") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) { read.insert(String(text[match.output[1].range!])) }
        }
        #expect(read.count > 40, "the scan found the templates' texts")
        let missing = read.filter { reference.entries[$0] == nil }.sorted()
        #expect(missing == [], "templates read keys no catalogue has")
    }

    @Test func everyKeyTheCodeBuildsExists() throws {
        let reference = try Self.web().reference
        var keys: [String] = []
        for category in ReportCategory.allCases { keys += ["category.\(category.rawValue).label", "category.\(category.rawValue).example"] }
        for restriction in Decision.Restriction.allCases { keys.append("restriction.\(restriction.rawValue)") }
        for kind in ReportDraft.SubjectKind.allCases { keys += ["subject.\(kind.rawValue)", "subject.\(kind.rawValue)By"] }
        #expect(keys.filter { reference.entries[$0] == nil } == [])
    }

    // MARK: The console's catalogues (English and French)

    static func console() throws -> MessageCatalogueSet { try WebAssets.bundled().consoleMessages }

    @Test func theConsoleCataloguesHaveTheSameKeysInEnglishAndFrench() throws {
        let set = try Self.console()
        #expect(Set(set.catalogues.keys) == ["en", "fr"])
        #expect(MessageCatalogueSet.problems(set.catalogues, languages: ["en", "fr"]) == [])
        // French is written, not copied: most texts differ from the English ones.
        let same = set.reference.entries.keys.filter { set["fr"].entries[$0] == set.reference.entries[$0] }
        #expect(Double(same.count) < Double(set.reference.entries.count) * 0.1, "\(same.sorted())")
    }

    @Test func everyKeyTheConsoleTemplatesAndCodeReadExists() throws {
        let reference = try Self.console().reference
        let templates = Self.repository.appendingPathComponent("Sources/RelaisServer/Resources/templates")
        let pattern = try Regex(#"\{\{[#^/]?t\.([A-Za-z0-9_.-]+)\}\}"#)
        var read: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: templates.path) where file.hasPrefix("console") {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) { read.insert(String(text[match.output[1].range!])) }
        }
        #expect(read.count > 250, "the scan found the console templates' texts")
        // The keys the Swift code names in full: `t("queue.title")`, `t.plural("…")`, `self("…")`.
        let code = Self.repository.appendingPathComponent("Sources/RelaisServer/Console")
        let literal = try Regex(#"(?:\bt|texts|self|context\.texts)(?:\.plural)?\(\s*"([a-zA-Z]+\.[A-Za-z0-9_.-]+)""#)
        var named: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: code.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: code.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: literal) { named.insert(String(text[match.output[1].range!])) }
        }
        #expect(named.count > 100, "the scan found the code's keys")
        // The keys the code builds from a value.
        var built = ConsolePages.notices.map { "notice.\($0)" }
        for category in ReportCategory.allCases { built.append("category.\(category.rawValue)") }
        for kind in ReportDraft.SubjectKind.allCases { built.append("subjectKind.\(kind.rawValue)") }
        for restriction in Decision.Restriction.allCases { built.append("restriction.\(restriction.rawValue)") }
        for automation in Decision.Automation.allCases { built.append("automation.\(automation.rawValue)") }
        for level in PriorityLevel.allCases { built.append("priority.level.\(level.rawValue)") }
        for role in Moderator.Role.allCases { built.append("role.\(role.rawValue)") }
        let missing = (read.union(named).union(built)).filter { reference.entries[$0] == nil }.sorted()
        #expect(missing == [], "keys the console reads that no catalogue has")
        // Every restriction of the form is offered (the form's order lists them all).
        #expect(Set(ConsoleDecisionForm.restrictionOrder) == Set(Decision.Restriction.allCases))
        #expect(Set(ConsoleDecisionForm.automationOrder) == Set(Decision.Automation.allCases))
    }

    @Test func aMissingKeyIsRefused() throws {
        #expect {
            try MessageCatalogueSet.load(from: Self.fixtures.appendingPathComponent("missing-key"), name: "fixture", languages: ["en", "de"])
        } throws: { error in
            "\(error)".contains("de.json: sheet.send: missing")
        }
    }

    @Test func aWrongPlaceholderAndAMissingPluralFormAreRefused() throws {
        let folder = Self.fixtures.appendingPathComponent("wrong-placeholder")
        var problems: [String] = []
        do { _ = try MessageCatalogueSet.load(from: folder, name: "fixture", languages: ["en", "de"]) } catch let error as MessageCatalogueError {
            problems = error.problems
        }
        #expect(problems.contains { $0.contains("de.json: subject.commentBy: placeholders [\"{autor}\"] differ") })
        #expect(problems.contains { $0.contains("de.json: demo.comments: the plural form 'one' is missing") })
    }

    @Test func aLanguageWithoutItsFileAndAFileWithoutItsLanguageAreRefused() throws {
        let english = MessageCatalogue(language: "en", entries: ["a": .text("A")])
        let problems = MessageCatalogueSet.problems(
            ["en": english, "xx": MessageCatalogue(language: "xx", entries: ["a": .text("A"), "b": .text("B")])], languages: ["en", "de"])
        #expect(problems.contains("de.json: missing"))
        #expect(problems.contains { $0.hasPrefix("xx.json: not a language of this set") })
        #expect(problems.contains { $0.hasPrefix("xx.json: b: not in en.json") })
        #expect(
            MessageCatalogueSet.problems(["en": english, "de": MessageCatalogue(language: "de", entries: ["a": .plural([.other: "A"])])], languages: ["en", "de"])
                .contains("de.json: a: a plain text in en.json, not plural forms"))
    }

    @Test func textThatIsNotAStringIsRefused() throws {
        #expect(throws: MessageCatalogueError.self) { try MessageCatalogue(language: "en", json: Data(#"{"sheet": {"title": 3}}"#.utf8)) }
    }

    /// CLDR: French says "0 commentaire", "1 commentaire"; the others "0 comments".
    @Test(arguments: [
        ("en", 0, "0 comments"), ("en", 1, "1 comment"), ("en", 2, "2 comments"), ("fr", 0, "0 commentaire"), ("fr", 1, "1 commentaire"),
        ("fr", 2, "2 commentaires"), ("de", 1, "1 Kommentar"), ("de", 0, "0 Kommentare"), ("es", 1, "1 comentario"), ("es", 21, "21 comentarios"),
        ("it", 1, "1 commento"), ("it", 3, "3 commenti"), ("nl", 1, "1 reactie"), ("nl", 11, "11 reacties"),
    ] as [(language: String, count: Int, expected: String)])
    func pluralsFollowEachLanguagesRule(_ example: (language: String, count: Int, expected: String)) throws {
        #expect(try Self.web()[example.language].plural("demo.comments", count: example.count) == example.expected)
    }

    @Test func datesAndTimesFollowTheReaderAndTheLinesZone() throws {
        let set = try Self.web()
        // Monday 7 December 2026, 09:00 in Paris (08:00 UTC).
        let opens = Timestamp.parse("2026-12-07T09:00:00+01:00")!
        let paris = TimeZone(identifier: "Europe/Paris")!
        #expect(Messages(.fr, in: set).weekdayAndDay(opens, in: paris) == "lundi 7 décembre")
        #expect(Messages(.de, in: set).weekdayAndDay(opens, in: paris) == "Montag, 7. Dezember")
        #expect(Messages(.en, in: set).time(opens, in: paris) == "09:00")
        #expect(Messages(.en, in: set).time(opens, in: TimeZone(identifier: "UTC")!) == "08:00", "the line's zone, not the server's")
        // An Austrian reader: January is "Jänner".
        let january = Timestamp.parse("2027-01-15T12:00:00+01:00")!
        #expect(Messages(.de, in: set, region: "AT").day(january, in: paris) == "15. Jänner 2027")
        #expect(Messages(.de, in: set, region: "DE").day(january, in: paris) == "15. Januar 2027")
    }

    /// The help window's next opening, in each language, in the line's zone: "tomorrow at
    /// 09:00" at 23:30 in Paris, the weekday and date when it is further away.
    @Test(arguments: [
        ("en", "tomorrow at 09:00", "on Thursday 3 December at 09:00"), ("fr", "demain à 09:00", "le jeudi 3 décembre à 09:00"),
        ("de", "morgen um 09:00", "am Donnerstag, 3. Dezember um 09:00"), ("es", "mañana a las 9:00", "el jueves, 3 de diciembre a las 9:00"),
        ("it", "domani alle 09:00", "il giovedì 3 dicembre alle 09:00"), ("nl", "morgen om 09:00", "op donderdag 3 december om 09:00"),
    ] as [(language: String, tomorrow: String, later: String)])
    func theNextOpeningIsWrittenInTheReadersLanguage(_ example: (language: String, tomorrow: String, later: String)) throws {
        let texts = Messages(WebLanguage(rawValue: example.language)!, in: try Self.web())
        let lateEvening = Timestamp.parse("2026-11-29T23:30:00+01:00")!
        #expect(HelpWindowView.nextOpening("2026-11-30T09:00:00+01:00", texts: texts, now: lateEvening) == example.tomorrow)
        #expect(HelpWindowView.nextOpening("2026-12-03T09:00:00+01:00", texts: texts, now: lateEvening) == example.later)
        // Just after midnight in Paris (still the 29th in UTC), 09:00 is today, not tomorrow.
        let afterMidnight = Timestamp.parse("2026-11-30T00:30:00+01:00")!
        #expect(HelpWindowView.nextOpening("2026-11-30T09:00:00+01:00", texts: texts, now: afterMidnight) == texts("help.todayAt", ["time": example.tomorrow.components(separatedBy: " ").last!]))
    }

    @Test(arguments: [
        ("de", "fr-FR", nil, WebLanguage.de), (nil, "de-AT,de;q=0.9,en;q=0.8", nil, .de), (nil, "en;q=0.5,nl;q=0.9", nil, .nl),
        (nil, "pt-BR,ja;q=0.8", WebLanguage.it, .it), (nil, nil, WebLanguage.es, .es), (nil, "pt-BR", nil, .en), (nil, "fr;q=0,es", nil, .es),
        ("xx", "it-IT", nil, .it),
    ] as [(explicit: String?, acceptLanguage: String?, tenantDefault: WebLanguage?, expected: WebLanguage)])
    func theLanguageIsThePlatformsThenTheBrowsersThenTheTenantsThenEnglish(
        _ example: (explicit: String?, acceptLanguage: String?, tenantDefault: WebLanguage?, expected: WebLanguage)
    ) {
        #expect(
            WebLanguage.negotiate(explicit: example.explicit, acceptLanguage: example.acceptLanguage, tenantDefault: example.tenantDefault)
                == example.expected)
    }

    @Test func aTenantsDefaultLanguageIsOneOfThePagesAndIsUsedWhenTheBrowserAsksForNone() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relais-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"tenants": {"acme": {"defaultLanguage": "pt"}}}"#.utf8).write(to: file)
        #expect { try RelaisConfig.load(path: file.path) } throws: { "\($0)".contains("'pt' is not a language of Relais's pages") }
        try Data(#"{"tenants": {"acme": {"defaultLanguage": "de"}}}"#.utf8).write(to: file)
        let server = try await LiveServer(config: try RelaisConfig.load(path: file.path))
        try await server.run { client async throws in
            func lang(_ query: String, _ accept: String?) async throws -> String {
                var headers: HTTPFields = [:]
                if let accept { headers[.acceptLanguage] = accept }
                let response = try await client.execute(uri: "/embed/report?tenant=acme&country=AT&" + query, method: .get, headers: headers)
                let html = String(buffer: response.body)
                return html.firstRange(of: #/<html lang="([a-z]+)">/#).map { String(html[$0]) } ?? html
            }
            let tenants = try await lang("", "pt-BR"), browsers = try await lang("", "it-IT,de;q=0.5"), platforms = try await lang("lang=nl", "it-IT")
            #expect(tenants == #"<html lang="de">"#, "no language of the browser's: the tenant's")
            #expect(browsers == #"<html lang="it">"#, "the browser's before the tenant's")
            #expect(platforms == #"<html lang="nl">"#, "the platform's before the browser's")
        }
    }
}
