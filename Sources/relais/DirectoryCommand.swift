import ArgumentParser
import Foundation
import RelaisCore
import RelaisServer

struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory", abstract: "Check and read the helpline directory.",
        subcommands: [Validate.self, Show.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a directory file (default: the one shipped with Relais); exits 1 on any problem.")
        @Argument(help: "A directory JSON file.") var file: String?

        func run() throws {
            let data: Data
            if let file {
                guard let read = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read '\(file)'") }
                data = read
            } else {
                guard let url = HelplineDirectory.bundledURL, let read = try? Data(contentsOf: url) else {
                    throw ValidationError("the shipped directory is missing from this build")
                }
                data = read
            }
            let issues = DirectoryValidator.validate(json: data)
            let name = file ?? "shipped directory"
            if issues.isEmpty {
                let directory = try HelplineDirectory.decode(data)
                print("\(name): valid — \(directory.helplines.count) entries in \(Set(directory.helplines.map(\.country)).count) countries, version \(directory.version).")
                return
            }
            for issue in issues { print(issue) }
            print("\(name): \(issues.count) problem(s).")
            throw ExitCode.failure
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a country's helplines with their hours and sources.")
        @Argument(help: "ISO 3166-1 alpha-2 country code.") var country: String
        @Option(help: "The instant for open/closed, ISO 8601 with a zone (default: now).") var at: String?
        @Flag(help: "Print the entries as JSON, in the directory's format.") var json = false

        func run() throws {
            guard let code = CountryCode(rawValue: country) else {
                throw ValidationError("'\(country)' is not an ISO 3166-1 alpha-2 country code (such as FR)")
            }
            var now = Date()
            if let at {
                guard let parsed = Timestamp.parse(at) else { throw ValidationError("--at: '\(at)' is not ISO 8601 with a zone") }
                now = parsed
            }
            let directory = try HelplineDirectory.bundled()
            let lines = directory.helplines(in: code)
            if json { try printJSON(lines); return }
            guard !lines.isEmpty else {
                print("No entries for \(code) in directory \(directory.version); the card shows none there.")
                return
            }
            print("\(code) — directory \(directory.version)")
            for line in lines {
                let entry = SupportPolicy.entry(for: line, presentation: .both, texts: .english, now: now)
                let state = entry.open.map { $0 ? "open" : "closed" } ?? "hours unknown"
                print("\n\(line.id)\(line.verified ? "" : "  [UNVERIFIED: not shown unless a tenant opts in]")")
                print("  \(line.name)" + (line.organisation.map { " — \($0)" } ?? ""))
                print("  roles: \(line.roles.map(\.rawValue).joined(separator: ", "))")
                print("  now: \(state), today \(entry.hoursToday)" + (entry.opensAt.map { ", opens \($0)" } ?? ""))
                for action in entry.actions { print("  \(action.kind.rawValue): \(action.uri)") }
                for source in line.sources { print("  source: \(source.url)" + (source.checked.map { " (checked \($0))" } ?? "")) }
            }
        }
    }
}
