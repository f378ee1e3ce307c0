import Hummingbird

/// What every public page's layout reads: the language (`<html lang>`), the texts (`t`), the
/// title, the language switch, and whether the reader is on a phone.
struct WebPage: Sendable {
    var lang: String
    var t: Messages
    var pageTitle: String
    /// One link per other language, to the same page in the same state; empty where the page
    /// is the answer to a form and cannot be asked for again (the switch is then left out).
    var languages: [LanguageLink]
    var hasLanguages: Bool
    var isPhone: Bool

    /// A link of the language switch: named in its own language (`lang`, `hreflang`).
    struct LanguageLink: Sendable {
        var code: String
        var name: String
        var url: String
    }

    /// `switchURL` gives the same page in another language; nil: no switch on this page.
    init(_ request: Request, _ texts: Messages, title: String, set: MessageCatalogueSet, switchURL: ((WebLanguage) -> String)?) {
        lang = texts.language.rawValue
        t = texts
        pageTitle = title
        languages =
            switchURL.map { url in
                WebLanguage.allCases.filter { $0 != texts.language }.map {
                    LanguageLink(code: $0.rawValue, name: set[$0.rawValue].text("language.name"), url: url($0))
                }
            } ?? []
        hasLanguages = !languages.isEmpty
        isPhone = DeviceKind.isPhone(request)
    }
}
