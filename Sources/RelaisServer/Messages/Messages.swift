import Foundation
import Mustache
import RelaisCore

/// The texts of one page in the reader's language: the catalogue's, the card's shared words
/// (`SupportTexts`: "Hours not known", "Call {number}" are written once, for the card and the
/// page alike), and the reader's conventions for dates and times.
///
/// Templates read it as `t`: `{{t.sheet.title}}` is the catalogue's key `sheet.title`.
struct Messages: Sendable, MustacheParent {
    let language: WebLanguage
    let catalogue: MessageCatalogue
    /// The reader's country when the platform gave it: dates follow its conventions
    /// ("7. Dezember" in Germany and Austria, but "Jänner" only in Austria).
    let region: String?

    init(_ language: WebLanguage, in set: MessageCatalogueSet, region: String? = nil) {
        self.language = language
        catalogue = set[language.rawValue]
        self.region = region
    }

    /// The card's own words in this language: the help window shares them.
    var card: SupportTexts { SupportTexts.forLanguage(LanguageTag(language.rawValue)) }

    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String { catalogue.text(key, values) }

    /// The text of a key when the catalogue has it: for codes that may be newer than the
    /// catalogue (a status, a DSA category), which are then shown as they are.
    func ifKnown(_ key: String) -> String? { catalogue.entries[key] != nil ? catalogue.text(key) : nil }

    func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        catalogue.plural(key, count: count, values)
    }

    /// A category's name in plain words (`category.NAME.label`), shared with every page.
    func category(_ category: ReportCategory) -> String { self("category.\(category.rawValue).label") }

    /// A decision's restrictions in the reader's words, one line each (`restriction.NAME`).
    func restrictions(of decision: Decision) -> [String] { decision.restrictions.map { self("restriction.\($0.rawValue)") } }

    /// What a template gets for `t.group`: the group, or the text when the key is one.
    func child(named name: String) -> Any? { Group(catalogue: catalogue, prefix: name).resolved }

    /// A group of keys, as the template walks down `t.category.harassment.label`.
    struct Group: MustacheParent {
        let catalogue: MessageCatalogue
        let prefix: String

        var resolved: Any? {
            if catalogue.entries[prefix] != nil { return catalogue.text(prefix) }
            return self
        }

        func child(named name: String) -> Any? { Group(catalogue: catalogue, prefix: prefix + "." + name).resolved }
    }

    // MARK: - Dates and times, in the reader's conventions and the given zone

    var locale: Locale {
        Locale(identifier: language.rawValue + "_" + (region ?? language.defaultRegion))
    }

    /// "15:00" (most of Europe), "15.00" or "3:00 PM" where the locale writes it so.
    func time(_ date: Date, in zone: TimeZone) -> String { format(date, template: "jmm", zone) }

    /// "Monday 7 December", "lundi 7 décembre", "Montag, 7. Dezember".
    func weekdayAndDay(_ date: Date, in zone: TimeZone) -> String { format(date, template: "EEEEdMMMM", zone) }

    /// "29 May 2027", "29 mai 2027", "29. Mai 2027".
    func day(_ date: Date, in zone: TimeZone) -> String { format(date, template: "dMMMMy", zone) }

    private func format(_ date: Date, template: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = zone
        formatter.setLocalizedDateFormatFromTemplate(template)
        return formatter.string(from: date)
    }
}
