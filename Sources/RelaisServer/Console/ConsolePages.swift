import Foundation
import HTTPTypes
import Hummingbird
import RelaisStore

/// How every console page is rendered: the layout, the headers (no script at all, never
/// framed), and the few answers any console route may give.
struct ConsolePages: Sendable {
    let assets: WebAssets

    /// The console's texts in the language the request asks for (`ConsoleLanguage`).
    func texts(_ request: Request) -> Messages { Messages(ConsoleLanguage.of(request), in: assets.consoleMessages) }

    func page(_ t: Messages, _ title: String, _ session: ConsoleSession?, notice: String? = nil, error: Bool = false) -> ConsolePage {
        ConsolePage(
            lang: t.language.rawValue, t: t, pageTitle: title, user: session.map { ConsoleUser($0, t) }, notice: notice, noticeIsError: error,
            languages: ConsoleLanguage.all.filter { $0 != t.language }.map {
                WebPage.LanguageLink(code: $0.rawValue, name: assets.consoleMessages[$0.rawValue].text("language.name"), url: "")
            })
    }

    func render(_ template: String, _ view: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try assets.page(template, view, status: status, framing: .sameOrigin)
        // The console runs only its own shortcuts script (no inline script, nothing from
        // elsewhere; every page works without it) and is never framed.
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        response.headers[.vary] = nil
        return response
    }

    func message(
        _ t: Messages, _ session: ConsoleSession?, status: HTTPResponse.Status, _ heading: String, _ lines: [String], back: String? = nil
    ) throws -> Response {
        try render("console-message", ConsoleMessageView(page: page(t, heading, session), heading: heading, lines: lines, backURL: back), status: status)
    }

    /// Another tenant's case is not found either: ids cannot be probed.
    func caseNotFound(_ t: Messages, _ session: ConsoleSession, back: String? = "/console/queue") throws -> Response {
        try message(t, session, status: .notFound, t("error.caseNotFound"), [t("error.caseNotFoundDetail")], back: back)
    }

    func crossOriginRefused(_ t: Messages) throws -> Response {
        try message(t, nil, status: .forbidden, t("error.refused"), [t("error.crossOrigin")])
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// Notices are chosen from a fixed list by key (`notice.KEY` in the catalogue): nothing
    /// from the URL is echoed.
    static let notices: Set<String> = [
        "empty", "decided", "released", "decided-next", "decided-empty", "renewed", "claimed", "escalated", "noted", "user-changed",
        "revealed", "replayed", "resent", "no-appeal", "appeal-decided", "appeal-released", "pile-on-closed",
    ]

    static func notice(_ request: Request, _ t: Messages) -> String? {
        FormFields.query(of: request)["notice"].flatMap { notices.contains($0) ? t("notice." + $0) : nil }
    }
}
