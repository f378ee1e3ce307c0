import Foundation

/// The catalogues of one set of pages, one per language, loaded once at start and checked
/// against the reference language: a language cannot ship with a missing text, an extra
/// one, or a placeholder of its own. `relais serve` refuses to start on a broken set.
///
/// A set is a folder of `LANG.json` files under the bundle's `messages/`: `web` holds what
/// reporters, victims and appellants read. Another set (the console's) is another folder
/// with its own languages and the same checks: `MessageCatalogueSet.bundled("console", …)`.
struct MessageCatalogueSet: Sendable {
    /// English: the language every other one is checked against (the card's fallback too).
    static let referenceLanguage = "en"

    let name: String
    let catalogues: [String: MessageCatalogue]

    var reference: MessageCatalogue { catalogues[Self.referenceLanguage]! }

    /// The catalogue of a language of the set (checked at load: every language is there).
    subscript(_ language: String) -> MessageCatalogue { catalogues[language] ?? reference }

    /// Checks the catalogues and keeps them; every problem is listed in one error.
    init(name: String, catalogues: [MessageCatalogue], languages: [String]) throws {
        let byLanguage = Dictionary(catalogues.map { ($0.language, $0) }, uniquingKeysWith: { first, _ in first })
        let problems = Self.problems(byLanguage, languages: languages)
        guard problems.isEmpty else { throw MessageCatalogueError(problems.map { "messages/\(name)/" + $0 }) }
        self.name = name
        self.catalogues = byLanguage
    }

    /// Reads `messages/NAME/*.json` from the RelaisServer bundle.
    static func bundled(_ name: String, languages: [String]) throws -> MessageCatalogueSet {
        guard let folder = Bundle.module.url(forResource: "messages", withExtension: nil)?.appendingPathComponent(name) else {
            throw MessageCatalogueError(["the messages folder is missing from the RelaisServer bundle"])
        }
        return try load(from: folder, name: name, languages: languages)
    }

    /// Reads every `LANG.json` of a folder (a test points it at a fixture).
    static func load(from folder: URL, name: String, languages: [String]) throws -> MessageCatalogueSet {
        var catalogues: [MessageCatalogue] = []
        var problems: [String] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".json") {
            let language = String(file.dropLast(".json".count))
            do { catalogues.append(try MessageCatalogue(language: language, json: try Data(contentsOf: folder.appendingPathComponent(file)))) }
            catch let error as MessageCatalogueError { problems += error.problems }
            catch { problems.append("\(file): not valid JSON (\(error.localizedDescription))") }
        }
        guard problems.isEmpty else { throw MessageCatalogueError(problems.map { "messages/\(name)/" + $0 }) }
        return try MessageCatalogueSet(name: name, catalogues: catalogues, languages: languages)
    }

    /// What is wrong with a set of catalogues: a language missing or unexpected, a key of the
    /// reference missing elsewhere or a key only elsewhere, a text whose placeholders differ
    /// from the reference's, a counted text where the reference has a plain one (or the
    /// reverse), a counted text without the forms its language needs, an empty text.
    static func problems(_ catalogues: [String: MessageCatalogue], languages: [String]) -> [String] {
        guard let reference = catalogues[referenceLanguage] else { return ["\(referenceLanguage).json: the reference language is missing"] }
        var problems: [String] = []
        for language in languages where catalogues[language] == nil { problems.append("\(language).json: missing") }
        for language in catalogues.keys.sorted() where !languages.contains(language) {
            problems.append("\(language).json: not a language of this set (add it to the list of languages first)")
        }
        for (language, catalogue) in catalogues.sorted(by: { $0.key < $1.key }) {
            let file = "\(language).json"
            for key in reference.entries.keys.sorted() where catalogue.entries[key] == nil { problems.append("\(file): \(key): missing") }
            for key in catalogue.entries.keys.sorted() where reference.entries[key] == nil {
                problems.append("\(file): \(key): not in \(referenceLanguage).json (a text nothing reads, or a misspelt key)")
            }
            for (key, entry) in catalogue.entries.sorted(by: { $0.key < $1.key }) {
                if let expected = reference.entries[key] {
                    if entry.placeholders != expected.placeholders {
                        problems.append(
                            "\(file): \(key): placeholders \(entry.placeholders.map { "{\($0)}" }) differ from \(referenceLanguage).json's \(expected.placeholders.map { "{\($0)}" })")
                    }
                    switch (entry, expected) {
                    case (.text, .plural): problems.append("\(file): \(key): must give plural forms, as \(referenceLanguage).json does")
                    case (.plural, .text): problems.append("\(file): \(key): a plain text in \(referenceLanguage).json, not plural forms")
                    default: break
                    }
                }
                switch entry {
                case .text(let text) where text.trimmingCharacters(in: .whitespaces).isEmpty: problems.append("\(file): \(key): empty")
                case .plural(let forms):
                    let missing = PluralCategory.required(language: language).subtracting(forms.keys)
                    for category in PluralCategory.allCases where missing.contains(category) {
                        problems.append("\(file): \(key): the plural form '\(category.rawValue)' is missing")
                    }
                default: break
                }
            }
        }
        return problems
    }
}
