import Foundation

/// Checks a helpline directory against the rules of `docs/directory.md`. Pure: no I/O, and
/// the day against which sources are dated is an argument.
public enum DirectoryValidator {
    /// How old a source may be.
    public struct Options: Sendable {
        /// The day the check runs; `nil` checks that every source has a date, not its age.
        public var today: Date?
        /// A source checked longer ago than this is refused.
        public var maxSourceAgeMonths: Int
        /// A source checked longer ago than this is a warning.
        public var warnSourceAgeMonths: Int

        public init(today: Date? = nil, maxSourceAgeMonths: Int = 24, warnSourceAgeMonths: Int = 12) {
            self.today = today
            self.maxSourceAgeMonths = maxSourceAgeMonths
            self.warnSourceAgeMonths = warnSourceAgeMonths
        }
    }

    /// Every issue in a decoded directory, in entry order; empty when the directory is sound.
    public static func validate(_ directory: HelplineDirectory, options: Options = .init()) -> [DirectoryIssue] {
        holidayIssues(directory.holidays, options: options)
            + validate(directory.helplines, positions: Array(directory.helplines.indices), holidays: directory.holidays, options: options)
    }

    /// The errors only.
    public static func errors(_ issues: [DirectoryIssue]) -> [DirectoryIssue] { issues.filter { $0.severity == .error } }

    /// The rules, with each entry reported at `positions[i]` (its place in the original JSON).
    static func validate(
        _ helplines: [Helpline], positions: [Int], holidays: [HolidayCalendar], options: Options
    ) -> [DirectoryIssue] {
        var issues: [DirectoryIssue] = []
        var seen: [String: Int] = [:]
        let calendars = Set(holidays.map(\.country))
        for (i, line) in helplines.enumerated() {
            let index = positions[i]
            func issue(_ rule: DirectoryIssue.Rule, _ reason: String, _ severity: DirectoryIssue.Severity = .error) {
                issues.append(DirectoryIssue(entryId: line.id, index: index, rule: rule, reason: reason, severity: severity))
            }
            if let first = seen[line.id] {
                issue(.duplicateId, "duplicate id '\(line.id)' (first used by helplines[\(first)])")
            } else {
                seen[line.id] = index
            }
            if let problem = idProblem(line.id, country: line.country) { issue(.badId, problem) }
            if line.name.byLanguage.isEmpty { issue(.badName, "entry has no name in any language") }
            for (language, text) in line.name.byLanguage.sorted(by: { $0.key < $1.key })
            where !text.contains(where: { !$0.isWhitespace }) || language.count != 2 {
                issue(.badName, "name '\(language)': a name needs an ISO 639-1 code and a non-empty text")
            }

            if line.channels.isEmpty { issue(.noChannel, "entry has no channel (phone, sms, chat, web, app or email)") }
            var addresses: [String: String] = [:]
            var keys = Set<String>()
            for (c, channel) in line.channels.enumerated() {
                let label = "channel \(c) (\(channel.key) '\(channel.value)')"
                if !keys.insert(channel.key).inserted {
                    issue(.duplicateChannel, "\(label): a second '\(channel.key)' channel needs its own key (\"phone2\") for its sources")
                }
                switch channel.kind {
                case .phone, .sms:
                    if let problem = numberProblem(channel.value, country: line.country, emergency: line.emergency) {
                        issue(.implausibleNumber, "\(label): \(problem)")
                    }
                case .web, .chat, .app, .whatsapp, .messenger, .video:
                    if !isHTTPSLink(channel.value) { issue(.insecureLink, "\(label): not an https URL with a host") }
                case .email:
                    if !isEmail(channel.value) { issue(.badEmail, "\(label): not an e-mail address") }
                }
                let address = SupportPolicy.action(for: channel, texts: .english)?.uri ?? channel.value
                if let other = addresses[address] {
                    issue(.duplicateChannel, "\(label) opens the same address as the '\(other)' channel: keep one", .warning)
                } else {
                    addresses[address] = channel.key
                }
                if let hours = channel.hours.schedule {
                    for problem in hoursProblems(hours) { issue(.badHours, "\(label) hours: \(problem)") }
                    if hours.publicHolidays != .open, !calendars.contains(line.country) {
                        issue(
                            .holidaysNotEvaluated,
                            "\(label): holiday rule '\(hours.publicHolidays.label)' but the directory has no holiday calendar for \(line.country)",
                            .warning)
                    }
                }
            }

            if line.sources.isEmpty { issue(.noSource, "entry has no source; every fact needs one") }
            if line.verified, !line.sources.isEmpty, !line.sources.contains(where: { $0.operatorOwn == true }) {
                issue(.noOperatorSource, "no source is the operator's or the government's own page: prefer it to a copy", .warning)
            }
            let backed = Set(line.sources.flatMap(\.backs))
            for fact in line.factKeys where !Helpline.isBacked(fact, by: backed) {
                issue(.unbackedFact, "fact '\(fact)' is named by no source's 'backs': add the source that states it, or remove the fact")
            }
            for (s, source) in line.sources.enumerated() {
                if line.verified && !isHTTPLink(source.url) {
                    issue(.sourceWithoutURL, "source \(s) of a verified entry has no http(s) URL ('\(source.url)')")
                }
                // An unverified entry is never shown: an old or undated source there is a
                // lead for research, not a refusal.
                for (rule, reason, severity) in dateProblems(source, label: "source \(s) (\(source.url))", options: options) {
                    issue(rule, reason, line.verified ? severity : .warning)
                }
            }
        }
        return issues
    }

    /// A calendar needs a dated source like any fact; one calendar per country.
    static func holidayIssues(_ calendars: [HolidayCalendar], options: Options) -> [DirectoryIssue] {
        var issues: [DirectoryIssue] = []
        var seen = Set<CountryCode>()
        for calendar in calendars {
            let id = "holidays " + calendar.country.rawValue
            func issue(_ rule: DirectoryIssue.Rule, _ reason: String, _ severity: DirectoryIssue.Severity = .error) {
                issues.append(DirectoryIssue(entryId: id, index: nil, rule: rule, reason: reason, severity: severity))
            }
            if !seen.insert(calendar.country).inserted { issue(.badHolidays, "a second calendar for \(calendar.country)") }
            if calendar.sources.isEmpty { issue(.noSource, "calendar has no source") }
            if !calendar.sources.contains(where: { $0.backs.contains("holidays") }) {
                issue(.unbackedFact, "no source's 'backs' names 'holidays'")
            }
            if !calendar.sources.isEmpty, !calendar.sources.contains(where: { $0.operatorOwn == true }) {
                issue(.noOperatorSource, "no source is the law or a government page: prefer it to a copy", .warning)
            }
            for (s, source) in calendar.sources.enumerated() {
                for (rule, reason, severity) in dateProblems(source, label: "source \(s) (\(source.url))", options: options) {
                    issue(rule, reason, severity)
                }
            }
            var keys = Set<String>()
            for holiday in calendar.holidays where !keys.insert(holiday.key).inserted {
                issue(.badHolidays, "holiday key '\(holiday.key)' used twice")
            }
        }
        return issues
    }

    /// A source's `checked` date: present, a real day, not in the future, not too old.
    static func dateProblems(_ source: Helpline.Source, label: String, options: Options)
        -> [(DirectoryIssue.Rule, String, DirectoryIssue.Severity)]
    {
        guard let checked = source.checked else { return [(.undatedSource, "\(label) has no 'checked' date", .error)] }
        guard let day = day(of: checked) else {
            return [(.undatedSource, "\(label): 'checked' is '\(checked)', not a date YYYY-MM-DD", .error)]
        }
        guard let today = options.today else { return [] }
        let now = LocalTime(today, in: TimeZone(identifier: "UTC")!).dayNumber
        let months = Int((now - day) / 30)  // months of 30 days: a day either way does not matter here
        if now < day { return [(.undatedSource, "\(label): 'checked' \(checked) is in the future", .error)] }
        if months > options.maxSourceAgeMonths {
            return [(.staleSource, "\(label) was checked \(checked), more than \(options.maxSourceAgeMonths) months ago: check it again", .error)]
        }
        if months >= options.warnSourceAgeMonths {
            return [(.staleSource, "\(label) was checked \(checked), \(options.warnSourceAgeMonths) months ago or more", .warning)]
        }
        return []
    }

    /// The day number of a `YYYY-MM-DD` date.
    public static func day(of text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
            (1...CivilDate.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        return CivilDate.days(year: y, month: m, day: d)
    }

    /// Decodes directory JSON entry by entry and validates it. Every entry that does not
    /// decode is reported with its index (and id when it can be read); the rules of
    /// `validate(_:)` then run on the entries that did decode.
    public static func validate(json data: Data, options: Options = .init()) -> [DirectoryIssue] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            return [DirectoryIssue(entryId: nil, index: nil, rule: .decodeError, reason: "not valid JSON: \(error.localizedDescription)")]
        }
        guard let object = root as? [String: Any] else {
            return [DirectoryIssue(entryId: nil, index: nil, rule: .decodeError, reason: "the top level is not an object")]
        }
        if let problem = HelplineDirectory.formatProblem(object["format"] as? Int) {
            return [DirectoryIssue(entryId: nil, index: nil, rule: .unsupportedFormat, reason: problem)]
        }
        var issues: [DirectoryIssue] = []
        let version = object["version"] as? String
        if version == nil {
            issues.append(DirectoryIssue(entryId: nil, index: nil, rule: .decodeError, reason: "missing string 'version'"))
        }
        let decoder = JSONDecoder()
        var calendars: [HolidayCalendar] = []
        for (index, calendar) in (object["holidays"] as? [Any] ?? []).enumerated() {
            do {
                let entryData = try JSONSerialization.data(withJSONObject: calendar, options: [.fragmentsAllowed])
                calendars.append(try decoder.decode(HolidayCalendar.self, from: entryData))
            } catch let error as DecodingError {
                issues.append(DirectoryIssue(entryId: "holidays[\(index)]", index: nil, rule: .decodeError, reason: describe(error)))
            } catch {
                issues.append(DirectoryIssue(entryId: "holidays[\(index)]", index: nil, rule: .decodeError, reason: "\(error)"))
            }
        }
        issues += holidayIssues(calendars, options: options)
        guard let entries = object["helplines"] as? [Any] else {
            issues.append(DirectoryIssue(entryId: nil, index: nil, rule: .decodeError, reason: "missing array 'helplines'"))
            return issues
        }
        var decoded: [Helpline] = []
        var indexes: [Int] = []
        for (index, entry) in entries.enumerated() {
            let id = (entry as? [String: Any])?["id"] as? String
            do {
                let entryData = try JSONSerialization.data(withJSONObject: entry, options: [.fragmentsAllowed])
                decoded.append(try decoder.decode(Helpline.self, from: entryData))
                indexes.append(index)
            } catch let error as DecodingError {
                issues.append(DirectoryIssue(entryId: id, index: index, rule: .decodeError, reason: describe(error)))
            } catch {
                issues.append(DirectoryIssue(entryId: id, index: index, rule: .decodeError, reason: "\(error)"))
            }
        }
        // Run the rules on what decoded, reporting the original positions.
        issues += validate(decoded, positions: indexes, holidays: calendars, options: options)
        // Stable sort: directory-level problems first, then by entry position.
        return issues.enumerated().sorted { a, b in
            let (ia, ib) = (a.element.index ?? -1, b.element.index ?? -1)
            return ia != ib ? ia < ib : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: - Rules

    static func idProblem(_ id: String, country: CountryCode) -> String? {
        let prefix = country.rawValue.lowercased() + "-"
        guard id.hasPrefix(prefix) else { return "id '\(id)' must start with '\(prefix)' for country \(country)" }
        let slug = id.dropFirst(prefix.count)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard !slug.isEmpty, slug.allSatisfy(allowed.contains), slug.first != "-", slug.last != "-", !slug.contains("--") else {
            return "id '\(id)' must be '\(prefix)' followed by a lower-case slug (a–z, 0–9, single hyphens)"
        }
        return nil
    }

    /// `nil` when `value` is a plausible phone or SMS number for `country`.
    ///
    /// Only digits, spaces, `+` (first character only) and `-` are allowed. International
    /// form (`+…`) must start with the country's calling code and have 8–15 digits. National
    /// form is a short code of 3–6 digits or a number of 7–15 digits; 2-digit numbers (France's
    /// 17) are accepted only on emergency entries.
    static func numberProblem(_ value: String, country: CountryCode, emergency: Bool) -> String? {
        guard !value.isEmpty else { return "empty number" }
        let allowed = Set("0123456789 -+")
        if let bad = value.first(where: { !allowed.contains($0) }) {
            return "character '\(bad)' is not allowed (digits, spaces, '+' and '-' only)"
        }
        if value.dropFirst().contains("+") { return "'+' is allowed only as the first character" }
        if let last = value.last, last == " " || last == "-" { return "ends with a separator" }
        if value.hasPrefix(" ") || value.hasPrefix("-") { return "starts with a separator" }
        if value.contains("  ") || value.contains("--") || value.contains(" -") || value.contains("- ") {
            return "repeated separators"
        }
        let digits = value.filter(\.isNumber)
        if value.hasPrefix("+") {
            guard let code = callingCodes[country.rawValue] else {
                return "no calling code is known for \(country); add it to DirectoryValidator.callingCodes"
            }
            guard digits.hasPrefix(code) else { return "international form must start with +\(code) for \(country)" }
            guard (8...15).contains(digits.count) else { return "international number must have 8–15 digits" }
            return nil
        }
        switch digits.count {
        case 3...6, 7...15: return nil
        case 2 where emergency: return nil
        default: return "\(digits.count) digits: expected a short code of 3–6 digits or a number of 7–15 digits"
        }
    }

    static func isHTTPSLink(_ value: String) -> Bool {
        guard let url = URL(string: value), url.scheme == "https", let host = url.host, !host.isEmpty else { return false }
        return !value.contains(" ")
    }

    static func isHTTPLink(_ value: String) -> Bool {
        guard let url = URL(string: value), url.scheme == "https" || url.scheme == "http", let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !value.contains(where: { $0 == " " || $0 == ":" || $0 == "/" })
    }

    /// Problems with a schedule: ranges without days, zero-length ranges, and ranges that
    /// overlap on the same day or through a range that runs past midnight into the next one.
    static func hoursProblems(_ hours: OpeningHours) -> [String] {
        var problems: [String] = []
        if !hours.alwaysOpen && hours.weekly.isEmpty {
            problems.append("not always open and no weekly ranges: use \"unknown\" when no source gives them, \"always\" for 24/7")
        }
        let week = 7 * 1440
        let order = Weekday.allCases
        // Every range as intervals of minutes since Monday 00:00, split at the end of the week.
        var intervals: [(start: Int, end: Int, label: String)] = []
        for range in hours.weekly {
            let label = range.formatted
            if range.days.isEmpty { problems.append("range \(label) has no days") }
            if range.open == range.close {
                problems.append("range \(label) opens and closes at the same time (inverted or empty)")
                continue
            }
            for day in order where range.days.contains(day) {
                let dayIndex = order.firstIndex(of: day)!
                let start = dayIndex * 1440 + range.open
                let end = dayIndex * 1440 + (range.crossesMidnight ? range.close + 1440 : range.close)
                let dayLabel = "\(day.rawValue) \(label)"
                if end > week {
                    intervals.append((start, week, dayLabel))
                    intervals.append((0, end - week, dayLabel))
                } else {
                    intervals.append((start, end, dayLabel))
                }
            }
        }
        intervals.sort { $0.start < $1.start }
        var reported = Set<String>()
        for i in intervals.indices {
            for j in intervals.indices where j > i {
                guard intervals[j].start < intervals[i].end else { break }
                let key = [intervals[i].label, intervals[j].label].sorted().joined(separator: "|")
                if reported.insert(key).inserted {
                    problems.append("ranges overlap: \(intervals[i].label) and \(intervals[j].label)")
                }
            }
        }
        return problems
    }

    /// Readable text for a decoding error: the JSON path and what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "entry" : text)
        }
        switch error {
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        @unknown default:
            return "\(error)"
        }
    }

    /// ITU calling codes (digits after '+') for the countries whose international numbers can be
    /// checked. North America shares +1.
    static let callingCodes: [String: String] = [
        "AT": "43", "BE": "32", "BG": "359", "CY": "357", "CZ": "420", "DE": "49", "DK": "45", "EE": "372",
        "ES": "34", "FI": "358", "FR": "33", "GR": "30", "HR": "385", "HU": "36", "IE": "353", "IT": "39",
        "LT": "370", "LU": "352", "LV": "371", "MT": "356", "NL": "31", "PL": "48", "PT": "351", "RO": "40",
        "SE": "46", "SI": "386", "SK": "421", "IS": "354", "LI": "423", "NO": "47", "CH": "41", "GB": "44",
        "US": "1", "CA": "1", "AU": "61", "NZ": "64", "AD": "376", "MC": "377", "SM": "378", "VA": "39",
        "AL": "355", "BA": "387", "ME": "382", "MK": "389", "RS": "381", "MD": "373", "UA": "380", "TR": "90",
        "GE": "995", "AM": "374", "IL": "972", "MA": "212", "TN": "216", "DZ": "213", "ZA": "27", "BR": "55",
        "MX": "52", "AR": "54", "CL": "56", "CO": "57", "JP": "81", "KR": "82", "IN": "91", "SG": "65",
        "HK": "852", "PH": "63", "ID": "62", "MY": "60", "TH": "66", "AE": "971", "SA": "966", "EG": "20",
        "NG": "234", "KE": "254", "GI": "350", "FO": "298", "GL": "299", "IM": "44", "JE": "44", "GG": "44",
        "RE": "262", "GP": "590", "MQ": "596", "GF": "594", "YT": "262", "PM": "508", "NC": "687", "PF": "689",
    ]
}
