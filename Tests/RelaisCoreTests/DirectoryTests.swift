import Foundation
import Testing

@testable import RelaisCore

/// The shipped helpline directory, its validator, and the help-card translations.
@Suite struct DirectoryTests {

    // MARK: - The shipped directory

    /// The day the shipped sources are dated against in these tests: the import day, so
    /// that the suite does not start failing on its own a year from now (CI runs
    /// `relais directory validate`, which uses today).
    static let importDay = Fixture.instant("2026-12-02T00:00:00Z")

    @Test func shippedDirectoryDecodesAndHasNoErrors() throws {
        let directory = try HelplineDirectory.bundled()
        let issues = DirectoryValidator.errors(DirectoryValidator.validate(directory, options: .init(today: Self.importDay)))
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
        #expect(directory.helplines.count >= 100)
    }

    @Test func shippedDirectoryJSONValidatesWithoutErrors() throws {
        let url = try #require(Bundle.module.url(forResource: "directory", withExtension: "json"))
        let issues = DirectoryValidator.validate(json: try Data(contentsOf: url), options: .init(today: Self.importDay))
        #expect(DirectoryValidator.errors(issues).isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
    }

    /// The countries the issue names, each with a verified emergency number as data.
    static let requiredCountries =
        "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO GB CH CA US AU NZ"
        .split(separator: " ").map(String.init)

    @Test func everyRequiredCountryHasAVerifiedEmergencyNumber() throws {
        // (And a suicide-prevention line, a line for the young, and a line for adults, below.)
        let directory = try HelplineDirectory.bundled()
        var missing: [String] = []
        for code in Self.requiredCountries {
            let lines = directory.helplines(in: CountryCode(rawValue: code)!)
            if !lines.contains(where: { $0.verified && $0.roles.contains(.emergency) && $0.phoneNumber != nil }) { missing.append(code) }
        }
        // Research sourced one in every country; in the EU and EEA, EU law's 112 fills a gap.
        #expect(missing.isEmpty, "countries without an emergency number: \(missing)")
    }

    /// The issue's list per country: a line for the young (online harm or child helpline), a
    /// suicide-prevention line and a line an adult can use. Countries where research found
    /// none are listed, so that a gap is a decision in this file, not an accident.
    @Test func everyRequiredCountryHasItsLines() throws {
        let directory = try HelplineDirectory.bundled()
        var gaps: [String] = []
        for code in Self.requiredCountries {
            let lines = directory.helplines(in: CountryCode(rawValue: code)!).filter(\.verified)
            func has(_ roles: [HelplineRole]) -> Bool { lines.contains { line in roles.contains(where: line.roles.contains) } }
            if !has([.youthOnlineHarm, .childHelpline]) { gaps.append("\(code): young") }
            if !has([.suicidePrevention]) { gaps.append("\(code): suicide") }
            if !has([.adultSupport, .suicidePrevention]) && !lines.contains(where: { $0.audience?.statesAdults ?? false }) {
                gaps.append("\(code): adults")
            }
        }
        #expect(gaps == Self.knownGaps, "\(gaps)")
    }

    /// Research found no suicide-prevention line with a dated source in these four (their
    /// `gap:` lines in docs/directory-changes.md); their cards for self-harm give the child
    /// helpline to a possible minor, an adult line where there is one, and the emergency number.
    static let knownGaps: [String] = ["BG: suicide", "CY: suicide", "HR: suicide", "RO: suicide"]

    @Test func no112IsInventedOutsideTheEUAndEEA() throws {
        let directory = try HelplineDirectory.bundled()
        for line in directory.helplines where line.sources.contains(where: { $0.url.contains("eur-lex.europa.eu/eli/dir/2018/1972") }) {
            #expect(line.country.isEUOrEEA, "\(line.id) cites EU law outside the EU and EEA")
        }
        #expect(directory.helplines(in: CountryCode(rawValue: "JP")!).isEmpty)
    }

    @Test func everyShippedFactIsBackedAndEverySourceDated() throws {
        let directory = try HelplineDirectory.bundled()
        for line in directory.helplines where line.verified {
            let backed = Set(line.sources.flatMap(\.backs))
            #expect(line.factKeys.allSatisfy { Helpline.isBacked($0, by: backed) }, "\(line.id)")
            #expect(line.sources.allSatisfy { $0.checked.flatMap(DirectoryValidator.day(of:)) != nil }, "\(line.id)")
        }
        for calendar in directory.holidays {
            #expect(calendar.sources.allSatisfy { $0.checked.flatMap(DirectoryValidator.day(of:)) != nil }, "holidays \(calendar.country)")
        }
    }

    @Test func formatOneIsRefusedWithAClearMessage() throws {
        let old = Data(#"{"version": "2026-11-29.2", "helplines": []}"#.utf8)
        #expect(throws: DecodingError.self) { try HelplineDirectory.decode(old) }
        let issues = DirectoryValidator.validate(json: old)
        #expect(issues.map(\.rule) == [.unsupportedFormat])
        #expect(issues.first?.reason.contains("format-1 file") == true)
        #expect(issues.first?.reason.contains("scripts/directory-import") == true)
        let three = DirectoryValidator.validate(json: Data(#"{"format": 3, "version": "x", "helplines": []}"#.utf8))
        #expect(three.first?.reason.hasPrefix("this is format 3;") == true)
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
        #expect(issues.first?.reason == "channel 0 (phone '116 111') hours: ranges overlap: mon 09:00–17:00 and mon 16:00–20:00")
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
        #expect(issues.first?.reason == "channel 0 (phone '116 111') hours: ranges overlap: mon 22:00–10:00 and tue 09:00–17:00")
    }

    @Test func sundayNightRangesWrapToMonday() throws {
        let hours = schedule([(["sun"], "20:00", "08:00"), (["mon"], "07:00", "12:00")])
        let issues = try validate([entry(id: "fr-wrap", hours: hours)])
        #expect(issues.map(\.reason) == ["channel 0 (phone '116 111') hours: ranges overlap: sun 20:00–08:00 and mon 07:00–12:00"])
    }

    @Test func invertedAndEmptyHoursAreReported() throws {
        let zero = schedule([(["mon"], "09:00", "09:00")])
        let never: [String: Any] = ["timeZone": "Europe/Paris", "weekly": [], "publicHolidays": "open"]
        let channelHours = schedule([(["sat"], "10:00", "12:00"), (["sat"], "11:00", "13:00")])
        let issues = try validate([
            entry(id: "fr-zero", hours: zero),
            entry(id: "fr-never", hours: never),
            entry(id: "fr-channel", channels: [["kind": "phone", "value": "3018", "hours": channelHours]]),
        ])
        #expect(issues.map(\.entryId) == ["fr-zero", "fr-never", "fr-channel"])
        #expect(issues.allSatisfy { $0.rule == .badHours })
        #expect(issues[0].reason.contains("opens and closes at the same time"))
        #expect(issues[1].reason.contains("use \"unknown\""))
        #expect(issues[2].reason.hasPrefix("channel 0 (phone '3018') hours: ranges overlap"))
    }

    @Test func entriesWithoutSourcesAreReported() throws {
        let issues = try validate([entry(id: "fr-nosource", sources: [])])
        #expect(issues.first == DirectoryIssue(entryId: "fr-nosource", index: 0, rule: .noSource, reason: "entry has no source; every fact needs one"))
        #expect(issues.dropFirst().map(\.rule) == [.unbackedFact, .unbackedFact], "its name and its phone are unbacked too")
    }

    @Test func entriesWithoutChannelsAreReported() throws {
        let issues = try validate([entry(id: "fr-nochannel", channels: [])])
        #expect(issues.map(\.rule) == [.noChannel])
        #expect(issues.first?.entryId == "fr-nochannel")
    }

    @Test func verifiedEntriesNeedSourceURLs() throws {
        let noURL: [[String: Any]] = [["url": "", "checked": "2026-11-29", "backs": ["name", "phone"]]]
        let issues = try validate([
            entry(id: "fr-verified", verified: true, sources: noURL),
            entry(id: "fr-unverified", verified: false, sources: noURL),
        ])
        #expect(issues.count == 1)
        #expect(issues.first?.entryId == "fr-verified")
        #expect(issues.first?.rule == .sourceWithoutURL)
    }

    @Test func decodeErrorsNameTheEntry() throws {
        let badZone = entry(id: "fr-zone", hours: ["timeZone": "Europe/Atlantis", "weekly": []])
        var badCountry = entry(id: "xx-nowhere")
        badCountry["country"] = "XX"
        let badTime = entry(id: "fr-time", hours: schedule([(["mon"], "9h", "17:00")]))
        let data = try JSONSerialization.data(withJSONObject: [
            "format": 2, "version": "test", "helplines": [entry(id: "fr-ok"), badZone, badCountry, badTime, entry(id: "fr-ok")],
        ])
        let issues = DirectoryValidator.validate(json: data).filter { $0.rule != .noOperatorSource }
        #expect(issues.map(\.index) == [1, 2, 3, 4])
        #expect(issues.map(\.entryId) == ["fr-zone", "xx-nowhere", "fr-time", "fr-ok"])
        #expect(issues.map(\.rule) == [.decodeError, .decodeError, .decodeError, .duplicateId])
        #expect(issues[0].reason == "channels[0].hours.timeZone: unknown IANA time zone 'Europe/Atlantis'")
        #expect(issues[1].reason.contains("'XX' is not an ISO 3166-1 alpha-2 country code"))
        #expect(issues[2].reason.contains("'9h' is not a time"))
        #expect(issues[3].reason == "duplicate id 'fr-ok' (first used by helplines[0])")
        #expect(issues[0].description.hasPrefix("helplines[1] 'fr-zone': [decode_error]"))
    }

    @Test func invalidJSONIsReported() {
        let issues = DirectoryValidator.validate(json: Data("{\"format\": 2, \"version\": ".utf8))
        #expect(issues.map(\.rule) == [.decodeError])
        #expect(issues.first?.entryId == nil)
    }

    // MARK: - Sources (format 2)

    @Test func factsNoSourceNamesAreRefused() throws {
        var free = entry(id: "fr-free")
        free["free"] = true
        free["anonymous"] = false
        let issues = try validate([free])
        #expect(issues.map(\.rule) == [.unbackedFact, .unbackedFact])
        #expect(issues.first?.reason.hasPrefix("fact 'free' is named by no source's 'backs'") == true)
        // A channel's hours need `<key>.hours`; its value alone is not enough.
        let hours = entry(
            id: "fr-hours", channels: [["kind": "phone", "value": "3018", "hours": "always"]],
            sources: [["url": "https://example.org/s", "checked": "2026-11-29", "backs": ["name", "phone"]]])
        #expect(try validate([hours]).map(\.reason) == [
            "fact 'phone.hours' is named by no source's 'backs': add the source that states it, or remove the fact"
        ])
    }

    @Test func sourcesWithoutADateAreRefused() throws {
        let undated = entry(id: "fr-undated", sources: [["url": "https://example.org/s", "backs": ["name", "phone"]]])
        let yearOnly = entry(id: "fr-year", sources: [["url": "https://example.org/s", "checked": "2025", "backs": ["name", "phone"]]])
        let issues = try validate([undated, yearOnly])
        #expect(issues.map(\.rule) == [.undatedSource, .undatedSource])
        #expect(issues.allSatisfy { $0.severity == .error })
        #expect(issues[1].reason.contains("'checked' is '2025', not a date YYYY-MM-DD"))
        // Unverified entries are leads, never shown: the same problem is a warning there.
        let lead = entry(id: "fr-lead", verified: false, sources: [["url": "https://example.org/s", "backs": ["name", "phone"]]])
        #expect(try validate([lead]).map(\.severity) == [.warning])
    }

    @Test func oldSourcesWarnAtTwelveMonthsAndAreRefusedPastTheLimit() throws {
        func dated(_ id: String, _ day: String) -> [String: Any] {
            entry(id: id, sources: [["url": "https://example.org/\(id)", "checked": day, "backs": ["name", "phone"]]])
        }
        let issues = try validate([dated("fr-fresh", "2026-06-01"), dated("fr-aging", "2025-10-01"), dated("fr-stale", "2023-02-13")])
        #expect(issues.map(\.entryId) == ["fr-aging", "fr-stale"])
        #expect(issues.map(\.rule) == [.staleSource, .staleSource])
        #expect(issues.map(\.severity) == [.warning, .error])
        #expect(issues[1].reason.contains("more than 24 months ago"))
        // The limit is configurable; without a day, only presence is checked.
        let data = try JSONSerialization.data(withJSONObject: ["format": 2, "version": "t", "helplines": [dated("fr-aging", "2025-10-01")]])
        let strict = DirectoryValidator.validate(json: data, options: .init(today: Fixture.instant("2026-12-01T00:00:00Z"), maxSourceAgeMonths: 6))
        #expect(strict.filter { $0.rule == .staleSource }.map(\.severity) == [.error])
        #expect(DirectoryValidator.validate(json: data).allSatisfy { $0.rule == .noOperatorSource })
        #expect(try validate([dated("fr-future", "2027-01-01")]).map(\.rule) == [.undatedSource])
    }

    @Test func operatorSourceIsPreferred() throws {
        let copy = entry(id: "fr-copy", sources: [["url": "https://news.example/copy", "checked": "2026-11-29", "operatorOwn": false, "backs": ["name", "phone"]]])
        let own = entry(id: "fr-own", sources: [["url": "https://operator.example", "checked": "2026-11-29", "operatorOwn": true, "backs": ["name", "phone"]]])
        let data = try JSONSerialization.data(withJSONObject: ["format": 2, "version": "t", "helplines": [copy, own]])
        let issues = DirectoryValidator.validate(json: data)
        #expect(issues.map(\.entryId) == ["fr-copy"])
        #expect(issues.map(\.rule) == [.noOperatorSource] && issues.allSatisfy { $0.severity == .warning })
    }

    @Test func namesMustBeNonEmptyWithALanguage() throws {
        var empty = entry(id: "fr-empty")
        empty["name"] = ["fr": " "]
        var none = entry(id: "fr-none")
        none["name"] = [String: String]()
        #expect(try validate([empty, none]).map(\.rule) == [.badName, .badName])
    }

    @Test func twoChannelsWithOneAddressAreAWarningAndTwoOfAKindNeedKeys() throws {
        let same = entry(
            id: "fr-same",
            channels: [["kind": "chat", "value": "https://www.3018.fr"], ["kind": "web", "value": "https://www.3018.fr"]])
        let issues = try validate([same])
        #expect(issues.map(\.rule) == [.duplicateChannel])
        #expect(issues.first?.severity == .warning)
        let twoPhones = entry(id: "fr-two", channels: [["kind": "phone", "value": "3018"], ["kind": "phone", "value": "119"]])
        let keyed = entry(id: "fr-keyed", channels: [["kind": "phone", "value": "3018"], ["kind": "phone", "key": "phone2", "value": "119"]])
        let errors = DirectoryValidator.errors(try validate([twoPhones, keyed]))
        #expect(errors.map(\.entryId) == ["fr-two"])
        #expect(errors.first?.rule == .duplicateChannel)
    }

    @Test func holidayRulesNeedACalendarAndCalendarsNeedDatedSources() throws {
        let closed = entry(id: "fr-closed", hours: schedule([(["mon"], "09:00", "17:00")], holidays: "closed"))
        let warnings = try validate([closed])
        #expect(warnings.map(\.rule) == [.holidaysNotEvaluated])
        #expect(warnings.first?.severity == .warning)
        let calendar: [String: Any] = [
            "country": "FR", "sources": [["url": "https://example.org/h", "checked": "2026-11-29", "backs": ["holidays"]]],
            "holidays": [["key": "christmas", "name": ["fr": "Noël"], "rule": ["fixed": "12-25"]]],
        ]
        #expect(try validate([closed], holidays: [calendar]).isEmpty)
        var undated = calendar
        undated["sources"] = [["url": "https://example.org/h", "backs": ["holidays"]]]
        var twice = calendar
        twice["holidays"] = [["key": "x", "name": ["fr": "X"], "rule": ["fixed": "01-01"]], ["key": "x", "name": ["fr": "X"], "rule": ["fixed": "05-01"]]]
        twice["country"] = "DE"
        let issues = try validate([], holidays: [undated, twice])
        #expect(issues.map(\.rule) == [.undatedSource, .badHolidays])
        #expect(issues.map(\.entryId) == ["holidays FR", "holidays DE"])
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
            ("hoursUnknown", t.hoursUnknown), ("closedPrefixTomorrow", t.closedPrefixTomorrow),
            ("closedPrefixOnDay", t.closedPrefixOnDay), ("smsKeyword", t.smsKeyword),
            ("emergencyWithoutNumber", t.emergencyWithoutNumber), ("noLineOpen", t.noLineOpen),
            ("noLineOpenWithoutNumber", t.noLineOpenWithoutNumber), ("holidayClosed", t.holidayClosed),
            ("holidaySpecial", t.holidaySpecial), ("holidayUnknown", t.holidayUnknown), ("whatsapp", t.whatsapp),
            ("messenger", t.messenger), ("video", t.video), ("europeanEmergency", t.europeanEmergency),
            ("harmonised.missingChildren", t.harmonised.missingChildren), ("harmonised.childHelpline", t.harmonised.childHelpline),
            ("harmonised.emotionalSupport", t.harmonised.emotionalSupport), ("harmonised.victims", t.harmonised.victims),
            ("harmonisedName", t.harmonisedName), ("harmonisedNumber", t.harmonisedNumber),
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

    /// A format-2 entry whose facts are all backed by one dated source (unless `sources` is
    /// given); `hours` become the first channel's.
    private func entry(
        id: String, country: String? = nil, emergency: Bool = false, channels: [[String: Any]]? = nil,
        hours: [String: Any]? = nil, verified: Bool = true, sources: [[String: Any]]? = nil
    ) -> [String: Any] {
        var channels = (channels ?? [["kind": "phone", "value": "116 111"]]).map { channel -> [String: Any] in
            var channel = channel
            if channel["hours"] == nil { channel["hours"] = "unknown" }
            return channel
        }
        if let hours, !channels.isEmpty { channels[0]["hours"] = hours }
        var backs = ["name"]
        for channel in channels {
            let key = channel["key"] as? String ?? channel["kind"] as! String
            backs.append(key)
            if (channel["hours"] as? String) != "unknown" { backs.append(key + ".hours") }
        }
        return [
            "id": id, "country": country ?? String(id.prefix(2)).uppercased(), "name": ["fr": "Line \(id)"],
            "roles": ["child_helpline"], "topics": [], "languages": [], "emergency": emergency, "verified": verified,
            "channels": channels,
            "sources": sources ?? [["url": "https://example.org/source", "checked": "2026-11-29", "operatorOwn": true, "backs": backs]],
        ]
    }

    private func schedule(_ ranges: [([String], String, String)], holidays: String = "open") -> [String: Any] {
        ["timeZone": "Europe/Paris", "weekly": ranges.map { ["days": $0.0, "open": $0.1, "close": $0.2] }, "publicHolidays": holidays]
    }

    private func validate(_ entries: [[String: Any]]) throws -> [DirectoryIssue] {
        try validate(entries, holidays: [])
    }

    private func validate(_ entries: [[String: Any]], holidays: [[String: Any]], today: String? = "2026-12-01T00:00:00Z") throws -> [DirectoryIssue] {
        let data = try JSONSerialization.data(withJSONObject: ["format": 2, "version": "test", "holidays": holidays, "helplines": entries])
        let directory = try HelplineDirectory.decode(data)
        let options = DirectoryValidator.Options(today: today.map(Fixture.instant))
        // The fixtures' sources are made up: the warning that none is the operator's own page
        // is tested on its own (operatorSourceIsPreferred).
        let issues = DirectoryValidator.validate(directory, options: options).filter { $0.rule != .noOperatorSource }
        #expect(DirectoryValidator.validate(json: data, options: options).filter { $0.rule != .noOperatorSource } == issues, "the JSON entry point must agree")
        return issues
    }
}

@Suite("Tenant overrides")
struct HelplineOverridesTests {
    @Test func overridesAddHideAndReorder() throws {
        let base = Fixture.policy
        let fr = CountryCode(rawValue: "FR")!
        let moved = base.applying(HelplineOverrides(hide: ["fr-114"], order: ["fr-3114", "fr-119"]))
        #expect(moved.helplines(in: fr).map(\.id) == ["fr-3114", "fr-119", "fr-3018", "fr-17", "fr-112", "fr-fil-sante-jeunes"])
        #expect(moved.version == base.version)
        #expect(moved.holidays == base.holidays, "a tenant's view keeps the holidays")
        #expect(base.applying(HelplineOverrides()) == base)
    }
}
