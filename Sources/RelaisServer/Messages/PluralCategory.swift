/// The CLDR plural categories a catalogue's counted texts are written in
/// (`{"one": "{count} comment", "other": "{count} comments"}`).
///
/// The languages Relais speaks need only `one` and `other` for the whole numbers it counts:
/// CLDR's `many` (French, Spanish and Italian, for millions and more) is for compact
/// decimals such as "1 M", which no page writes. A language that needs `few` or `many` for
/// whole numbers (Polish, Czech, Russian…) adds its rule to `category(of:language:)` and
/// `required(language:)`, and the catalogue test then asks its files for those forms.
enum PluralCategory: String, Sendable, CaseIterable, Hashable {
    case zero, one, two, few, many, other

    /// The category of a whole number of things in a language (CLDR plural rules).
    static func category(of count: Int, language: String) -> PluralCategory {
        switch language {
        // French: "0 commentaire", "1 commentaire", "2 commentaires" (CLDR: i = 0,1 is one).
        case "fr": (count == 0 || count == 1) ? .one : .other
        // English, German, Spanish, Italian, Dutch: only 1 is one.
        default: count == 1 ? .one : .other
        }
    }

    /// The forms every counted text of a language must give.
    static func required(language: String) -> Set<PluralCategory> { [.one, .other] }
}
