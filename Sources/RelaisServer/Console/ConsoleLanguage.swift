import Hummingbird

/// The console's languages: English, and French for the moderators of a French platform.
///
/// The moderator's choice from the header's switch is kept in a cookie of its own (it is a
/// display choice, and the sign-in page needs it before anyone is signed in); without it, the
/// browser's Accept-Language among these two; else English, the catalogue of reference.
enum ConsoleLanguage {
    static let all: [WebLanguage] = [.en, .fr]
    static let cookie = "relais_console_lang"
    /// A year: the choice outlives sessions.
    static let cookieLifetime = 365 * 24 * 60 * 60

    static func of(_ request: Request) -> WebLanguage {
        if let chosen = request.cookies[cookie]?.value, let language = WebLanguage(rawValue: chosen), all.contains(language) {
            return language
        }
        return request.headers[.acceptLanguage].flatMap { WebLanguage.preferred(in: $0, among: all) } ?? .en
    }
}
