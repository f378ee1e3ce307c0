import Foundation
import HTTPTypes
import Hummingbird
import RelaisStore

/// A moderator's own display choices. Greyscale (issue 17, moderator safety): harmful
/// material is less vivid without colour, so a moderator may turn the whole console grey from
/// any page. The choice is kept on their account, not in the browser, so it follows them and
/// does not stay on a shared screen for the next person.
struct ConsolePreferenceRoutes: Sendable {
    let sessions: any ConsoleStore

    static let routes = ["POST /console/preferences/greyscale"]

    func register(on signedIn: RouterGroup<ConsoleRequestContext>) {
        signedIn.post("preferences/greyscale") { request, context in
            try await sessions.setConsoleGreyscale(moderatorId: context.moderator.id, on: context.form["greyscale"] == "on")
            return ConsolePages.redirect(Self.back(request))
        }
    }

    /// Back to the page the form was on: the Referer's path, when it is a console page of this
    /// origin (the session middleware already refused other origins); the queue otherwise.
    /// Never a URL given in the form: nothing here redirects elsewhere.
    static func back(_ request: Request) -> String {
        guard let referer = request.headers[.referer], let url = URL(string: referer), url.path.hasPrefix("/console/"),
            !url.path.hasPrefix("/console/login"), !url.path.contains("//")
        else { return "/console/queue" }
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }
}
