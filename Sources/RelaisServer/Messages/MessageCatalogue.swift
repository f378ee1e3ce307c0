import Foundation

/// Every text of one set of pages (the web pages a reporter sees, later the console) in one
/// language, read from one JSON file such as `messages/web/de.json`.
///
/// The file nests keys in groups (`{"sheet": {"title": "Melden"}}` is the key `sheet.title`,
/// which templates read as `{{t.sheet.title}}`). A counted text is an object of plural
/// forms: `{"one": "{count} Kommentar", "other": "{count} Kommentare"}`.
struct MessageCatalogue: Sendable, Equatable {
    let language: String
    let entries: [String: MessageEntry]

    init(language: String, entries: [String: MessageEntry]) {
        self.language = language
        self.entries = entries
    }

    /// Parses a catalogue file; a value that is neither a text, a group nor plural forms is
    /// refused with its key.
    init(language: String, json data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MessageCatalogueError(["\(language): the file is not a JSON object of groups and texts"])
        }
        var entries: [String: MessageEntry] = [:]
        var problems: [String] = []
        func walk(_ object: [String: Any], prefix: String) {
            for (name, value) in object {
                let key = prefix.isEmpty ? name : prefix + "." + name
                if let text = value as? String {
                    entries[key] = .text(text)
                } else if let group = value as? [String: Any] {
                    if let forms = Self.pluralForms(group) { entries[key] = .plural(forms) } else { walk(group, prefix: key) }
                } else {
                    problems.append("\(language): \(key): a text must be a string, a group of texts, or plural forms")
                }
            }
        }
        walk(root, prefix: "")
        guard problems.isEmpty else { throw MessageCatalogueError(problems.sorted()) }
        self.init(language: language, entries: entries)
    }

    /// `{"one": …, "other": …}`: only plural category names, only texts, and `other` given.
    private static func pluralForms(_ group: [String: Any]) -> [PluralCategory: String]? {
        var forms: [PluralCategory: String] = [:]
        for (name, value) in group {
            guard let category = PluralCategory(rawValue: name), let text = value as? String else { return nil }
            forms[category] = text
        }
        return forms[.other] == nil ? nil : forms
    }

    /// The text of a key, its placeholders filled. A key that is not in the catalogue is a
    /// programming error the catalogue test catches (every key code asks for is listed
    /// there); at run time it shows the key rather than stopping a page.
    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        switch entries[key] {
        case .text(let text)?: text.substituting(values)
        case .plural(let forms)?: (forms[.other] ?? key).substituting(values)
        case nil: key
        }
    }

    /// The counted text of a key in the form the count takes in this language, `{count}`
    /// filled with the number.
    func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        guard case .plural(let forms)? = entries[key] else { return text(key, values) }
        let form = forms[PluralCategory.category(of: count, language: language)] ?? forms[.other] ?? key
        return form.substituting(values.merging(["count": String(count)]) { given, _ in given })
    }
}

struct MessageCatalogueError: Error, CustomStringConvertible {
    let problems: [String]
    init(_ problems: [String]) { self.problems = problems }
    var description: String { problems.joined(separator: "\n") }
}
