import ArgumentParser
import Foundation
import RelaisCore
import RelaisServer

/// Prints the card a user would see at an instant: for support staff and rule checks.
struct SupportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "support", abstract: "Show the help card for a country, category and instant.")

    @Option(help: "ISO 3166-1 alpha-2 country code.") var country: String
    @Option(help: "Report category (\(ReportCategory.allCases.map(\.rawValue).joined(separator: ", "))).")
    var category: String = "harassment"
    @Option(help: "The instant, ISO 8601 with a zone (default: now).") var at: String?
    @Option(help: "Reporter's language, BCP 47 (default: en).") var locale: String?
    @Option(help: "Age bracket: under13, 13-17, 18+, unknown.") var age: String = "unknown"
    @Option(help: "Surface id, for its presentation.") var surface: String?
    @Option(help: "Config file with tenant settings.") var config: String?
    @Option(help: "Tenant whose settings apply (with --config).") var tenant: String = "cli"
    @Flag(help: "Print the SupportCard JSON.") var json = false

    func run() throws {
        var params = ["country": country, "category": category, "age": age]
        params["locale"] = locale
        params["surface"] = surface
        let request: SupportRequest
        switch SupportQuery.validate(params, tenant: tenant) {
        case .success(let valid): request = valid
        case .failure(let failure):
            throw ValidationError(failure.errors.map { "--\($0.field == "age" ? "age" : $0.field): \($0.message)" }.joined(separator: "\n"))
        }
        var instant = Date()
        if let at {
            guard let parsed = Timestamp.parse(at) else { throw ValidationError("--at: '\(at)' is not ISO 8601 with a zone, such as 2026-11-29T22:30:00+01:00") }
            instant = parsed
        }
        let bundled = try HelplineDirectory.bundled()
        let settings = try config.map { path in
            do { return try RelaisConfig.load(path: path, directory: bundled).tenants[tenant] ?? .default } catch let error as ConfigError {
                throw ValidationError(error.description)
            }
        } ?? .default
        let directory = bundled.applying(settings.helplines)
        let card = SupportPolicy.decide(request, config: settings, directory: directory, now: instant)
        if json {
            if let card { try printJSON(card) } else { print("null") }
            return
        }
        guard let card else {
            if !request.category.triggersSupport {
                print("No help card: the category '\(request.category.rawValue)' does not show one.")
            } else {
                print("No help card for \(request.country) with these settings (directory \(directory.version)).")
            }
            return
        }
        print(CardText.render(card))
    }
}

/// A card as plain text for a terminal.
enum CardText {
    static func render(_ card: SupportCard) -> String {
        var lines = [card.title, card.message, ""]
        for (index, line) in card.helplines.enumerated() {
            var state: String
            switch line.open {
            case true?: state = "OPEN"
            case false?: state = "CLOSED" + (line.opensAt.map { ", opens \($0)" } ?? "")
            case nil: state = "hours not known"
            }
            var facts: [String] = []
            if line.free == true { facts.append("free") }
            if line.anonymous == true { facts.append("anonymous") }
            if line.confidential == true { facts.append("confidential") }
            if line.emergency { facts.append("emergency") }
            lines.append("\(index + 1). \(line.name) — \(state) — hours today: \(line.hoursToday)" + (facts.isEmpty ? "" : " — " + facts.joined(separator: ", ")))
            if let holiday = line.holiday { lines.append("     \(holiday)") }
            for action in line.actions {
                lines.append("     [\(action.kind.rawValue)] \(action.label)  \(action.uri)" + (action.open == nil ? "  (hours not known)" : ""))
            }
        }
        lines.append("")
        lines.append("presentation: \(card.presentation.rawValue) · language: \(card.locale) · directory \(card.directoryVersion)")
        return lines.joined(separator: "\n")
    }
}
