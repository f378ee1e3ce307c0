import Foundation
import Testing

@testable import RelaisCore

/// Every card the shipped directory can produce: every country × category × age × language
/// × a set of instants (night, noon, late evening, weekend, the country's next two public holidays, both
/// daylight-saving changes of its zone), checked for what the issue asks of a card read by
/// someone who may be in danger: complete texts, distinct actions, every line offered as open
/// open by its own data, and a line to talk to for anyone who may be a minor.
@Suite("Every card, complete and true")
struct CardRenderTests {
    /// The zone a country's instants are taken in: its lines' own zone when one has a
    /// schedule, else the country's main zone.
    static let zones: [String: String] = [
        "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "CY": "Asia/Nicosia", "CZ": "Europe/Prague",
        "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn", "ES": "Europe/Madrid", "FI": "Europe/Helsinki",
        "FR": "Europe/Paris", "GR": "Europe/Athens", "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin",
        "IT": "Europe/Rome", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "LV": "Europe/Riga", "MT": "Europe/Malta",
        "NL": "Europe/Amsterdam", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "SE": "Europe/Stockholm",
        "SI": "Europe/Ljubljana", "SK": "Europe/Bratislava", "IS": "Atlantic/Reykjavik", "LI": "Europe/Vaduz", "NO": "Europe/Oslo",
        "GB": "Europe/London", "CH": "Europe/Zurich", "CA": "America/Toronto", "US": "America/New_York", "AU": "Australia/Sydney",
        "NZ": "Pacific/Auckland",
    ]

    static let directory = Fixture.bundled
    static let categories = ReportCategory.allCases.filter(\.triggersSupport)

    /// The instants for one country, with a label for failure messages.
    static func instants(for country: CountryCode) -> [(String, Date)] {
        let zoneName = directory.helplines(in: country).lazy.flatMap(\.channels).compactMap { $0.hours.schedule?.timeZone.identifier }.first
            ?? zones[country.rawValue] ?? "UTC"
        let zone = TimeZone(identifier: zoneName)!
        // Local wall-clock times of a Wednesday, a Saturday and a Sunday in December 2026.
        func local(_ day: Int64, _ minute: Int) -> Date {
            LocalTime.instant(forLocalSeconds: day * 86_400 + Int64(minute) * 60, in: zone, near: Date(timeIntervalSince1970: TimeInterval(day * 86_400)))
        }
        let wednesday = CivilDate.days(year: 2026, month: 12, day: 2)
        var result: [(String, Date)] = [
            ("Wed 03:00", local(wednesday, 180)), ("Wed 12:00", local(wednesday, 720)), ("Wed 23:30", local(wednesday, 1410)), ("Sat 12:00", local(wednesday + 3, 720)), ("Sun 22:30", local(wednesday + 4, 1350)),
        ]
        // The next two public holidays from 1 December 2026, at noon and in the evening.
        let holidays = directory.holidays(in: country)
        var found = 0
        for day in wednesday...(wednesday + 400) where found < 2 && holidays.contains(day) {
            found += 1
            result.append(("holiday \(day) 12:00", local(day, 720)))
        }
        // Both daylight-saving changes of 2026: a minute before and after, and noon that day.
        var from = Date(timeIntervalSince1970: TimeInterval(CivilDate.days(year: 2026, month: 1, day: 1) * 86_400))
        for _ in 0..<2 {
            guard let change = zone.nextDaylightSavingTimeTransition(after: from),
                change < Date(timeIntervalSince1970: TimeInterval(CivilDate.days(year: 2027, month: 1, day: 1) * 86_400))
            else { break }
            let day = LocalTime(change, in: zone).dayNumber
            result += [("DST-1m", change.addingTimeInterval(-60)), ("DST+1m", change.addingTimeInterval(60)), ("DST noon", local(day, 720))]
            from = change
        }
        return result
    }

    struct Failure: CustomStringConvertible {
        let what: String
        var description: String { what }
    }

    /// The checks on one card; returns the problems found (empty when it is sound).
    static func problems(
        _ card: SupportCard?, country: CountryCode, category: ReportCategory, age: AgeBracket, texts: SupportTexts,
        at: Date, holidays: HolidayDays
    ) -> [String] {
        guard let card else { return ["no card"] }
        var problems: [String] = []
        func checkText(_ text: String, _ field: String) {
            if !text.contains(where: { !$0.isWhitespace }) { problems.append("\(field) is empty") }
            if text.contains("{") || text.contains("}") { problems.append("\(field) has an unfilled slot: \(text)") }
            if text.contains(" .") || text.contains("  ") || text.contains(" ,") || text.hasSuffix(" ") || text.hasPrefix(" ") {
                problems.append("\(field) has a hole: '\(text)'")
            }
        }
        checkText(card.title, "title")
        checkText(card.message, "message")
        if card.locale != texts.language { problems.append("locale \(card.locale)") }
        let lines = card.helplines.compactMap { directory.helpline(id: $0.id) }
        if lines.count != card.helplines.count { problems.append("an entry is not in the directory") }
        if Set(card.helplines.map(\.id)).count != card.helplines.count { problems.append("a line appears twice") }
        let moment = SupportPolicy.Moment(now: at, holidays: holidays, age: age)

        for (entry, line) in zip(card.helplines, lines) {
            checkText(entry.name, "\(entry.id).name")
            checkText(entry.hoursToday, "\(entry.id).hoursToday")
            if let holiday = entry.holiday { checkText(holiday, "\(entry.id).holiday") }
            if let own = line.name.byLanguage[texts.language], own != line.phoneNumber, entry.name != own {
                problems.append("\(entry.id) is not named in \(texts.language)")
            }
            if line.phoneNumber == "112", !entry.name.contains("112") || (texts.language != "fr" && entry.name.contains("Numéro")) {
                problems.append("\(entry.id): 112 named '\(entry.name)' in \(texts.language)")
            }
            // Distinct actions, each true by its own channel's data.
            let uris = entry.actions.map(\.uri)
            if Set(uris).count != uris.count { problems.append("\(entry.id) has two actions for one address") }
            for action in entry.actions {
                checkText(action.label, "\(entry.id).action")
                guard let channel = line.channels.first(where: { SupportPolicy.action(for: $0, texts: texts)?.uri == action.uri }) else {
                    problems.append("\(entry.id): action \(action.uri) has no channel")
                    continue
                }
                let state = channel.hours.state(at: at, holidays: holidays)
                if state == .closed { problems.append("\(entry.id): \(channel.key) is offered but closed") }
                if action.open != state.asBool { problems.append("\(entry.id): \(channel.key) open=\(String(describing: action.open)), its hours say \(state)") }
            }
            // A line called open has a channel open by its own hours.
            if entry.open == true, !line.channels.contains(where: { $0.hours.state(at: at, holidays: holidays) == .open }) {
                problems.append("\(entry.id) is called open but no channel of it is")
            }
            // Closed: nobody answers; only a form, an e-mail or an app may still be offered.
            if entry.open == false, entry.actions.contains(where: \.channel.isConversation) {
                problems.append("\(entry.id) is closed but offers a conversation")
            }
        }

        // Something to do now, or the honest sentence with the number that always answers.
        let usable = card.helplines.contains { !$0.actions.isEmpty }
        if !usable {
            let number = lines.first { $0.roles.contains(.emergency) }?.phoneNumber
            let honest = number.map { texts.noLineOpen.filling(["emergency": TextSlot($0)!]) } ?? texts.noLineOpenWithoutNumber
            if !card.message.hasSuffix(honest) { problems.append("nothing usable and no 'no line is open' sentence") }
        }
        // The country's emergency number is on every card.
        let available = directory.helplines(in: country).filter { $0.verified && ($0.audience?.fits(age) ?? true) }
        if available.contains(where: { $0.roles.contains(.emergency) }), !lines.contains(where: { $0.roles.contains(.emergency) }) {
            problems.append("no emergency number")
        }
        // A possible minor gets a person to talk to wherever the country has one for them.
        if age.mayBeMinor {
            let roles: [HelplineRole] = [.childHelpline, .childProtection, .youthOnlineHarm, .youthWellbeing, .suicidePrevention]
            let talkable = available.filter { line in
                !line.roles.contains(.emergency) && roles.contains(where: line.roles.contains) && moment.canTalk(on: line, openOnly: false)
            }
            if !talkable.isEmpty, !lines.contains(where: { !$0.roles.contains(.emergency) && moment.canTalk(on: $0, openOnly: false) }) {
                problems.append("a possible minor gets nobody to talk to (the country has \(talkable.map(\.id)))")
            }
        }
        return problems
    }

    static let countries: [CountryCode] = DirectoryTests.requiredCountries.map { CountryCode(rawValue: $0)! }

    @Test("every country × category × age × language × instant gives a complete, true card", arguments: countries)
    func everyCard(_ country: CountryCode) {
        let holidays = Self.directory.holidays(in: country)
        var failures: [String] = []
        var cards = 0
        for (label, at) in Self.instants(for: country) {
            for category in Self.categories {
                for age in AgeBracket.allCases {
                    for texts in SupportTexts.all {
                        let request = SupportRequest(
                            tenant: "render", reporterId: nil, country: country, category: category,
                            locale: LanguageTag(texts.language), age: age, surface: nil)
                        let card = SupportPolicy.decide(request, config: .default, directory: Self.directory, now: at)
                        cards += 1
                        for problem in Self.problems(card, country: country, category: category, age: age, texts: texts, at: at, holidays: holidays) {
                            failures.append("\(country) \(category.rawValue) \(age.rawValue) \(texts.language) \(label): \(problem)")
                        }
                    }
                }
            }
        }
        if !failures.isEmpty {
            Issue.record(Comment(rawValue: "\(failures.count) problems in \(cards) cards:\n" + failures.prefix(40).joined(separator: "\n")))
        }
    }

    /// The size the README quotes: countries × categories × ages × languages × instants.
    @Test("the render covers every required country and at least 60,000 cards")
    func size() {
        let instants = Self.countries.map { Self.instants(for: $0).count }.reduce(0, +)
        let cards = instants * Self.categories.count * AgeBracket.allCases.count * SupportTexts.all.count
        #expect(Self.countries.count == 36)
        #expect(cards >= 60_000, "\(cards) cards")
        print("CardRenderTests: \(Self.countries.count) countries, \(instants) country-instants, \(cards) cards")
    }
}
