import Foundation

/// What the policy needs to know about one reporter and one report (or a "get help" query).
public struct SupportRequest: Sendable, Equatable {
    /// The tenant's name, for rollout bucketing.
    public var tenant: String
    /// The platform's opaque reporter id; `nil` for a "get help" query without a report.
    public var reporterId: String?
    public var country: CountryCode
    public var category: ReportCategory
    public var locale: LanguageTag?
    public var age: AgeBracket
    public var surface: String?

    public init(
        tenant: String, reporterId: String?, country: CountryCode, category: ReportCategory,
        locale: LanguageTag?, age: AgeBracket, surface: String?
    ) {
        self.tenant = tenant
        self.reporterId = reporterId
        self.country = country
        self.category = category
        self.locale = locale
        self.age = age
        self.surface = surface
    }
}

/// A tenant's settings that shape the help card.
public struct TenantSupportConfig: Sendable, Codable, Equatable {
    public var rollout: SupportRollout
    /// Unverified directory entries this tenant has chosen to show, by id.
    public var showUnverified: Set<String>
    /// The tenant's own entries, hidden ones and preferred order. Apply them to the
    /// directory once, at start (`HelplineDirectory.applying`), not per request.
    public var helplines: HelplineOverrides

    public init(rollout: SupportRollout = .default, showUnverified: Set<String> = [], helplines: HelplineOverrides = .init()) {
        self.rollout = rollout
        self.showUnverified = showUnverified
        self.helplines = helplines
    }

    public static let `default` = TenantSupportConfig()

    /// Whether this tenant's users may see `line`: verified, or opted in to by id. The card
    /// and the published directory (`DirectoryDocument`) both ask this.
    public func shows(_ line: Helpline) -> Bool { line.verified || showUnverified.contains(line.id) }

    enum CodingKeys: String, CodingKey { case rollout, showUnverified, helplines }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rollout = try c.decodeIfPresent(SupportRollout.self, forKey: .rollout) ?? .default
        showUnverified = Set(try c.decodeIfPresent([String].self, forKey: .showUnverified) ?? [])
        helplines = try c.decodeIfPresent(HelplineOverrides.self, forKey: .helplines) ?? .init()
    }
}

/// Decides which help card a reporter sees. Pure: the same inputs give the same card, and
/// the instant is an argument, never read from a clock.
public enum SupportPolicy {
    public static func decide(
        _ request: SupportRequest, config: TenantSupportConfig, directory: HelplineDirectory, now: Date
    ) -> SupportCard? {
        guard let key = key(for: request, config: config) else { return nil }
        return card(for: key, config: config, directory: directory, now: now)
    }

    /// What of `request` the card depends on, or `nil` when this reporter gets no card (a
    /// category without help, a rollout that leaves them out). The per-reporter part of the
    /// decision: cheap, allocation-free, and never cached.
    public static func key(for request: SupportRequest, config: TenantSupportConfig) -> SupportCardKey? {
        guard request.category.supportUrgency != nil else { return nil }
        let rollout = config.rollout
        guard rollout.enabled,
            rollout.categories?.contains(request.category) ?? true,
            rollout.countries?.contains(request.country) ?? true,
            let presentation = rollout.presentation(on: request.surface),
            rollout.includes(tenant: request.tenant, reporter: request.reporterId)
        else { return nil }
        return SupportCardKey(
            country: request.country, category: request.category, language: SupportTexts.languageIndex(request.locale),
            age: request.age, presentation: presentation)
    }

    /// The card every reporter with `key` sees at `now`: the same for all of them, so it can
    /// be computed once and reused until `nextChange` (`SupportCardCache`).
    public static func card(
        for key: SupportCardKey, config: TenantSupportConfig, directory: HelplineDirectory, now: Date
    ) -> SupportCard? {
        guard let urgency = key.category.supportUrgency else { return nil }
        let available = directory.helplines(in: key.country).filter {
            config.shows($0) && ($0.audience?.fits(key.age) ?? true)
        }
        var moment = Moment(now: now, holidays: directory.holidays(in: key.country), age: key.age)
        moment.remember(available)
        let chosen = choose(from: available, urgency: urgency, category: key.category, moment: moment)
        guard !chosen.isEmpty else { return nil }

        let texts = SupportTexts.all[key.language]
        let entries = chosen.map { entry(for: $0, presentation: key.presentation, texts: texts, moment: moment) }
        // Where the only sourced line is an emergency number (112 for an adult in a country
        // whose helplines serve children), the card says what that number is for.
        let wording = chosen.allSatisfy { $0.roles.contains(.emergency) } ? SupportUrgency.emergencyFirst : urgency
        return SupportCard(
            title: texts.title(for: wording),
            message: message(urgency: wording, chosen: chosen, texts: texts, moment: moment),
            locale: texts.language,
            presentation: key.presentation,
            helplines: entries,
            directoryVersion: directory.version
        )
    }

    /// The first instant after `now` at which the card for `key` may read differently: a
    /// channel of one of the country's lines opens or closes, a new day starts in a line's
    /// zone (its hours today, its holiday, "tomorrow"), or a zone changes its offset. Over
    /// `[now, nextChange)` `card(for:…)` gives the same card; the bound may come early (a
    /// boundary where nothing visible changes), never late. Lines of every age are counted,
    /// so one bound serves every key of the country.
    public static func nextChange(in country: CountryCode, config: TenantSupportConfig, directory: HelplineDirectory, after now: Date) -> Date {
        // A day at most: nothing in the card lasts longer without a boundary of its own, and
        // a line with no schedule (always open, hours unknown) never changes at all.
        var earliest = now.addingTimeInterval(86_400)
        for line in directory.helplines(in: country) where config.shows(line) {
            for channel in line.channels {
                if let hours = channel.hours.schedule {
                    let boundary = hours.nextBoundary(after: now)
                    if boundary < earliest { earliest = boundary }
                }
            }
        }
        return earliest
    }

    /// The instant of a decision with what it depends on: the country's holidays and the
    /// reporter's age (a channel may serve fewer ages than its line).
    public struct Moment: Sendable {
        public var now: Date
        public var holidays: HolidayDays
        public var age: AgeBracket

        /// Each line's state and whether a person answers, computed once per decision: the
        /// choice and the texts ask them many times, and each asks the time-zone database.
        private var remembered: [String: (state: OpenState, talkOpen: Bool, talkMaybe: Bool)] = [:]

        public init(now: Date, holidays: HolidayDays = .none, age: AgeBracket = .unknown) {
            self.now = now
            self.holidays = holidays
            self.age = age
        }

        mutating func remember(_ lines: [Helpline]) {
            remembered.reserveCapacity(lines.count)
            for line in lines {
                remembered[line.id] = (
                    computeState(of: line), computeCanTalk(on: line, openOnly: true), computeCanTalk(on: line, openOnly: false)
                )
            }
        }

        /// The channels of `line` this reporter may use, with their state now.
        func channels(of line: Helpline) -> [(channel: Helpline.Channel, state: OpenState)] {
            line.channels.compactMap { channel in
                guard channel.audience?.fits(age) ?? true else { return nil }
                return (channel, channel.hours.state(at: now, holidays: holidays))
            }
        }

        /// A line is as open as its most open channel where a person answers; a line with
        /// only web forms, e-mail or an app is judged by those. A website's unknown hours
        /// thus never make a phone line's closed night "unknown".
        func state(of line: Helpline) -> OpenState { remembered[line.id]?.state ?? computeState(of: line) }

        /// Whether the reporter can talk to a person on this line now, or may (hours unknown).
        func canTalk(on line: Helpline, openOnly: Bool) -> Bool {
            if let known = remembered[line.id] { return openOnly ? known.talkOpen : known.talkMaybe }
            return computeCanTalk(on: line, openOnly: openOnly)
        }

        /// Loops, no arrays.
        private func computeState(of line: Helpline) -> OpenState {
            var talking: OpenState?, other: OpenState?
            for channel in line.channels where channel.audience?.fits(age) ?? true {
                let state = channel.hours.state(at: now, holidays: holidays)
                if channel.kind.isConversation {
                    talking = talking?.combined(with: state) ?? state
                } else {
                    other = other?.combined(with: state) ?? state
                }
            }
            return talking ?? other ?? .closed
        }

        private func computeCanTalk(on line: Helpline, openOnly: Bool) -> Bool {
            for channel in line.channels where channel.kind.isConversation && (channel.audience?.fits(age) ?? true) {
                let state = channel.hours.state(at: now, holidays: holidays)
                if state == .open || (!openOnly && state == .unknown) { return true }
            }
            return false
        }
    }

    // MARK: - Which lines, in which order

    /// Orders the country's lines for this report: the lines for the category, the
    /// open fallbacks first when the main line is closed, a line a minor can talk to, the
    /// emergency line last (first for threats).
    static func choose(from lines: [Helpline], urgency: SupportUrgency, category: ReportCategory, moment: Moment) -> [Helpline] {
        let age = moment.age
        func first(_ role: HelplineRole) -> Helpline? {
            let withRole = lines.filter { $0.roles.contains(role) }
            return withRole.first { $0.topics.contains(category) } ?? withRole.first
        }
        // An adult line is offered only for what it says it helps with: a suicide line that
        // also takes adults in crisis is not the answer to a hacked account.
        func adultLine() -> Helpline? {
            lines.first { $0.roles.contains(.adultSupport) && $0.topics.contains(category) }
        }
        // A line for the young that states it serves adults too (Kids Helpline: 5–25).
        func servingAdults(_ role: HelplineRole) -> Helpline? {
            lines.first { $0.roles.contains(role) && ($0.audience?.statesAdults ?? false) }
        }
        let forAdults = adultLine() ?? servingAdults(.childHelpline) ?? servingAdults(.youthWellbeing)
        // An adult gets first a line that says it is for adults with this problem (France
        // Victimes before the 3018, whose sources speak of the young), else the online-harm
        // line, which does not refuse adults.
        let youthLine = age.mayBeMinor
            ? first(.youthOnlineHarm) ?? first(.childHelpline)
            : adultLine() ?? first(.youthOnlineHarm) ?? forAdults
        let emergency = first(.emergency)

        var relevant: [Helpline?]
        switch urgency {
        case .standard, .emergencyFirst: relevant = [youthLine]
        // Without a suicide-prevention line, a child or teen still gets the child helpline.
        case .suicidePrevention:
            relevant = [first(.suicidePrevention) ?? (age.mayBeMinor ? first(.childHelpline) : forAdults)]
        case .childProtection: relevant = [first(.childProtection) ?? first(.childHelpline), first(.youthOnlineHarm)]
        }
        var main = unique(relevant.compactMap { $0 })

        // The main line is closed (or its hours are unknown): put first the open line that
        // fits, the child-protection or child helpline for a reporter who may be a minor.
        if let lead = main.first, moment.state(of: lead) != .open {
            var fallbackRoles: [HelplineRole] = []
            if urgency == .suicidePrevention { fallbackRoles.append(.suicidePrevention) }
            if age.mayBeMinor { fallbackRoles += [.childProtection, .childHelpline] } else { fallbackRoles.append(.adultSupport) }
            // A line that names the category first (a child helpline that takes self-harm
            // before a child-protection line that does not), then any open one of the roles.
            func openFallback(topicOnly: Bool) -> Helpline? {
                fallbackRoles.lazy.compactMap { role in
                    lines.first {
                        $0.roles.contains(role) && moment.state(of: $0) == .open
                            && ((role != .adultSupport && !topicOnly) || $0.topics.contains(category))
                    }
                }.first
            }
            let openFallback = openFallback(topicOnly: true) ?? openFallback(topicOnly: false)
            main = unique((openFallback.map { [$0] } ?? []) + main)
            main = ordered(main, moment: moment)
        }

        // A reporter who may be a minor gets a person to talk to, not only a web form: the
        // first line for the young with a conversation channel, open if one is.
        if age.mayBeMinor, !main.contains(where: { moment.canTalk(on: $0, openOnly: false) }) {
            let roles: [HelplineRole] = [.childHelpline, .childProtection, .youthOnlineHarm, .youthWellbeing, .suicidePrevention]
            let candidates = lines.filter { line in !line.emergency && roles.contains(where: line.roles.contains) }
            if let talk = candidates.first(where: { moment.canTalk(on: $0, openOnly: true) })
                ?? candidates.first(where: { moment.canTalk(on: $0, openOnly: false) })
            {
                main = ordered(main + [talk], moment: moment)
            }
        }

        let emergencyLines = emergency.map { [$0] } ?? []
        let ordered = urgency == .emergencyFirst ? emergencyLines + main : main + emergencyLines
        return unique(ordered)
    }

    /// Lines open now first, then unknown hours, then closed ones; stable within each.
    private static func ordered(_ lines: [Helpline], moment: Moment) -> [Helpline] {
        let states = lines.map { moment.state(of: $0) }
        return [OpenState.open, .unknown, .closed].flatMap { wanted in zip(lines, states).filter { $0.1 == wanted }.map(\.0) }
    }

    private static func unique(_ lines: [Helpline]) -> [Helpline] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0.id).inserted }
    }

    // MARK: - The message

    private static func message(urgency: SupportUrgency, chosen: [Helpline], texts: SupportTexts, moment: Moment) -> String {
        let emergencyNumber = TextSlot(chosen.first { $0.roles.contains(.emergency) }?.phoneNumber)
        let helplines = chosen.filter { !$0.roles.contains(.emergency) }
        let states = helplines.map { moment.state(of: $0) }
        var message: String
        if !helplines.isEmpty, states.allSatisfy({ $0 == .closed }) {
            // Nobody answers now: say so, and give the number that always does.
            message = emergencyNumber.map { texts.noLineOpen.filling(["emergency": $0]) } ?? texts.noLineOpenWithoutNumber
        } else if urgency == .emergencyFirst {
            message = emergencyNumber.map { texts.message(for: urgency).filling(["emergency": $0]) } ?? texts.emergencyWithoutNumber
        } else {
            message = texts.message(for: urgency)
        }
        // Say so when the line people came for is closed, and when it opens again.
        if let expected = zip(helplines, states).first(where: { $0.1 == .closed })?.0,
            let (opens, zone) = nextOpening(of: expected, moment: moment)
        {
            message = closedSentence(expected, opens: opens, zone: zone, texts: texts, now: moment.now) + " " + message
        }
        return message
    }

    /// The earliest next opening of any of the line's channels, in that channel's zone.
    static func nextOpening(of line: Helpline, moment: Moment) -> (Date, TimeZone)? {
        var best: (Date, TimeZone)?
        for (channel, _) in moment.channels(of: line) {
            guard let hours = channel.hours.schedule, let next = hours.nextOpening(after: moment.now, holidays: moment.holidays)
            else { continue }
            if best.map({ next < $0.0 }) ?? true { best = (next, hours.timeZone) }
        }
        return best
    }

    /// "3018 is closed right now and opens again at 09:00 / tomorrow at 09:00 / on Monday at
    /// 14:00", counted in the helpline's own time zone.
    static func closedSentence(_ line: Helpline, opens: Date, zone: TimeZone, texts: SupportTexts, now: Date) -> String {
        let opening = LocalTime(opens, in: zone), current = LocalTime(now, in: zone)
        let days = opening.dayNumber - current.dayNumber
        let template = days == 0 ? texts.closedPrefix : days == 1 ? texts.closedPrefixTomorrow : texts.closedPrefixOnDay
        let weekday = texts.weekdays[Weekday.allCases.firstIndex(of: opening.weekday)!]
        let name = TextSlot(line.shortName) ?? TextSlot(line.displayName(for: texts.language)) ?? TextSlot(line.id)!
        return template.filling([
            "name": name, "time": TextSlot(WeeklyRange.format(opening.minute))!, "day": TextSlot(weekday)!,
        ])
    }
}
