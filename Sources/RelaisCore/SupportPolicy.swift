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
        guard let urgency = request.category.supportUrgency else { return nil }
        let rollout = config.rollout
        guard rollout.enabled,
            rollout.categories?.contains(request.category) ?? true,
            rollout.countries?.contains(request.country) ?? true,
            let presentation = rollout.presentation(on: request.surface),
            rollout.includes(tenant: request.tenant, reporter: request.reporterId)
        else { return nil }

        let available = directory.helplines(in: request.country).filter {
            ($0.verified || config.showUnverified.contains($0.id)) && ($0.audience?.fits(request.age) ?? true)
        }
        let chosen = choose(from: available, urgency: urgency, category: request.category, age: request.age, now: now)
        guard !chosen.isEmpty else { return nil }

        let texts = SupportTexts.forLanguage(request.locale)
        let entries = chosen.map { entry(for: $0, presentation: presentation, texts: texts, now: now) }
        // Where the only sourced line is an emergency number (112 for an adult in a country
        // whose helplines serve children), the card says what that number is for.
        let wording = chosen.allSatisfy { $0.roles.contains(.emergency) } ? SupportUrgency.emergencyFirst : urgency
        return SupportCard(
            title: texts.title(for: wording),
            message: message(urgency: wording, chosen: chosen, texts: texts, now: now),
            locale: texts.language,
            presentation: presentation,
            helplines: entries,
            directoryVersion: directory.version
        )
    }

    // MARK: - Which lines, in which order

    /// Orders the country's lines for this report: the lines for the category, the
    /// always-open fallbacks first when the main line is closed, the emergency line last
    /// (first for threats).
    static func choose(
        from lines: [Helpline], urgency: SupportUrgency, category: ReportCategory, age: AgeBracket, now: Date
    ) -> [Helpline] {
        func first(_ role: HelplineRole) -> Helpline? {
            let withRole = lines.filter { $0.roles.contains(role) }
            return withRole.first { $0.topics.contains(category) } ?? withRole.first
        }
        let youthLine = first(.youthOnlineHarm) ?? (age.mayBeMinor ? first(.childHelpline) : nil)
        let emergency = first(.emergency)

        var relevant: [Helpline?]
        switch urgency {
        case .standard, .emergencyFirst: relevant = [youthLine]
        // Without a suicide-prevention line, a child or teen still gets the child helpline.
        case .suicidePrevention: relevant = [first(.suicidePrevention) ?? (age.mayBeMinor ? first(.childHelpline) : nil)]
        case .childProtection: relevant = [first(.childProtection) ?? first(.childHelpline), first(.youthOnlineHarm)]
        }
        var main = unique(relevant.compactMap { $0 })

        // The main line is closed (or its hours are unknown): put first the open line that
        // fits, the child-protection or child helpline for a reporter who may be a minor.
        if let lead = main.first, isOpen(lead, at: now) != true {
            var fallbackRoles: [HelplineRole] = []
            if urgency == .suicidePrevention { fallbackRoles.append(.suicidePrevention) }
            if age.mayBeMinor { fallbackRoles += [.childProtection, .childHelpline] }
            let openFallback = fallbackRoles.lazy.compactMap { role in
                lines.first { $0.roles.contains(role) && isOpen($0, at: now) == true }
            }.first
            main = unique((openFallback.map { [$0] } ?? []) + main)
            // Within the list, lines open now come before unknown hours, then closed ones.
            main = main.filter { isOpen($0, at: now) == true }
                + main.filter { isOpen($0, at: now) == nil }
                + main.filter { isOpen($0, at: now) == false }
        }

        let emergencyLines = emergency.map { [$0] } ?? []
        let ordered = urgency == .emergencyFirst ? emergencyLines + main : main + emergencyLines
        return unique(ordered)
    }

    private static func unique(_ lines: [Helpline]) -> [Helpline] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0.id).inserted }
    }

    /// `nil` when no source gives the hours.
    static func isOpen(_ line: Helpline, at now: Date) -> Bool? {
        line.hours?.isOpen(at: now)
    }

    // MARK: - Texts and actions

    private static func message(urgency: SupportUrgency, chosen: [Helpline], texts: SupportTexts, now: Date) -> String {
        let emergency = chosen.first { $0.roles.contains(.emergency) }
        let emergencyNumber = emergency.flatMap { $0.channels.first { $0.kind == .phone }?.value } ?? ""
        var message = texts.message(for: urgency).filling(["emergency": emergencyNumber])
        // Say so when the line people came for is closed, and when it opens again.
        let expected = chosen.first { !$0.roles.contains(.emergency) && isOpen($0, at: now) == false }
        if let expected, let hours = expected.hours, let opens = hours.nextOpening(after: now) {
            message = closedSentence(expected, hours: hours, opens: opens, texts: texts, now: now) + " " + message
        }
        return message
    }

    /// "3018 is closed right now and opens again at 09:00 / tomorrow at 09:00 / on Monday at
    /// 14:00", counted in the helpline's own time zone.
    static func closedSentence(_ line: Helpline, hours: OpeningHours, opens: Date, texts: SupportTexts, now: Date) -> String {
        let opening = LocalTime(opens, in: hours.timeZone), current = LocalTime(now, in: hours.timeZone)
        let days = opening.dayNumber - current.dayNumber
        let template = days == 0 ? texts.closedPrefix : days == 1 ? texts.closedPrefixTomorrow : texts.closedPrefixOnDay
        let weekday = texts.weekdays[Weekday.allCases.firstIndex(of: opening.weekday)!]
        return template.filling([
            "name": line.shortName ?? line.name, "time": WeeklyRange.format(opening.minute), "day": weekday,
        ])
    }

    /// One line as a card shows it at `now`: open state, today's hours, next opening, actions.
    public static func entry(for line: Helpline, presentation: SupportCard.Presentation, texts: SupportTexts, now: Date)
        -> SupportCard.Entry
    {
        let open = isOpen(line, at: now)
        var opensAt: String?
        if open == false, let hours = line.hours, let next = hours.nextOpening(after: now) {
            opensAt = LocalTime.iso8601(next, in: hours.timeZone)
        }
        return SupportCard.Entry(
            id: line.id,
            name: line.name,
            organisation: line.organisation,
            open: open,
            hoursToday: hoursToday(line, texts: texts, now: now),
            opensAt: opensAt,
            free: line.free,
            anonymous: line.anonymous,
            confidential: line.confidential,
            emergency: line.emergency,
            actions: actions(for: line, presentation: presentation, texts: texts, now: now)
        )
    }

    static func hoursToday(_ line: Helpline, texts: SupportTexts, now: Date) -> String {
        guard let hours = line.hours else { return texts.hoursUnknown }
        if hours.alwaysOpen { return texts.alwaysOpen }
        let ranges = hours.rangesToday(at: now)
        if ranges.isEmpty { return texts.closedToday }
        if ranges.count == 1, ranges[0].open == 0, ranges[0].close == 1440 { return texts.alwaysOpen }
        return ranges.map(\.formatted).joined(separator: ", ")
    }

    /// The actions the surface supports. A call-button surface shows calls and texts; a link
    /// surface shows links, chats and apps. When the filter would leave a line with no
    /// action at all, every action is kept: a line people cannot reach helps nobody.
    static func actions(
        for line: Helpline, presentation: SupportCard.Presentation, texts: SupportTexts, now: Date
    ) -> [SupportCard.Action] {
        let all = line.channels.compactMap { channel -> SupportCard.Action? in
            if let hours = channel.hours, !hours.isOpen(at: now), line.channels.count > 1 { return nil }
            return action(for: channel, texts: texts)
        }
        let fitting: [SupportCard.Action]
        switch presentation {
        case .both: fitting = all
        case .callButton: fitting = all.filter { $0.kind == .call || $0.kind == .sms }
        case .link: fitting = all.filter { $0.kind == .link || $0.kind == .chat || $0.kind == .app }
        }
        return fitting.isEmpty ? all : fitting
    }

    static func action(for channel: Helpline.Channel, texts: SupportTexts) -> SupportCard.Action? {
        switch channel.kind {
        case .phone:
            return .init(kind: .call, uri: "tel:" + dialable(channel.value), label: texts.call.filling(["number": channel.value]))
        case .sms:
            // A keyword line ("Text HOME to 741741") gets the keyword prefilled (RFC 5724).
            if let body = channel.body, let encoded = body.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                return .init(
                    kind: .sms, uri: "sms:" + dialable(channel.value) + "?body=" + encoded,
                    label: texts.smsKeyword.filling(["number": channel.value, "body": body]))
            }
            return .init(kind: .sms, uri: "sms:" + dialable(channel.value), label: texts.sms.filling(["number": channel.value]))
        case .chat:
            return .init(kind: .chat, uri: channel.value, label: texts.chat)
        case .web:
            return .init(kind: .link, uri: channel.value, label: texts.website.filling(["host": displayHost(channel.value)]))
        case .app:
            return .init(kind: .app, uri: channel.value, label: texts.app)
        case .email:
            return .init(kind: .link, uri: "mailto:" + channel.value, label: texts.email)
        }
    }

    /// "0 800 235 236" → "0800235236"; keeps a leading "+".
    static func dialable(_ number: String) -> String {
        String(decoding: number.utf8.filter { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B }, as: UTF8.self)
    }

    /// "https://www.3018.fr/path" → "3018.fr". The directory's links are validated https
    /// URLs, so a plain split is enough (and cheaper than URL parsing on every card).
    static func displayHost(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var host = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        return host.isEmpty ? url : String(host)
    }
}
