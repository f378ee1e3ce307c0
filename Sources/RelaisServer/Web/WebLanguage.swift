import Foundation
import Hummingbird

/// The languages of the pages a reporter, a victim or an appellant reads: those of the help
/// card (`SupportTexts`), so the page and the card never speak two languages. Each has its
/// catalogue, `messages/web/CODE.json`, checked at start (docs/languages.md).
enum WebLanguage: String, Sendable, CaseIterable {
    case en, fr, de, es, it, nl

    /// The region whose conventions dates follow when the reader's country is not known.
    var defaultRegion: String {
        switch self {
        case .en: "GB"
        case .fr: "FR"
        case .de: "DE"
        case .es: "ES"
        case .it: "IT"
        case .nl: "NL"
        }
    }

    /// The platform's `lang=` wins (the language switch sets it too), then the browser's
    /// Accept-Language by quality, then the tenant's default language, then English.
    static func negotiate(explicit: String?, acceptLanguage: String?, tenantDefault: WebLanguage? = nil) -> WebLanguage {
        if let explicit, let language = fromTag(explicit) { return language }
        return acceptLanguage.flatMap { preferred(in: $0) } ?? tenantDefault ?? .en
    }

    /// The best language of an Accept-Language header that Relais speaks: highest quality
    /// first, the header's order between equals; `q=0` means "not this one". `among` narrows
    /// the choice to the languages of one set of pages (the console speaks English and French).
    static func preferred(in acceptLanguage: String, among: [WebLanguage] = allCases) -> WebLanguage? {
        var ranked: [(language: WebLanguage, quality: Double, position: Int)] = []
        for (position, item) in acceptLanguage.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let language = fromTag(tag), among.contains(language) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0 { ranked.append((language, quality, position)) }
        }
        return ranked.sorted { ($0.quality, -$0.position) > ($1.quality, -$1.position) }.first?.language
    }

    /// `de-AT`, `de_AT`, `DE` → German.
    static func fromTag(_ tag: String) -> WebLanguage? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        return WebLanguage(rawValue: primary)
    }

    static func of(_ request: Request, fields: FormFields, tenantDefault: WebLanguage? = nil) -> WebLanguage {
        negotiate(explicit: fields.nonEmpty("lang"), acceptLanguage: request.headers[.acceptLanguage], tenantDefault: tenantDefault)
    }
}
