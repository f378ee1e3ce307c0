/// A name in each language its operator or the law gives it: `{"de": "…", "en": "…"}`.
///
/// Names are never translated by Relais: a card shows the reader's language when a source
/// gives a name in it, else the line's own first language, else any name there is.
public struct LocalizedNames: Sendable, Equatable, Codable {
    /// ISO 639-1 code → name, never empty strings (the validator refuses them).
    public var byLanguage: [String: String]

    public init(_ byLanguage: [String: String]) { self.byLanguage = byLanguage }

    /// The name for a reader of `language`, falling back to `preferred` languages in order,
    /// then to the alphabetically first language, so the choice never depends on hashing.
    public func best(for language: String?, preferred: [String] = []) -> String? {
        if let language, let name = byLanguage[language] { return name }
        for code in preferred { if let name = byLanguage[code] { return name } }
        return byLanguage.keys.min().flatMap { byLanguage[$0] }
    }

    /// Whether the reader's language has a name of its own.
    public func has(_ language: String) -> Bool { byLanguage[language] != nil }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.singleValueContainer().decode([String: String?].self)
        byLanguage = values.compactMapValues { $0 }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(byLanguage)
    }
}
