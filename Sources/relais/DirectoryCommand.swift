import ArgumentParser
import Foundation
import RelaisCore
import RelaisServer

struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory", abstract: "Check and read the helpline directory.",
        subcommands: [Validate.self, Show.self, Stats.self])

    /// The shipped file, or the one named on the command line.
    static func read(_ file: String?) throws -> Data {
        if let file {
            guard let read = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read '\(file)'") }
            return read
        }
        guard let url = HelplineDirectory.bundledURL, let read = try? Data(contentsOf: url) else {
            throw ValidationError("the shipped directory is missing from this build")
        }
        return read
    }

    static func instant(_ text: String?, option: String) throws -> Date {
        guard let text else { return Date() }
        guard let parsed = Timestamp.parse(text) else { throw ValidationError("\(option): '\(text)' is not ISO 8601 with a zone") }
        return parsed
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a directory file (default: the one shipped with Relais); exits 1 on any error, prints warnings.")
        @Argument(help: "A directory JSON file.") var file: String?
        @Option(help: "Refuse a source checked longer ago than this many months.") var maxSourceAge: Int = 24
        @Option(help: "Warn about a source checked longer ago than this many months.") var warnSourceAge: Int = 12
        @Option(help: "The day the sources are dated against, ISO 8601 with a zone (default: now).") var today: String?

        func run() throws {
            let data = try DirectoryCommand.read(file)
            let options = DirectoryValidator.Options(
                today: try DirectoryCommand.instant(today, option: "--today"), maxSourceAgeMonths: maxSourceAge,
                warnSourceAgeMonths: warnSourceAge)
            let issues = DirectoryValidator.validate(json: data, options: options)
            let errors = DirectoryValidator.errors(issues)
            let name = file ?? "shipped directory"
            for issue in issues { print(issue) }
            if errors.isEmpty {
                let directory = try HelplineDirectory.decode(data)
                let warnings = issues.count == 0 ? "" : " (\(issues.count) warning(s))"
                print(
                    "\(name): valid — \(directory.helplines.count) entries in \(Set(directory.helplines.map(\.country)).count) countries, "
                        + "\(directory.holidays.count) holiday calendars, format \(HelplineDirectory.format), version \(directory.version)\(warnings).")
                return
            }
            print("\(name): \(errors.count) error(s), \(issues.count - errors.count) warning(s).")
            throw ExitCode.failure
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count countries, entries, entries per role, channels per kind and recently sourced facts.")
        @Argument(help: "A directory JSON file.") var file: String?
        @Option(help: "The day sources are dated against, ISO 8601 with a zone (default: now).") var today: String?

        func run() throws {
            let directory = try HelplineDirectory.decode(try DirectoryCommand.read(file))
            let stats = DirectoryStats(directory, today: try DirectoryCommand.instant(today, option: "--today"))
            print("directory \(directory.version) (format \(HelplineDirectory.format))")
            for line in stats.lines { print(line) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a country's helplines with each channel's hours, the holidays and the sources.")
        @Argument(help: "ISO 3166-1 alpha-2 country code.") var country: String
        @Option(help: "The instant for open/closed, ISO 8601 with a zone (default: now).") var at: String?
        @Flag(help: "Print the entries as JSON, in the directory's format.") var json = false

        func run() throws {
            guard let code = CountryCode(rawValue: country) else {
                throw ValidationError("'\(country)' is not an ISO 3166-1 alpha-2 country code (such as FR)")
            }
            let now = try DirectoryCommand.instant(at, option: "--at")
            let directory = try HelplineDirectory.bundled()
            let lines = directory.helplines(in: code)
            if json { try printJSON(lines); return }
            guard !lines.isEmpty else {
                print("No entries for \(code) in directory \(directory.version); the card shows none there.")
                return
            }
            let holidays = directory.holidays(in: code)
            print("\(code) — directory \(directory.version)")
            let zone = lines.lazy.flatMap(\.channels).compactMap { $0.hours.schedule?.timeZone }.first ?? TimeZone(identifier: "UTC")!
            print(HolidayText.render(directory.calendar(for: code), holidays: holidays, now: now, zone: zone))
            for line in lines {
                let entry = SupportPolicy.entry(for: line, presentation: .both, texts: .english, now: now, holidays: holidays)
                let state = entry.open.map { $0 ? "open" : "closed" } ?? "hours not known"
                print("\n\(line.id)\(line.verified ? "" : "  [UNVERIFIED: not shown unless a tenant opts in]")")
                print("  \(entry.name)" + (line.organisation.map { " — \($0)" } ?? ""))
                print("  roles: \(line.roles.map(\.rawValue).joined(separator: ", "))")
                print("  now: \(state), today \(entry.hoursToday)" + (entry.opensAt.map { ", opens \($0)" } ?? ""))
                if let holiday = entry.holiday { print("  \(holiday)") }
                for (channel, channelState) in zip(line.channels, entry.channels) {
                    let now = channelState.open.map { $0 ? "open" : "closed" } ?? "hours not known"
                    print("  \(channel.key): \(channel.value) — \(HolidayText.hours(channel.hours)) — now \(now)"
                        + (channelState.opensAt.map { ", opens \($0)" } ?? ""))
                }
                for action in entry.actions { print("  action \(action.kind.rawValue): \(action.uri)") }
                for source in line.sources {
                    print("  source: \(source.url) (checked \(source.checked ?? "never")) backs \(source.backs.joined(separator: ", "))")
                }
            }
        }
    }
}

/// A country's holidays and a channel's hours as text for `relais directory show`.
enum HolidayText {
    /// The coming holidays are counted in `zone`, the country's lines' own.
    static func render(_ calendar: HolidayCalendar?, holidays: HolidayDays, now: Date, zone: TimeZone) -> String {
        guard let calendar else { return "public holidays: no calendar in the directory (holiday rules are not evaluated)" }
        var text = "public holidays: \(calendar.holidays.count) rules, source \(calendar.sources.first?.url ?? "none")"
        if let sub = calendar.substitution {
            text += "; weekend holidays move: saturday \(sub.saturday?.rawValue ?? "no"), sunday \(sub.sunday?.rawValue ?? "no")"
        }
        let zoneDay = Int64(((now.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: now))) / 86_400).rounded(.down))
        let coming = (0...60).compactMap { offset -> String? in
            let day = zoneDay + Int64(offset)
            guard let holiday = holidays.holiday(on: day) else { return nil }
            let date = Date(timeIntervalSince1970: TimeInterval(day * 86_400))
            let iso = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            return "\(iso) \(holiday.name.best(for: "en") ?? holiday.key)"
        }
        if !coming.isEmpty { text += "\nnext 60 days: " + coming.joined(separator: ", ") }
        return text
    }

    static func hours(_ hours: ChannelHours) -> String {
        switch hours {
        case .always: return "24/7"
        case .unknown: return "hours not known"
        case .schedule(let s):
            let ranges = s.weekly.map { range in
                Weekday.allCases.filter(range.days.contains).map(\.rawValue).joined(separator: ",") + " " + range.formatted
            }
            return ranges.joined(separator: "; ") + " \(s.timeZone.identifier); public holidays \(s.publicHolidays.label)"
        }
    }
}
