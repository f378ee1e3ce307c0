import Foundation
import HTTPTypes
import Hummingbird
import RelaisStore

/// A moderator's own display choices. Greyscale (issue 17, moderator safety): harmful
/// material is less vivid without colour, so a moderator may turn the whole console grey from
/// any page. The choice is kept on their account, not in the browser, so it follows them and
/// does not stay on a shared screen for the next person. The language (English or French) is
/// the browser's, in a cookie: the sign-in page needs it before anyone is signed in.
struct ConsolePreferenceRoutes: Sendable {
    let sessions: any ConsoleStore
    let pages: ConsolePages

    static let routes = ["POST /console/preferences/greyscale", "POST /console/preferences/language"]

    /// The language switch, outside the session check so that it works on the sign-in page.
    /// It changes only how this browser's console reads; the origin check still refuses
    /// another site's form, and the cookie is SameSite=Strict like the session's.
    func registerPublic(on console: RouterGroup<RelaisRequestContext>) {
        console.post("preferences/language") { request, _ in
            guard OriginCheck.isSameOrigin(request) else { return try pages.crossOriginRefused(pages.texts(request)) }
            let fields = try await FormFields.body(of: request)
            var response = ConsolePages.redirect(Self.back(request, allowingSignIn: true))
            if let chosen = fields["lang"].flatMap(WebLanguage.init(rawValue:)), ConsoleLanguage.all.contains(chosen) {
                response.setCookie(ConsoleCookies.make(ConsoleLanguage.cookie, value: chosen.rawValue, maxAge: ConsoleLanguage.cookieLifetime, request: request))
            }
            return response
        }
    }

    func register(on signedIn: RouterGroup<ConsoleRequestContext>) {
        signedIn.post("preferences/greyscale") { request, context in
            try await sessions.setConsoleGreyscale(moderatorId: context.moderator.id, on: context.form["greyscale"] == "on")
            return ConsolePages.redirect(Self.back(request))
        }
    }

    /// Back to the page the form was on: the Referer's path, when it is a console page of this
    /// origin (the session middleware already refused other origins); the queue otherwise.
    /// Never a URL given in the form: nothing here redirects elsewhere.
    static func back(_ request: Request, allowingSignIn: Bool = false) -> String {
        guard let referer = request.headers[.referer], let url = URL(string: referer), url.path.hasPrefix("/console/"),
            allowingSignIn || !url.path.hasPrefix("/console/login"), !url.path.contains("//")
        else { return "/console/queue" }
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }
}
