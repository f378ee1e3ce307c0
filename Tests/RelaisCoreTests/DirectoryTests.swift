import Foundation
import Testing

@testable import RelaisCore

/// The shipped helpline directory, its validator, and the help-card translations.
@Suite struct DirectoryTests {

    // MARK: - The shipped directory

    @Test func shippedDirectoryDecodesAndHasNoIssues() throws {
        let directory = try HelplineDirectory.bundled()
        #expect(directory.version == "2026-11-29.2")
        #expect(directory.helplines.count == 61)
        let issues = DirectoryValidator.validate(directory)
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
    }

    @Test func shippedDirectoryJSONValidatesWithoutDecodeErrors() throws {
        let url = try #require(Bundle.module.url(forResource: "directory", withExtension: "json"))
        let issues = DirectoryValidator.validate(json: try Data(contentsOf: url))
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
    }

    @Test func franceKeepsItsSevenEntriesFirst() throws {
        let directory = try HelplineDirectory.bundled()
        #expect(directory.helplines.prefix(7).map(\.id) == [
            "fr-3018", "fr-119", "fr-3114", "fr-17", "fr-112", "fr-114", "fr-fil-sante-jeunes",
        ])
        #expect(directory.helplines(in: CountryCode(rawValue: "FR")!).count == 7)
    }

    @Test func everyResearchedCountryHasAVerifiedEntry() throws {
        let research = try Research.load()
        let directory = try HelplineDirectory.bundled()
        let countries = Set(research.map(\.country))
        #expect(countries.count == 34)
        // The file covers the researched countries; 112 is added for EU and EEA countries
        // without an entry of their own (IS and LI here).
        #expect(Set(directory.helplines.map(\.country.rawValue)) == countries)
        #expect(Set(directory.countries.map(\.rawValue)) == countries.union(["IS", "LI"]))
        for country in countries.sorted() {
            let lines = directory.helplines(in: CountryCode(rawValue: country)!)
            #expect(lines.contains { $0.verified }, "\(country) has no verified entry")
        }
    }

    @Test func unconfirmedResearchStaysUnverified() throws {
        let directory = try HelplineDirectory.bundled()
        let unverified = directory.helplines.filter { !$0.verified }.map(\.id).sorted()
        #expect(unverified == [
            "be-awel-102", "be-ecoute-enfants-103", "cy-116111", "lu-bee-secure-helpline",
            "no-alarmtelefonen-116111", "ro-ctrl-ajutor",
        ])
    }

    /// Every phone and SMS value must be printed, as is, in the research's phone or SMS field
    /// of an entry of the same country: no number that no source backs.
    @Test func everyNumberComesFromTheResearch() throws {
        let research = try Research.load()
        let directory = try HelplineDirectory.bundled()
        for line in directory.helplines {
            let printed = research.filter { $0.country == line.country.rawValue }.flatMap { [$0.phone, $0.sms].compactMap { $0 } }
            for channel in line.channels where channel.kind == .phone || channel.kind == .sms {
                #expect(
                    printed.contains { $0.contains(channel.value) },
                    "\(line.id): \(channel.kind.rawValue) '\(channel.value)' is not in helplines-research.json for \(line.country)")
            }
        }
    }

    @Test func noEmergencyNumberIsAddedBeyondTheResearch() throws {
        let directory = try HelplineDirectory.bundled()
        let emergencyLines = directory.helplines.filter { $0.emergency || $0.roles.contains(.emergency) }
        #expect(Set(emergencyLines.map(\.id)) == ["fr-17", "fr-112", "fr-114"])
    }

    // MARK: - One test per validation rule

    @Test func duplicateIdsAreReported() throws {
        let issues = try validate([entry(id: "fr-a"), entry(id: "fr-a")])
        #expect(issues == [
            DirectoryIssue(entryId: "fr-a", index: 1, rule: .duplicateId, reason: "duplicate id 'fr-a' (first used by helplines[0])")
        ])
    }

    @Test func idPrefixMustMatchCountry() throws {
        let issues = try validate([entry(id: "de-nummer", country: "AT"), entry(id: "at-Upper", country: "AT")])
        #expect(issues.map(\.entryId) == ["de-nummer", "at-Upper"])
        #expect(issues.allSatisfy { $0.rule == .badId })
        #expect(issues[0].reason == "id 'de-nummer' must start with 'at-' for country AT")
    }

    @Test func implausibleNumbersAreReported() throws {
        let issues = try validate([
            entry(id: "fr-letters", channels: [["kind": "phone", "value": "0508 NETSAFE"]]),
            entry(id: "fr-wrong-code", channels: [["kind": "phone", "value": "+32 2 123 45 67"]]),
            entry(id: "fr-two-digits", channels: [["kind": "sms", "value": "17"]]),
            entry(id: "fr-too-long", channels: [["kind": "phone", "value": "0123 4567 8901 2345"]]),
            entry(id: "fr-plus-inside", channels: [["kind": "phone", "value": "33+1 23"]]),
        ])
        #expect(issues.map(\.entryId) == ["fr-letters", "fr-wrong-code", "fr-two-digits", "fr-too-long", "fr-plus-inside"])
        #expect(issues.allSatisfy { $0.rule == .implausibleNumber })
        #expect(issues[0].reason.contains("character 'N' is not allowed"))
        #expect(issues[1].reason.contains("must start with +33 for FR"))
        #expect(issues[2].reason.contains("2 digits"))
    }

    @Test func plausibleNumbersPass() throws {
        let issues = try validate([
            entry(id: "fr-short", channels: [["kind": "phone", "value": "3018"], ["kind": "sms", "value": "114"]]),
            entry(id: "fr-intl", channels: [["kind": "phone", "value": "+33 1 23 45 67 89"]]),
            entry(id: "fr-national", channels: [["kind": "phone", "value": "0 800 235 236"]]),
            entry(id: "fr-emergency", emergency: true, channels: [["kind": "phone", "value": "17"]]),
            entry(id: "us-nanp", country: "US", channels: [["kind": "phone", "value": "1-800-422-4453"]]),
        ])
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test func nonHTTPSLinksAreReported() throws {
        let issues = try validate([
            entry(id: "fr-http", channels: [["kind": "web", "value": "http://www.3018.fr"]]),
            entry(id: "fr-nohost", channels: [["kind": "chat", "value": "3018.fr"]]),
        ])
        #expect(issues.map(\.entryId) == ["fr-http", "fr-nohost"])
        #expect(issues.allSatisfy { $0.rule == .insecureLink })
        #expect(issues[0].reason == "channel 0 (web 'http://www.3018.fr'): not an https URL with a host")
    }

    @Test func badEmailsAreReported() throws {
        let issues = try validate([entry(id: "fr-mail", channels: [["kind": "email", "value": "mailto:someone"]])])
        #expect(issues.map(\.rule) == [.badEmail])
        #expect(issues.first?.entryId == "fr-mail")
    }

    @Test func overlappingHoursOnTheSameDayAreReported() throws {
        let hours = schedule([(["mon"], "09:00", "17:00"), (["mon", "tue"], "16:00", "20:00")])
        let issues = try validate([entry(id: "fr-overlap", hours: hours)])
        #expect(issues.map(\.rule) == [.badHours])
        #expect(issues.first?.entryId == "fr-overlap")
        #expect(issues.first?.reason == "hours: ranges overlap: mon 09:00–17:00 and mon 16:00–20:00")
    }

    @Test func rangesPastMidnightMustNotOverlapTheNextDay() throws {
        // 22:00–10:00 on Monday runs into Tuesday's 09:00 opening.
        let bad = schedule([(["mon"], "22:00", "10:00"), (["tue"], "09:00", "17:00")])
        // 22:00–02:00 every day, then 09:00–17:00: past midnight on purpose, no overlap.
        let good = schedule([(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "22:00", "02:00"), (["mon"], "09:00", "17:00")])
        let issues = try validate([entry(id: "fr-night", hours: bad), entry(id: "fr-late", hours: good)])
        #expect(issues.count == 1)
        #expect(issues.first?.entryId == "fr-night")
        #expect(issues.first?.rule == .badHours)
        #expect(issues.first?.reason == "hours: ranges overlap: mon 22:00–10:00 and tue 09:00–17:00")
    }

    @Test func sundayNightRangesWrapToMonday() throws {
        let hours = schedule([(["sun"], "20:00", "08:00"), (["mon"], "07:00", "12:00")])
        let issues = try validate([entry(id: "fr-wrap", hours: hours)])
        #expect(issues.map(\.reason) == ["hours: ranges overlap: sun 20:00–08:00 and mon 07:00–12:00"])
    }

    @Test func invertedAndEmptyHoursAreReported() throws {
        let zero = schedule([(["mon"], "09:00", "09:00")])
        let never: [String: Any] = ["timeZone": "Europe/Paris", "alwaysOpen": false, "weekly": []]
        let channelHours = schedule([(["sat"], "10:00", "12:00"), (["sat"], "11:00", "13:00")])
        let issues = try validate([
            entry(id: "fr-zero", hours: zero),
            entry(id: "fr-never", hours: never),
            entry(id: "fr-channel", channels: [["kind": "phone", "value": "3018", "hours": channelHours]]),
        ])
        #expect(issues.map(\.entryId) == ["fr-zero", "fr-never", "fr-channel"])
        #expect(issues.allSatisfy { $0.rule == .badHours })
        #expect(issues[0].reason.contains("opens and closes at the same time"))
        #expect(issues[1].reason.contains("use null hours"))
        #expect(issues[2].reason.hasPrefix("channel 0 (phone '3018') hours: ranges overlap"))
    }

    @Test func entriesWithoutSourcesAreReported() throws {
        let issues = try validate([entry(id: "fr-nosource", sources: [])])
        #expect(issues == [
            DirectoryIssue(entryId: "fr-nosource", index: 0, rule: .noSource, reason: "entry has no source; every fact needs one")
        ])
    }

    @Test func entriesWithoutChannelsAreReported() throws {
        let issues = try validate([entry(id: "fr-nochannel", channels: [])])
        #expect(issues.map(\.rule) == [.noChannel])
        #expect(issues.first?.entryId == "fr-nochannel")
    }

    @Test func verifiedEntriesNeedSourceURLs() throws {
        let noURL: [[String: Any]] = [["url": "", "backs": "background knowledge"]]
        let issues = try validate([
            entry(id: "fr-verified", verified: true, sources: noURL),
            entry(id: "fr-unverified", verified: false, sources: noURL),
        ])
        #expect(issues.count == 1)
        #expect(issues.first?.entryId == "fr-verified")
        #expect(issues.first?.rule == .sourceWithoutURL)
    }

    @Test func decodeErrorsNameTheEntry() throws {
        var badZone = entry(id: "fr-zone")
        badZone["hours"] = ["timeZone": "Europe/Atlantis", "alwaysOpen": true]
        var badCountry = entry(id: "xx-nowhere")
        badCountry["country"] = "XX"
        var badTime = entry(id: "fr-time")
        badTime["hours"] = schedule([(["mon"], "9h", "17:00")])
        let data = try JSONSerialization.data(withJSONObject: [
            "version": "test", "helplines": [entry(id: "fr-ok"), badZone, badCountry, badTime, entry(id: "fr-ok")],
        ])
        let issues = DirectoryValidator.validate(json: data)
        #expect(issues.map(\.index) == [1, 2, 3, 4])
        #expect(issues.map(\.entryId) == ["fr-zone", "xx-nowhere", "fr-time", "fr-ok"])
        #expect(issues.map(\.rule) == [.decodeError, .decodeError, .decodeError, .duplicateId])
        #expect(issues[0].reason == "hours.timeZone: unknown IANA time zone 'Europe/Atlantis'")
        #expect(issues[1].reason.contains("'XX' is not an ISO 3166-1 alpha-2 country code"))
        #expect(issues[2].reason.contains("'9h' is not a time"))
        #expect(issues[3].reason == "duplicate id 'fr-ok' (first used by helplines[0])")
        #expect(issues[0].description.hasPrefix("helplines[1] 'fr-zone': [decode_error]"))
    }

    @Test func invalidJSONIsReported() {
        let issues = DirectoryValidator.validate(json: Data("{\"version\": ".utf8))
        #expect(issues.map(\.rule) == [.decodeError])
        #expect(issues.first?.entryId == nil)
    }

    // MARK: - Translations

    @Test func everyLanguageHasEveryTextWithEnglishPlaceholders() {
        let english = texts(SupportTexts.english)
        #expect(Set(SupportTexts.all.map(\.language)) == ["fr", "en", "de", "es", "it", "nl"])
        for language in SupportTexts.all {
            let fields = texts(language)
            #expect(fields.count == english.count)
            for ((name, text), (_, reference)) in zip(fields, english) {
                #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(language.language).\(name) is empty")
                #expect(
                    placeholders(text) == placeholders(reference),
                    "\(language.language).\(name): \(placeholders(text)) ≠ \(placeholders(reference))")
            }
        }
    }

    @Test func languageTagsPickTheirTexts() {
        for code in ["de", "es", "it", "nl"] {
            #expect(SupportTexts.forLanguage(LanguageTag(code + "-XX")).language == code)
        }
    }

    // MARK: - Helpers

    private func texts(_ t: SupportTexts) -> [(String, String)] {
        [
            ("titles.standard", t.titles.standard), ("titles.emergencyFirst", t.titles.emergencyFirst),
            ("titles.suicidePrevention", t.titles.suicidePrevention), ("titles.childProtection", t.titles.childProtection),
            ("messages.standard", t.messages.standard), ("messages.emergencyFirst", t.messages.emergencyFirst),
            ("messages.suicidePrevention", t.messages.suicidePrevention), ("messages.childProtection", t.messages.childProtection),
            ("closedPrefix", t.closedPrefix), ("call", t.call), ("sms", t.sms), ("chat", t.chat), ("website", t.website),
            ("app", t.app), ("email", t.email), ("alwaysOpen", t.alwaysOpen), ("closedToday", t.closedToday),
            ("hoursUnknown", t.hoursUnknown),
        ]
    }

    private func placeholders(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found.sorted()
    }

    private func entry(
        id: String, country: String? = nil, emergency: Bool = false, channels: [[String: Any]]? = nil,
        hours: [String: Any]? = nil, verified: Bool = true, sources: [[String: Any]]? = nil
    ) -> [String: Any] {
        var e: [String: Any] = [
            "id": id, "country": country ?? String(id.prefix(2)).uppercased(), "name": "Line \(id)",
            "roles": ["child_helpline"], "topics": [], "languages": [], "emergency": emergency, "verified": verified,
            "channels": channels ?? [["kind": "phone", "value": "116 111"]],
            "sources": sources ?? [["url": "https://example.org/source", "backs": "everything"]],
        ]
        if let hours { e["hours"] = hours }
        return e
    }

    private func schedule(_ ranges: [([String], String, String)]) -> [String: Any] {
        ["timeZone": "Europe/Paris", "weekly": ranges.map { ["days": $0.0, "open": $0.1, "close": $0.2] }]
    }

    private func validate(_ entries: [[String: Any]]) throws -> [DirectoryIssue] {
        let data = try JSONSerialization.data(withJSONObject: ["version": "test", "helplines": entries])
        let directory = try HelplineDirectory.decode(data)
        let issues = DirectoryValidator.validate(directory)
        #expect(DirectoryValidator.validate(json: data) == issues, "the JSON entry point must agree")
        return issues
    }
}

/// `helplines-research.json`, read from Tests/Fixtures/reference/ (a copy of the research).
private struct Research: Decodable {
    var country: String
    var phone: String?
    var sms: String?

    static func load(filePath: String = #filePath) throws -> [Research] {
        // Tests/RelaisCoreTests/DirectoryTests.swift → Tests/Fixtures/reference/
        let tests = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        let url = tests.appendingPathComponent("Fixtures/reference/helplines-research.json")
        try #require(
            FileManager.default.fileExists(atPath: url.path),
            "helplines-research.json is missing at \(url.path): the directory tests compare the shipped directory with it and cannot run without it")
        return try JSONDecoder().decode([Research].self, from: Data(contentsOf: url))
    }
}

@Suite("112 where EU law guarantees it")
struct EuropeanEmergencyNumberTests {
    @Test func everyEUAndEEACountryWithoutAnEmergencyLineGets112() throws {
        let directory = try HelplineDirectory.bundled()
        for code in CountryCode.euAndEEA.sorted() {
            let country = CountryCode(rawValue: code)!
            let emergency = directory.helplines(in: country).filter { $0.roles.contains(.emergency) }
            #expect(emergency.count >= 1, "\(code) has no emergency line")
            let own = directory.helplines.filter { $0.country == country && $0.roles.contains(.emergency) }
            if own.isEmpty {
                let line = try #require(emergency.first)
                #expect(line.id == code.lowercased() + "-112")
                #expect(line.channels.map(\.value) == ["112"] && line.free == true && line.verified && line.emergency)
                #expect(line.sources.map(\.url) == ["https://eur-lex.europa.eu/eli/dir/2018/1972/oj"])
            } else {
                #expect(!directory.generated.contains { $0.country == country }, "\(code) keeps its own emergency line only")
            }
        }
        // Outside the EU and EEA nothing is invented.
        for code in ["US", "GB", "CH", "CA", "AU", "NZ", "JP"] {
            #expect(!directory.helplines(in: CountryCode(rawValue: code)!).contains { $0.channels.contains { $0.value == "112" } })
        }
        #expect(directory.helplines(in: CountryCode(rawValue: "JP")!).isEmpty)
        #expect(DirectoryValidator.validate(HelplineDirectory(version: "g", helplines: directory.generated)).isEmpty)
    }

    @Test func overridesAddHideAndReorder() throws {
        let base = try HelplineDirectory.bundled()
        let fr = CountryCode(rawValue: "FR")!
        let moved = base.applying(HelplineOverrides(hide: ["fr-114"], order: ["fr-3114", "fr-119"]))
        #expect(moved.helplines(in: fr).map(\.id) == ["fr-3114", "fr-119", "fr-3018", "fr-17", "fr-112", "fr-fil-sante-jeunes"])
        #expect(moved.version == base.version)
        #expect(base.applying(HelplineOverrides()) == base)
    }
}
