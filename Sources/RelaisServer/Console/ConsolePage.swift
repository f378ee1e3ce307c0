/// What the console's layout reads on every page: the language (`<html lang>`), the texts
/// (`t`, which every console template reads as `{{t.group.key}}`), the title, the language
/// switch, the signed-in user and the notice.
struct ConsolePage: Sendable {
    var lang: String
    var t: Messages
    var pageTitle: String
    var user: ConsoleUser?
    var notice: String?
    var noticeIsError: Bool = false
    /// The switch's other languages, each named in its own language.
    var languages: [WebPage.LanguageLink]
}
