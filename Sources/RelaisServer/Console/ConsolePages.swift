import Foundation
import HTTPTypes
import Hummingbird
import RelaisStore

/// How every console page is rendered: the layout, the headers (no script at all, never
/// framed), and the few answers any console route may give.
struct ConsolePages: Sendable {
    let assets: WebAssets

    func page(_ title: String, _ session: ConsoleSession?, notice: String? = nil, error: Bool = false) -> ConsolePage {
        ConsolePage(pageTitle: title, user: session.map(ConsoleUser.init), notice: notice, noticeIsError: error)
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

    func message(_ session: ConsoleSession?, status: HTTPResponse.Status, _ heading: String, _ lines: [String], back: String? = nil) throws
        -> Response
    {
        try render("console-message", ConsoleMessageView(page: page(heading, session), heading: heading, lines: lines, backURL: back), status: status)
    }

    /// Another tenant's case is not found either: ids cannot be probed.
    func caseNotFound(_ session: ConsoleSession, back: String? = "/console/queue") throws -> Response {
        try message(session, status: .notFound, "Case not found", ["No case with this id for your tenant."], back: back)
    }

    func crossOriginRefused() throws -> Response {
        try message(nil, status: .forbidden, "Refused", ["Cross-origin form submissions are refused."])
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// Notices are chosen from a fixed list by key: nothing from the URL is echoed.
    static let notices: [String: String] = [
        "empty": "Nothing to claim: every open case is decided or held by someone.",
        "decided": "Decision recorded. The statement of reasons is stored and the platform is notified.",
        "released": "Lease released: the case is back in the queue.",
        "decided-next": "Decision recorded. This is the next case, claimed for you.",
        "decided-empty": "Decision recorded. No other case waits: every open case is decided or held by someone.",
        "renewed": "Lease renewed.",
        "claimed": "Case claimed: you hold its lease.",
        "escalated": ConsoleTexts.escalated,
        "noted": ConsoleTexts.noted,
        "user-changed": ConsoleTexts.Users.changed,
        "revealed": "Content shown. This was recorded in the audit log.",
        "replayed": "Replay queued. This was recorded in the audit log.",
        "resent": "Statement queued again for the Transparency Database. This was recorded in the audit log.",
        "no-appeal": "No appeal to claim: every open appeal is held by someone, or is against a decision you took.",
        "appeal-decided": "Review recorded. The platform is notified and tells the appellant.",
        "appeal-released": "Lease released: the appeal is back in the queue.",
    ]

    static func notice(_ request: Request) -> String? {
        FormFields.query(of: request)["notice"].flatMap { notices[$0] }
    }
}
