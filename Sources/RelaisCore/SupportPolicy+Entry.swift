import Foundation

/// One line as a card shows it: its state, its hours today, the holiday that changes them,
/// and the actions for its channels that are open or whose hours are not known.
extension SupportPolicy {
    /// The entry for `line` at `now`, with the holidays of its country (`.none`: no calendar).
    public static func entry(
        for line: Helpline, presentation: SupportCard.Presentation, texts: SupportTexts, now: Date,
        holidays: HolidayDays = .none, age: AgeBracket = .unknown
    ) -> SupportCard.Entry {
        entry(for: line, presentation: presentation, texts: texts, moment: Moment(now: now, holidays: holidays, age: age))
    }

    static func entry(for line: Helpline, presentation: SupportCard.Presentation, texts: SupportTexts, moment: Moment)
        -> SupportCard.Entry
    {
        let channels = moment.channels(of: line)
        let state = moment.state(of: line)
        var opensAt: String?
        if state == .closed, let (next, zone) = nextOpening(of: line, moment: moment) {
            opensAt = LocalTime.iso8601(next, in: zone)
        }
        let main = channels.first { $0.channel.kind.isConversation } ?? channels.first
        return SupportCard.Entry(
            id: line.id,
            name: name(of: line, texts: texts),
            organisation: line.organisation,
            open: state.asBool,
            hoursKnown: state != .unknown,
            hoursToday: main.map { hoursToday($0.channel.hours, texts: texts, moment: moment) } ?? texts.hoursUnknown,
            opensAt: opensAt,
            holiday: holidayNote(line, texts: texts, moment: moment),
            free: line.free,
            anonymous: line.anonymous,
            confidential: line.confidential,
            emergency: line.emergency,
            actions: actions(for: channels, presentation: presentation, texts: texts),
            channels: channels.map { channel, state in
                var opens: String?
                if state == .closed, let hours = channel.hours.schedule, let next = hours.nextOpening(after: moment.now, holidays: moment.holidays) {
                    opens = LocalTime.iso8601(next, in: hours.timeZone)
                }
                return SupportCard.ChannelState(
                    kind: channel.kind, value: channel.value, open: state.asBool, hoursKnown: channel.hours.isKnown,
                    hoursToday: hoursToday(channel.hours, texts: texts, moment: moment), opensAt: opens)
            }
        )
    }

    /// The name in the reader's language where a source gives one; 112 is named by EU law
    /// in every language, so its name is never left in another language (nor a bare number).
    static func name(of line: Helpline, texts: SupportTexts) -> String {
        let own = line.name.byLanguage[texts.language]
        if own == nil || own == line.phoneNumber, line.roles.contains(.emergency), let number = line.phoneNumber,
            dialable(number) == "112", let slot = TextSlot(number)
        {
            return texts.europeanEmergency.filling(["number": slot])
        }
        let name = line.displayName(for: texts.language)
        // A 116 number is European: without a name in the reader's language, the card says
        // in that language what the number is for, beside the operator's own name.
        if own == nil, let number = line.channels.first(where: { $0.kind == .phone && texts.harmonisedService(dialable($0.value)) != nil })?.value,
            let service = TextSlot(texts.harmonisedService(dialable(number))), let slot = TextSlot(number), let named = TextSlot(name)
        {
            return dialable(name) == dialable(number)
                ? texts.harmonisedNumber.filling(["number": slot, "service": service])
                : texts.harmonisedName.filling(["name": named, "service": service, "number": slot])
        }
        return name
    }

    static func hoursToday(_ hours: ChannelHours, texts: SupportTexts, moment: Moment) -> String {
        switch hours {
        case .always: return texts.alwaysOpen
        case .unknown: return texts.hoursUnknown
        case .schedule(let schedule):
            if schedule.alwaysOpen { return texts.alwaysOpen }
            let ranges = schedule.rangesToday(at: moment.now, holidays: moment.holidays)
            if ranges.isEmpty { return texts.closedToday }
            if ranges.count == 1, ranges[0].open == 0, ranges[0].close == 1440 { return texts.alwaysOpen }
            return ranges.map(\.formatted).joined(separator: ", ")
        }
    }

    /// "Public holiday (Christmas Day): closed today" when today is a holiday in the country
    /// and one of the line's schedules does not simply keep its weekly hours on holidays.
    static func holidayNote(_ line: Helpline, texts: SupportTexts, moment: Moment) -> String? {
        guard moment.holidays.calendar != nil else { return nil }
        for channel in line.channels {
            guard let schedule = channel.hours.schedule, schedule.publicHolidays != .open, !schedule.alwaysOpen else { continue }
            let day = LocalTime(moment.now, in: schedule.timeZone).dayNumber
            guard let holiday = moment.holidays.holiday(on: day, regions: schedule.holidayRegions),
                let name = TextSlot(holiday.name.best(for: texts.language, preferred: line.languages) ?? holiday.key)
            else { continue }
            switch schedule.publicHolidays {
            case .closed: return texts.holidayClosed.filling(["holiday": name])
            case .special(let open, let close):
                let hours = TextSlot(WeeklyRange.format(open) + "–" + WeeklyRange.format(close))!
                return texts.holidaySpecial.filling(["holiday": name, "hours": hours])
            case .unknown: return texts.holidayUnknown.filling(["holiday": name])
            case .open: continue
            }
        }
        return nil
    }

    /// The actions the surface supports, for channels that are open or whose hours are not
    /// known (a closed channel is never offered), one per address: a chat and a website
    /// that open the same page are one button. A call-button surface shows calls and texts;
    /// a link surface shows links, chats and apps; when the filter would leave the line
    /// without an action, every offered one is kept.
    static func actions(
        for channels: [(channel: Helpline.Channel, state: OpenState)], presentation: SupportCard.Presentation, texts: SupportTexts
    ) -> [SupportCard.Action] {
        var seen = Set<String>()
        let all = channels.compactMap { channel, state -> SupportCard.Action? in
            guard state != .closed, var action = action(for: channel, texts: texts), seen.insert(action.uri).inserted else { return nil }
            action.open = state.asBool
            return action
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
        guard let number = TextSlot(channel.value) else { return nil }
        func make(_ kind: SupportCard.Action.Kind, _ uri: String, _ label: String) -> SupportCard.Action {
            .init(kind: kind, uri: uri, label: label, open: nil, channel: channel.kind)
        }
        switch channel.kind {
        case .phone:
            return make(.call, "tel:" + dialable(channel.value), texts.call.filling(["number": number]))
        case .sms:
            // A keyword line ("Text HOME to 741741") gets the keyword prefilled (RFC 5724).
            if let body = TextSlot(channel.body), let encoded = body.text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                return make(
                    .sms, "sms:" + dialable(channel.value) + "?body=" + encoded,
                    texts.smsKeyword.filling(["number": number, "body": body]))
            }
            return make(.sms, "sms:" + dialable(channel.value), texts.sms.filling(["number": number]))
        case .chat: return make(.chat, channel.value, texts.chat)
        case .whatsapp: return make(.chat, channel.value, texts.whatsapp)
        case .messenger: return make(.chat, channel.value, texts.messenger)
        case .video: return make(.link, channel.value, texts.video)
        case .web:
            guard let host = TextSlot(displayHost(channel.value)) else { return nil }
            return make(.link, channel.value, texts.website.filling(["host": host]))
        case .app: return make(.app, channel.value, texts.app)
        case .email: return make(.link, "mailto:" + channel.value, texts.email)
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
