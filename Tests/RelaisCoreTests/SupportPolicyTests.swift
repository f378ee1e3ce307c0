import Foundation
import Testing

@testable import RelaisCore

/// The help-card rules, case by case: every category × country × age × open/closed × language,
/// against expectations written out here independently of the policy's code.
@Suite("Help-card policy")
struct SupportPolicyTests {

    // MARK: - The matrix

    enum Moment: String, Sendable, CaseIterable {
        /// Sunday 29 November 2026, 15:00 Paris: the 3018 is open.
        case open1500
        /// 23:30 the same evening: closed until Monday 09:00.
        case closed2330
        /// 08:59 that morning: closed until 09:00.
        case closed0859

        var instant: Date {
            switch self {
            case .open1500: Fixture.instant("2026-11-29T15:00:00+01:00")
            case .closed2330: Fixture.instant("2026-11-29T23:30:00+01:00")
            case .closed0859: Fixture.instant("2026-11-29T08:59:00+01:00")
            }
        }
        var is3018Open: Bool { self == .open1500 }
        var opensAt3018: String? {
            switch self {
            case .open1500: nil
            case .closed2330: "2026-11-30T09:00:00+01:00"
            case .closed0859: "2026-11-29T09:00:00+01:00"
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let category: ReportCategory
        let country: String
        let age: AgeBracket
        let moment: Moment
        let locale: String
        var testDescription: String { "\(category.rawValue) \(country) age=\(age.rawValue) \(moment.rawValue) \(locale)" }
        /// The language the card must be in.
        var language: String { locale.hasPrefix("fr") ? "fr" : "en" }
    }

    static let countries = ["FR", "DE", "US"]
    static let locales = ["fr-FR", "en-GB", "ja"]

    static let matrix: [Case] = ReportCategory.allCases.flatMap { category in
        countries.flatMap { country in
            AgeBracket.allCases.flatMap { age in
                Moment.allCases.flatMap { moment in
                    locales.map { Case(category: category, country: country, age: age, moment: moment, locale: $0) }
                }
            }
        }
    }

    /// Who may be a minor, written out rather than read from `AgeBracket.mayBeMinor`.
    static let possibleMinors: Set<AgeBracket> = [.under13, .teen, .unknown]

    /// The expected helplines, in order; `nil` for no card.
    static func expectedIds(_ c: Case) -> [String]? {
        let minor = possibleMinors.contains(c.age)
        if [.scam, .spam, .other].contains(c.category) { return nil }
        switch c.country {
        case "DE":
            // Only the child helpline 116 111 (Mon–Sat 14:00–20:00, so closed all Sunday) and
            // the 112 that EU law guarantees. Adults get 112 alone, except for grooming,
            // where the child line is the right answer for a worried adult too.
            let childLine = "de-nummer-gegen-kummer-116111"
            switch c.category {
            case .threat: return minor ? ["de-112", childLine] : ["de-112"]
            case .grooming: return [childLine, "de-112"]
            default: return minor ? [childLine, "de-112"] : ["de-112"]
            }
        case "US":
            // No national youth cyber-harassment line and no emergency number in the data:
            // Boys Town for a possible minor, 988 for self-harm, Childhelp for grooming.
            switch c.category {
            case .selfHarm: return ["us-988"]
            case .grooming: return ["us-childhelp"]
            default: return minor ? ["us-boys-town"] : nil
            }
        default: break
        }
        let open = c.moment.is3018Open
        // When the 3018 is closed, a reporter who may be a minor gets the 24/7 119 first.
        let youth = open ? ["fr-3018"] : (minor ? ["fr-119", "fr-3018"] : ["fr-3018"])
        switch c.category {
        case .scam, .spam, .other: return nil
        case .harassment, .hate, .intimateImages, .sextortion, .doxxing, .impersonation:
            // The emergency line with the category among its topics: 112 (17 is for threats).
            return youth + ["fr-112"]
        case .threat: return ["fr-17"] + youth
        case .selfHarm: return ["fr-3114", "fr-112"]
        case .grooming: return ["fr-119", "fr-3018", "fr-112"]
        }
    }

    static let titles: [String: [ReportCategory: String]] = {
        let fr = ("Vous n’êtes pas seul·e", "Si vous êtes en danger", "Vous comptez", "Ce n’est pas de votre faute")
        let en = ("You’re not alone", "If you are in danger", "You matter", "It’s not your fault")
        func table(_ t: (String, String, String, String)) -> [ReportCategory: String] {
            var result: [ReportCategory: String] = [:]
            for category in ReportCategory.allCases {
                switch category {
                case .threat: result[category] = t.1
                case .selfHarm: result[category] = t.2
                case .grooming: result[category] = t.3
                case .scam, .spam, .other: break
                default: result[category] = t.0
                }
            }
            return result
        }
        return ["fr": table(fr), "en": table(en)]
    }()

    /// At 08:59 the 3018 opens the same day; at 23:30, the next day.
    static func closedPrefix(_ language: String, _ moment: Moment) -> String {
        switch (language, moment) {
        case ("fr", .closed2330): "3018 est fermé pour le moment et rouvre demain à 09:00."
        case ("fr", _): "3018 est fermé pour le moment et rouvre à 09:00."
        case (_, .closed2330): "3018 is closed right now and opens again tomorrow at 09:00."
        default: "3018 is closed right now and opens again at 09:00."
        }
    }
    static let alwaysOpenText = ["fr": "24 h/24, 7 j/7", "en": "Open 24/7"]
    static let call3018 = ["fr": "Appeler le 3018", "en": "Call 3018"]

    static func request(
        _ category: ReportCategory, country: String = "FR", age: AgeBracket = .teen, locale: String? = "fr-FR",
        surface: String? = nil, reporter: String? = "reporter-1", tenant: String = "acme"
    ) -> SupportRequest {
        SupportRequest(
            tenant: tenant, reporterId: reporter, country: CountryCode(rawValue: country)!, category: category,
            locale: locale.flatMap(LanguageTag.init), age: age, surface: surface)
    }

    @Test("help card for every category × country × age × open/closed × language", arguments: matrix)
    func matrixCase(_ c: Case) throws {
        let directory = Fixture.policy
        let card = SupportPolicy.decide(
            Self.request(c.category, country: c.country, age: c.age, locale: c.locale),
            config: .default, directory: directory, now: c.moment.instant)

        guard let expected = Self.expectedIds(c) else {
            #expect(card == nil)
            return
        }
        let shown = try #require(card)
        let ids = shown.helplines.map(\.id)
        #expect(ids == expected)
        guard c.country == "FR" else {
            // Elsewhere: the language, no duplicates, and the emergency wording when 112 is
            // the only line the card can honestly give.
            #expect(shown.locale == c.language)
            #expect(Set(ids).count == ids.count)
            let emergencyOnly = shown.helplines.allSatisfy(\.emergency)
            let titleKind: ReportCategory = emergencyOnly ? .threat : c.category
            #expect(shown.title == Self.titles[c.language]?[titleKind])
            for entry in shown.helplines where entry.id.hasSuffix("-112") {
                #expect(entry.actions == [SupportCard.Action(kind: .call, uri: "tel:112", label: c.language == "fr" ? "Appeler le 112" : "Call 112", open: true, channel: .phone)])
                #expect(entry.open == true && entry.free == true && entry.emergency)
            }
            return
        }

        // Card-level facts.
        #expect(Set(ids).count == ids.count, "a helpline appears twice")
        #expect(shown.locale == c.language)
        #expect(shown.presentation == .both)
        #expect(shown.directoryVersion == directory.version)
        #expect(shown.title == Self.titles[c.language]?[c.category])
        #expect(!shown.title.isEmpty && !shown.message.isEmpty)
        #expect(!shown.title.contains("{") && !shown.message.contains("{"))
        let urgency = try #require(c.category.supportUrgency)
        let texts = c.language == "fr" ? SupportTexts.french : SupportTexts.english
        // Nobody answers on any line of the card (an adult at night): the card says so and
        // gives the emergency number; otherwise the category's message.
        let emergencyNumber = TextSlot(c.category == .threat ? "17" : "112")!
        let helplinesClosed = shown.helplines.filter { !$0.emergency }.allSatisfy { $0.open == false }
        let expectedMessage = helplinesClosed
            ? texts.noLineOpen.filling(["emergency": emergencyNumber])
            : texts.message(for: urgency).filling(["emergency": emergencyNumber])
        #expect(helplinesClosed == (!c.moment.is3018Open && !Self.possibleMinors.contains(c.age) && c.category != .selfHarm && c.category != .grooming))
        #expect(shown.message.hasSuffix(expectedMessage))
        if c.category == .threat || helplinesClosed {
            #expect(shown.message.contains(c.language == "fr" ? "appelez le \(emergencyNumber.text)." : "call \(emergencyNumber.text)."))
        }
        // The message says when the 3018 is closed and when it opens again.
        let closedPrefix = Self.closedPrefix(c.language, c.moment)
        let mentionsClosed = ids.contains("fr-3018") && !c.moment.is3018Open
        #expect(shown.message.hasPrefix(closedPrefix) == mentionsClosed)

        // Emergency lines: first for threats, otherwise last.
        let emergencyIds: Set<String> = ["fr-17", "fr-112"]
        if c.category == .threat {
            #expect(ids.first == "fr-17")
            #expect(shown.helplines.dropFirst().allSatisfy { !$0.emergency })
        } else {
            #expect(ids.last.map(emergencyIds.contains) == true)
            #expect(shown.helplines.dropLast().allSatisfy { !$0.emergency })
        }
        // When the 3018 is closed: the 119 first (after the emergency line for threats) for a
        // possible minor, never added for an adult.
        let nonEmergency = ids.filter { !emergencyIds.contains($0) }
        if !c.moment.is3018Open, c.category.isHarassmentFamily {
            if Self.possibleMinors.contains(c.age) {
                #expect(nonEmergency.first == "fr-119")
            } else {
                #expect(!ids.contains("fr-119"))
            }
        }

        // Entries.
        for entry in shown.helplines {
            let line = try #require(directory.helpline(id: entry.id))
            #expect(entry.name == SupportPolicy.name(of: line, texts: texts))
            #expect(entry.organisation == line.organisation)
            #expect(entry.free == line.free && entry.anonymous == line.anonymous && entry.confidential == line.confidential)
            #expect(entry.emergency == emergencyIds.contains(entry.id))
            if entry.id == "fr-3018" {
                #expect(entry.open == c.moment.is3018Open)
                #expect(entry.opensAt == c.moment.opensAt3018)
                #expect(entry.hoursToday == "09:00–23:00")
                #expect(entry.free == true && entry.anonymous == true && entry.confidential == true)
                // A closed line offers no action: its channels are closed too.
                let calls = entry.actions.filter { $0.kind == .call }
                let call = SupportCard.Action(kind: .call, uri: "tel:3018", label: Self.call3018[c.language]!, open: true, channel: .phone)
                #expect(calls == (c.moment.is3018Open ? [call] : []))
            } else {
                #expect(entry.open == true)
                #expect(entry.opensAt == nil)
                #expect(entry.hoursToday == Self.alwaysOpenText[c.language])
            }
            #expect(entry.actions.isEmpty == (entry.open == false))
            for action in entry.actions {
                #expect(["tel:", "sms:", "https:", "mailto:"].contains { action.uri.hasPrefix($0) }, "\(action.uri)")
                #expect(!action.label.isEmpty && !action.label.contains("{"))
            }
            // Presentation `both` keeps one action per address of a channel not closed.
            let addresses = Set(line.channels.compactMap { SupportPolicy.action(for: $0, texts: texts)?.uri })
            #expect(entry.actions.count == (entry.open == false ? 0 : addresses.count))
        }
    }

    @Test("the matrix is large and covers cards and no-cards")
    func matrixSize() {
        #expect(Self.matrix.count == 12 * 3 * 4 * 3 * 3)
        // FR and DE: every triggering category for every age (DE adults get 112); US: every
        // triggering category for possible minors, self-harm and grooming for adults.
        #expect(Self.matrix.filter { Self.expectedIds($0) != nil }.count == (9 * 4 + 9 * 4 + (9 * 3 + 2)) * 3 * 3)
    }

    // MARK: - Presentation per surface

    /// Exact actions per helpline and presentation, in English.
    static let expectedActions: [String: [SupportCard.Presentation: [SupportCard.Action]]] = {
        func open(_ kind: SupportCard.Action.Kind, _ uri: String, _ label: String, _ channel: Helpline.Channel.Kind) -> SupportCard.Action {
            SupportCard.Action(kind: kind, uri: uri, label: label, open: true, channel: channel)
        }
        let call3018 = open(.call, "tel:3018", "Call 3018", .phone)
        let chat3018 = open(.chat, "https://www.3018.fr", "Chat online", .chat)
        let call119 = open(.call, "tel:119", "Call 119", .phone)
        let chat119 = open(.chat, "https://www.allo119.gouv.fr", "Chat online", .chat)
        let call3114 = open(.call, "tel:3114", "Call 3114", .phone)
        let web3114 = open(.link, "https://3114.fr", "Website: 3114.fr", .web)
        let call17 = open(.call, "tel:17", "Call 17", .phone)
        let call112 = open(.call, "tel:112", "Call 112", .phone)
        return [
            // The 3018's chat and website open the same page: one action, the chat. Closed,
            // the 3018 offers none (`closed` below).
            "fr-3018": [.both: [call3018, chat3018], .callButton: [call3018], .link: [chat3018]],
            "fr-119": [.both: [call119, chat119], .callButton: [call119], .link: [chat119]],
            "fr-3114": [.both: [call3114, web3114], .callButton: [call3114], .link: [web3114]],
            // Phone-only lines keep their call on a link surface: a line nobody can reach helps nobody.
            "fr-17": [.both: [call17], .callButton: [call17], .link: [call17]],
            "fr-112": [.both: [call112], .callButton: [call112], .link: [call112]],
        ]
    }()

    static let surfaceConfig = TenantSupportConfig(
        rollout: SupportRollout(
            surfaces: ["ios": .init(presentation: .callButton), "web": .init(presentation: .link), "tablet": .init(presentation: .both)],
            defaultPresentation: .link))

    static let supportedCategories = ReportCategory.allCases.filter { $0.supportUrgency != nil }

    @Test(
        "call_button keeps calls and texts, link keeps links, chats and apps, both keeps all",
        arguments: supportedCategories, ["ios", "web", "tablet", "unlisted", nil] as [String?])
    func presentation(_ category: ReportCategory, _ surface: String?) throws {
        let expectedPresentation: SupportCard.Presentation =
            switch surface ?? "" {
            case "ios": .callButton
            case "tablet": .both
            default: .link  // "web", and the default for unlisted or absent surfaces
            }
        for moment in Moment.allCases {
            let card = try #require(
                SupportPolicy.decide(
                    Self.request(category, age: .unknown, locale: "en-GB", surface: surface),
                    config: Self.surfaceConfig, directory: Fixture.policy, now: moment.instant))
            #expect(card.presentation == expectedPresentation)
            for entry in card.helplines {
                let expected = entry.open == false ? [] : try #require(Self.expectedActions[entry.id]?[expectedPresentation], "\(entry.id)")
                #expect(entry.actions == expected, "\(entry.id) on \(surface ?? "nil")")
                let allowed: Set<SupportCard.Action.Kind> =
                    switch expectedPresentation {
                    case .callButton: [.call, .sms]
                    case .link: [.link, .chat, .app]
                    case .both: Set(SupportCard.Action.Kind.allCases)
                    }
                if !entry.emergency {
                    #expect(entry.actions.allSatisfy { allowed.contains($0.kind) })
                }
            }
        }
    }

    // MARK: - Language of the 3018 call button

    @Test(
        "the 3018 call action is tel:3018, labelled in the reporter's language, English as fallback",
        arguments: [
            ("fr-FR", "fr", "Appeler le 3018"), ("fr", "fr", "Appeler le 3018"), ("fr-CA", "fr", "Appeler le 3018"),
            ("en-GB", "en", "Call 3018"), ("en", "en", "Call 3018"), ("ja", "en", "Call 3018"),
            ("ja-JP", "en", "Call 3018"), ("pt-PT", "en", "Call 3018"), ("de-DE", "de", "3018 anrufen"), (nil, "en", "Call 3018"),
        ] as [(String?, String, String)])
    func callLabel(_ locale: String?, _ language: String, _ label: String) throws {
        let card = try #require(
            SupportPolicy.decide(
                Self.request(.harassment, locale: locale), config: .default, directory: Fixture.policy,
                now: Moment.open1500.instant))
        #expect(card.locale == language)
        let entry = try #require(card.helplines.first { $0.id == "fr-3018" })
        #expect(entry.actions.first == SupportCard.Action(kind: .call, uri: "tel:3018", label: label, open: true, channel: .phone))
        #expect(card.title == SupportTexts.all.first { $0.language == language }?.title(for: .standard))
    }

    // MARK: - Daylight-saving days on the card

    @Test(
        "opensAt on the card carries the offset of the opening day across DST changes",
        arguments: [
            ("2026-03-28T23:30:00+01:00", "2026-03-29T09:00:00+02:00"),
            ("2026-03-29T08:59:00+02:00", "2026-03-29T09:00:00+02:00"),
            ("2026-10-24T23:30:00+02:00", "2026-10-25T09:00:00+01:00"),
            ("2026-10-25T08:59:00+01:00", "2026-10-25T09:00:00+01:00"),
            ("2026-07-15T23:30:00+02:00", "2026-07-16T09:00:00+02:00"),
        ])
    func opensAtAcrossDST(_ now: String, _ opensAt: String) throws {
        let card = try #require(
            SupportPolicy.decide(
                Self.request(.harassment, age: .adult), config: .default, directory: Fixture.policy, now: Fixture.instant(now)))
        #expect(card.helplines.map(\.id) == ["fr-3018", "fr-112"])
        let entry = try #require(card.helplines.first)
        #expect(entry.open == false)
        #expect(entry.opensAt == opensAt)
        let sameDay = now.prefix(10) == opensAt.prefix(10)
        #expect(card.message.hasPrefix("3018 est fermé pour le moment et rouvre \(sameDay ? "" : "demain ")à 09:00."))
    }

    // MARK: - Determinism and the directory

    @Test("the same inputs give the same card")
    func deterministic() {
        let request = Self.request(.threat, age: .under13)
        let now = Moment.closed2330.instant
        let first = SupportPolicy.decide(request, config: .default, directory: Fixture.policy, now: now)
        let second = SupportPolicy.decide(request, config: .default, directory: Fixture.policy, now: now)
        #expect(first != nil)
        #expect(first == second)
    }

    @Test("the policy fixture loads with France's seven entries and validates")
    func fixtureDirectory() throws {
        let directory = Fixture.policy
        #expect(
            directory.helplines(in: CountryCode(rawValue: "FR")!).map(\.id)
                == ["fr-3018", "fr-119", "fr-3114", "fr-17", "fr-112", "fr-114", "fr-fil-sante-jeunes"])
        #expect(directory.helplines(in: CountryCode(rawValue: "DE")!).map(\.id) == ["de-nummer-gegen-kummer-116111", "de-112"])
        #expect(DirectoryValidator.errors(DirectoryValidator.validate(directory)).isEmpty)
    }

    // MARK: - Hand-built directories

    /// A small directory for a made-up country setup, with a version of its own.
    static func directory(_ helplines: String, version: String = "test-7") throws -> HelplineDirectory {
        try HelplineDirectory.decode(Data(#"{"format": 2, "version": "\#(version)", "helplines": [\#(helplines)]}"#.utf8))
    }

    /// A line whose only channel, a phone, has `hours` (`"unknown"` when nil), unless
    /// `channels` gives its own.
    static func line(
        id: String, country: String = "CH", roles: [String], topics: [String] = [], hours: String? = nil,
        channels: String? = nil, verified: Bool = true, audience: String = "null", emergency: Bool = false
    ) -> String {
        let channels = channels ?? #"[{"kind": "phone", "value": "102", "hours": \#(hours ?? #""unknown""#)}]"#
        return """
            {"id": "\(id)", "country": "\(country)", "name": {"fr": "Line \(id)"}, "roles": \(roles.debugDescription),
             "topics": \(topics.debugDescription), "audience": \(audience), "channels": \(channels),
             "languages": ["fr"], "emergency": \(emergency), "sources": [{"url": "https://example.org/\(id)", "checked": "2026-11-29", "backs": []}], "verified": \(verified)}
            """
    }

    static let always = #""always""#
    static let daytime = #"{"timeZone": "Europe/Brussels", "weekly": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "open": "10:00", "close": "18:00"}]}"#

    @Test("the card's directoryVersion is the version of the directory used")
    func directoryVersion() throws {
        let directory = try Self.directory(Self.line(id: "be-youth", roles: ["youth_online_harm"], hours: Self.always), version: "be-2027.3")
        let card = try #require(
            SupportPolicy.decide(Self.request(.harassment, country: "CH"), config: .default, directory: directory, now: .now))
        #expect(card.directoryVersion == "be-2027.3")
        #expect(card.helplines.map(\.id) == ["be-youth"])
    }

    @Test("an unverified entry is hidden unless the tenant opts in to it")
    func unverified() throws {
        let directory = try Self.directory(
            Self.line(id: "be-youth", roles: ["youth_online_harm"], hours: Self.always, verified: false))
        let request = Self.request(.harassment, country: "CH")
        #expect(SupportPolicy.decide(request, config: .default, directory: directory, now: .now) == nil)
        let optIn = TenantSupportConfig(showUnverified: ["be-youth"])
        let card = try #require(SupportPolicy.decide(request, config: optIn, directory: directory, now: .now))
        #expect(card.helplines.map(\.id) == ["be-youth"])
    }

    @Test("a line whose audience excludes the reporter's age is not shown")
    func audience() throws {
        let directory = try Self.directory(
            [
                Self.line(id: "be-adults", roles: ["youth_online_harm"], hours: Self.always, audience: #"{"minAge": 18}"#),
                Self.line(id: "be-kids", roles: ["youth_online_harm"], hours: Self.always, audience: #"{"maxAge": 12}"#),
            ].joined(separator: ","))
        func ids(_ age: AgeBracket) -> [String]? {
            SupportPolicy.decide(Self.request(.harassment, country: "CH", age: age), config: .default, directory: directory, now: .now)?
                .helplines.map(\.id)
        }
        #expect(ids(.adult) == ["be-adults"])
        #expect(ids(.teen) == nil)
        #expect(ids(.under13) == ["be-kids"])
        #expect(ids(.unknown) == ["be-adults"])  // unknown fits every audience; file order decides
    }

    @Test("a line with unknown hours is shown with open=nil and the always-open child line first for minors")
    func unknownHours() throws {
        let directory = try Self.directory(
            [
                Self.line(id: "be-youth", roles: ["youth_online_harm"], hours: nil),
                Self.line(id: "be-child", roles: ["child_helpline"], hours: Self.always),
            ].joined(separator: ","))
        let minor = try #require(
            SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .teen, locale: "en"), config: .default, directory: directory, now: .now))
        #expect(minor.helplines.map(\.id) == ["be-child", "be-youth"])
        let youth = try #require(minor.helplines.last)
        #expect(youth.open == nil)
        #expect(youth.opensAt == nil)
        #expect(youth.hoursToday == "Hours not known")
        #expect(youth.hoursKnown == false)
        #expect(youth.actions.map(\.open) == [nil], "offered, and said to be of unknown hours")
        let adult = try #require(
            SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .adult), config: .default, directory: directory, now: .now))
        #expect(adult.helplines.map(\.id) == ["be-youth"])
    }

    @Test("without a youth online-harm line, a possible minor gets the child helpline; an adult gets only emergency")
    func childHelplineFallback() throws {
        let directory = try Self.directory(
            [
                Self.line(id: "be-116111", roles: ["child_helpline"], hours: Self.daytime),
                Self.line(id: "be-112", roles: ["emergency"], hours: Self.always, emergency: true),
            ].joined(separator: ","))
        let now = Fixture.instant("2026-11-29T15:00:00+01:00")
        let minor = SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .under13), config: .default, directory: directory, now: now)
        #expect(minor?.helplines.map(\.id) == ["be-116111", "be-112"])
        let adult = SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .adult), config: .default, directory: directory, now: now)
        #expect(adult?.helplines.map(\.id) == ["be-112"])
    }

    @Test("an adult gets a line for the young that states it serves adults, and an adult line only for its topics")
    func adults() throws {
        let directory = try Self.directory(
            [
                Self.line(id: "ch-kids", roles: ["child_helpline"], hours: Self.always, audience: #"{"minAge": 5, "maxAge": 25}"#),
                Self.line(id: "ch-victims", roles: ["adult_support"], topics: ["threat"], hours: Self.always),
                Self.line(id: "ch-112", roles: ["emergency"], hours: Self.always, emergency: true),
            ].joined(separator: ","))
        func ids(_ category: ReportCategory, _ age: AgeBracket = .adult) -> [String]? {
            SupportPolicy.decide(Self.request(category, country: "CH", age: age), config: .default, directory: directory, now: .now)?.helplines.map(\.id)
        }
        #expect(ids(.harassment) == ["ch-kids", "ch-112"], "5–25 serves a 20-year-old")
        #expect(ids(.threat) == ["ch-112", "ch-victims"], "the adult line names threats")
        #expect(ids(.harassment, .teen) == ["ch-kids", "ch-112"])
        let youngOnly = try Self.directory(
            [
                Self.line(id: "ch-kids", roles: ["child_helpline"], hours: Self.always, audience: #"{"maxAge": 17}"#),
                Self.line(id: "ch-112", roles: ["emergency"], hours: Self.always, emergency: true),
            ].joined(separator: ","))
        let adult = SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .adult), config: .default, directory: youngOnly, now: .now)
        #expect(adult?.helplines.map(\.id) == ["ch-112"])
    }

    @Test("a possible minor gets a line with a person to talk to beside a web-only service")
    func minorsGetSomeoneToTalkTo() throws {
        let form = #"[{"kind": "web", "value": "https://report.example.ch", "hours": "always"}]"#
        let directory = try Self.directory(
            [
                Self.line(id: "ch-form", roles: ["youth_online_harm"], hours: Self.always, channels: form),
                Self.line(id: "ch-147", roles: ["child_helpline"], hours: Self.always),
                Self.line(id: "ch-112", roles: ["emergency"], hours: Self.always, emergency: true),
            ].joined(separator: ","))
        let teen = SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .teen), config: .default, directory: directory, now: .now)
        #expect(teen?.helplines.map(\.id) == ["ch-form", "ch-147", "ch-112"])
        let adult = SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .adult), config: .default, directory: directory, now: .now)
        #expect(adult?.helplines.map(\.id) == ["ch-form", "ch-112"])
    }

    @Test("no line open: the card says so and gives the emergency number; threats without a number say 'the emergency services'")
    func nobodyAnswers() throws {
        let night = Fixture.instant("2026-11-29T23:30:00+01:00")
        let directory = try Self.directory(
            [
                Self.line(id: "ch-day", roles: ["youth_online_harm"], hours: Self.daytime),
                Self.line(id: "ch-112", roles: ["emergency"], hours: Self.always, emergency: true),
            ].joined(separator: ","))
        let card = try #require(SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .adult, locale: "en"), config: .default, directory: directory, now: night))
        #expect(card.message == "Line ch-day is closed right now and opens again tomorrow at 10:00. No line is open right now. If you are in danger, call 102.")
        let noEmergency = try Self.directory(Self.line(id: "ch-day", roles: ["youth_online_harm"], hours: Self.daytime))
        let threat = try #require(SupportPolicy.decide(Self.request(.threat, country: "CH", age: .adult, locale: "en"), config: .default, directory: noEmergency, now: .now))
        #expect(!threat.message.contains("call ."))
        let closed = try #require(SupportPolicy.decide(Self.request(.harassment, country: "CH", age: .adult, locale: "en"), config: .default, directory: noEmergency, now: night))
        #expect(closed.message.hasSuffix("No line is open right now; each one says when it opens again."))
    }

    @Test("self-harm shows the suicide-prevention line first even when it is closed, then the emergency line")
    func selfHarmAlwaysShown() throws {
        let directory = try Self.directory(
            [
                Self.line(id: "be-youth", roles: ["youth_online_harm"], hours: Self.always),
                Self.line(id: "be-1813", roles: ["suicide_prevention"], topics: ["self_harm"], hours: Self.daytime),
                Self.line(id: "be-112", roles: ["emergency"], hours: Self.always, emergency: true),
            ].joined(separator: ","))
        let night = Fixture.instant("2026-11-29T23:30:00+01:00")
        let card = try #require(
            SupportPolicy.decide(Self.request(.selfHarm, country: "CH", age: .adult, locale: "en"), config: .default, directory: directory, now: night))
        #expect(card.helplines.map(\.id) == ["be-1813", "be-112"])
        #expect(card.helplines.first?.open == false)
        #expect(card.helplines.first?.opensAt == "2026-11-30T10:00:00+01:00")
        #expect(card.message.hasPrefix("Line be-1813 is closed right now and opens again tomorrow at 10:00."))
    }

    @Test("a closed channel is never offered; a line is judged by its channels where a person answers")
    func channelHours() throws {
        let channels = #"""
            [{"kind": "phone", "value": "+32 2 123 45 67", "hours": {"timeZone": "Europe/Brussels", "weekly": [{"days": ["mon","tue","wed","thu","fri"], "open": "09:00", "close": "17:00"}]}},
             {"kind": "web", "value": "https://www.example.be/help", "hours": "always"}]
            """#
        let directory = try Self.directory(
            Self.line(id: "be-youth", roles: ["youth_online_harm"], hours: Self.always, channels: channels))
        let request = Self.request(.harassment, country: "CH", locale: "en")
        let sundayNoon = Fixture.instant("2026-11-29T12:00:00+01:00")
        let mondayNoon = Fixture.instant("2026-11-30T12:00:00+01:00")
        let sunday = try #require(SupportPolicy.decide(request, config: .default, directory: directory, now: sundayNoon))
        #expect(sunday.helplines.first?.actions == [.init(kind: .link, uri: "https://www.example.be/help", label: "Website: example.be", open: true, channel: .web)])
        #expect(sunday.helplines.first?.open == false, "the phone is closed; the form does not make the line open")
        #expect(sunday.helplines.first?.channels.map(\.open) == [false, true])
        let monday = try #require(SupportPolicy.decide(request, config: .default, directory: directory, now: mondayNoon))
        #expect(
            monday.helplines.first?.actions == [
                .init(kind: .call, uri: "tel:+3221234567", label: "Call +32 2 123 45 67", open: true, channel: .phone),
                .init(kind: .link, uri: "https://www.example.be/help", label: "Website: example.be", open: true, channel: .web),
            ])

        let only = #"[{"kind": "phone", "value": "102", "hours": {"timeZone": "Europe/Brussels", "weekly": [{"days": ["mon"], "open": "09:00", "close": "10:00"}]}}]"#
        let single = try Self.directory(Self.line(id: "be-youth", roles: ["youth_online_harm"], hours: Self.always, channels: only))
        let card = try #require(SupportPolicy.decide(request, config: .default, directory: single, now: sundayNoon))
        #expect(card.helplines.first?.actions == [], "closed: nothing to offer, the card says when it opens")
        #expect(card.helplines.first?.opensAt == "2026-11-30T09:00:00+01:00")

        // A web-only service is judged by its form: always open, never "closed".
        let form = #"[{"kind": "web", "value": "https://www.example.be/form", "hours": "always"}]"#
        let webOnly = try Self.directory(Self.line(id: "be-form", roles: ["youth_online_harm"], channels: form))
        let formCard = try #require(SupportPolicy.decide(request, config: .default, directory: webOnly, now: sundayNoon))
        #expect(formCard.helplines.first?.open == true)
    }

    @Test(
        "each channel kind becomes an action with a tel:, sms:, https: or mailto: uri",
        arguments: [
            ("phone", "0 800 235 236", SupportCard.Action(kind: .call, uri: "tel:0800235236", label: "Call 0 800 235 236", open: nil, channel: .phone)),
            ("phone", "+33 1 23 45 67 89", SupportCard.Action(kind: .call, uri: "tel:+33123456789", label: "Call +33 1 23 45 67 89", open: nil, channel: .phone)),
            ("sms", "114", SupportCard.Action(kind: .sms, uri: "sms:114", label: "Text 114", open: nil, channel: .sms)),
            ("chat", "https://www.3018.fr", SupportCard.Action(kind: .chat, uri: "https://www.3018.fr", label: "Chat online", open: nil, channel: .chat)),
            ("web", "https://www.3018.fr/path?x=1", SupportCard.Action(kind: .link, uri: "https://www.3018.fr/path?x=1", label: "Website: 3018.fr", open: nil, channel: .web)),
            ("web", "https://3114.fr", SupportCard.Action(kind: .link, uri: "https://3114.fr", label: "Website: 3114.fr", open: nil, channel: .web)),
            ("app", "https://apps.apple.com/app/3018/id1", SupportCard.Action(kind: .app, uri: "https://apps.apple.com/app/3018/id1", label: "Get the app", open: nil, channel: .app)),
            ("email", "help@example.org", SupportCard.Action(kind: .link, uri: "mailto:help@example.org", label: "Send an email", open: nil, channel: .email)),
        ])
    func channelActions(_ kind: String, _ value: String, _ expected: SupportCard.Action) throws {
        let channel = try Fixture.decode(Helpline.Channel.self, #"{"kind": "\#(kind)", "value": "\#(value)", "hours": "unknown"}"#)
        #expect(SupportPolicy.action(for: channel, texts: .english) == expected)
    }

    @Test("French labels for every channel kind")
    func frenchLabels() throws {
        let channels = [
            ("phone", "3018"), ("sms", "114"), ("chat", "https://www.3018.fr"), ("web", "https://www.3018.fr"),
            ("app", "https://www.3018.fr/app"), ("email", "contact@example.org"),
        ]
        let labels = try channels.map { kind, value in
            let channel = try Fixture.decode(Helpline.Channel.self, #"{"kind": "\#(kind)", "value": "\#(value)", "hours": "unknown"}"#)
            return SupportPolicy.action(for: channel, texts: .french)?.label
        }
        #expect(labels == [
            "Appeler le 3018", "Envoyer un SMS au 114", "Discuter en ligne",
            "Site : 3018.fr", "Télécharger l’application", "Écrire un e-mail",
        ])
    }

    @Test("the emergency number in the threat message is the emergency line's phone")
    func threatMessage() throws {
        let card = try #require(
            SupportPolicy.decide(Self.request(.threat, age: .adult, locale: "en"), config: .default, directory: Fixture.policy, now: Moment.open1500.instant))
        #expect(card.message == "If you are in immediate danger, call 17. You can also talk to someone who can help.")
        #expect(card.title == "If you are in danger")
    }

    @Test("a 116 line without a name in the reader's language says what the number is for, in that language")
    func harmonisedNames() throws {
        let line = try Fixture.decode(Helpline.self, #"""
            {"id": "de-nummer", "country": "DE", "name": {"de": "Nummer gegen Kummer"}, "roles": ["child_helpline"], "topics": [],
             "languages": ["de"], "emergency": false, "verified": true,
             "channels": [{"kind": "phone", "value": "116 111", "hours": "always"}],
             "sources": [{"url": "https://example.org/n", "checked": "2026-11-29", "backs": ["name", "phone", "phone.hours", "languages"]}]}
            """#)
        #expect(SupportPolicy.name(of: line, texts: .english) == "Nummer gegen Kummer (child helpline, 116 111)")
        #expect(SupportPolicy.name(of: line, texts: .french) == "Nummer gegen Kummer (ligne d’écoute pour les enfants, 116 111)")
        #expect(SupportPolicy.name(of: line, texts: .german) == "Nummer gegen Kummer", "its own language: its own name")
        var bare = line
        bare.name = LocalizedNames(["de": "116 111"])
        #expect(SupportPolicy.name(of: bare, texts: .italian) == "116 111 – linea di ascolto per bambini")
    }

    @Test("every language has every text, and English is the fallback")
    func textsComplete() {
        #expect(SupportTexts.all.map(\.language) == ["fr", "en", "de", "es", "it", "nl"])
        for texts in SupportTexts.all {
            for urgency in [SupportUrgency.standard, .emergencyFirst, .suicidePrevention, .childProtection] {
                #expect(!texts.title(for: urgency).isEmpty)
                #expect(!texts.message(for: urgency).isEmpty)
            }
            #expect(texts.call.contains("{number}") && texts.sms.contains("{number}") && texts.website.contains("{host}"))
            #expect(texts.closedPrefix.contains("{name}") && texts.closedPrefix.contains("{time}"))
        }
        #expect(SupportTexts.forLanguage(nil).language == "en")
        #expect(SupportTexts.forLanguage(LanguageTag("ja")).language == "en")
        #expect(SupportTexts.forLanguage(LanguageTag("FR-fr")).language == "fr")
    }
}
