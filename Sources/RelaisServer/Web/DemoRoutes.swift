import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// `GET /`: a pretend social feed for the `demo` tenant, so a newcomer tries the whole
/// report-to-help flow seconds after `swift run relais serve`. Each item's "…" menu has a
/// Report link to the embed sheet, which `relais.js` opens as a dialog — the same one-line
/// integration a platform would use.
struct DemoRoutes: Sendable {
    let tenants: any TenantStore
    let assets: WebAssets

    static let tenantName = "demo"
    static let routes = ["GET /"]

    func register(on router: Router<RelaisRequestContext>) {
        router.get("/") { request, _ in try await home(request) }
    }

    struct Item: Sendable {
        var kind: String
        var id: String
        var author: String
        var text: String
        var time: String
        var reportURL: String
        var menuLabel: String
        var comments: [Item]
        var hasComments: Bool
        /// "2 comments", in the reader's plural rule.
        var commentCount: String?
    }

    struct DemoView: Sendable {
        var page: WebPage
        /// "Need help?": the help window without reporting, its own entry in the feed.
        var helpURL: String
        var posts: [Item]
        var messages: [Item]
    }

    struct ClosedView: Sendable {
        var page: WebPage
        var heading: String
        var lines: [String]
    }

    func home(_ request: Request) async throws -> Response {
        let fields = FormFields.query(of: request)
        let language = WebLanguage.of(request, fields: fields)
        let texts = Messages(language, in: assets.messages, region: "FR")
        let page = WebPage(request, texts, title: texts("demo.title"), set: assets.messages, switchURL: { "/?lang=\($0.rawValue)" })
        guard try await tenants.tenant(named: Self.tenantName) != nil else {
            let view = ClosedView(
                page: page, heading: "Relais",
                lines: ["Relais is running. The demo feed needs a tenant named 'demo' (relais tenants create demo)."])
            return try assets.page("message", view, framing: .sameOrigin)
        }
        // The demo reporter is a teenager in France: the sheet and the help window the 3018's.
        let reporter = [
            "tenant": Self.tenantName, "surface": "demo-web", "reporter": "demo-reporter", "country": "FR", "age": "13-17",
        ]
        func item(_ kind: String, _ id: String, _ author: String, _ textKey: String, _ time: String, _ comments: [Item] = []) -> Item {
            let context = EmbedContext(
                FormFields(reporter.merging(["subjectKind": kind, "subjectId": id, "subjectAuthor": author]) { $1 }), language: language)
            return Item(
                kind: kind, id: id, author: author, text: texts("demo.\(textKey)"), time: time, reportURL: context.url("/embed/report"),
                menuLabel: texts("demo.moreOptions", ["who": author]), comments: comments, hasComments: !comments.isEmpty,
                commentCount: kind == "post" ? texts.plural("demo.comments", count: comments.count) : nil)
        }
        let posts = [
            item(
                "post", "post-1001", "camille.r", "post1", "2 h",
                [item("comment", "comment-2001", "leo_du_64", "comment1", "1 h"), item("comment", "comment-2002", "promo-gifts", "comment2", "45 min")]),
            item("post", "post-1002", "ines.dessine", "post2", "5 h", [item("comment", "comment-2003", "sam_k", "comment3", "4 h")]),
        ]
        let messages = [item("message", "message-3001", "inconnu_93", "message1", "10 min")]
        let helpURL = EmbedContext(FormFields(reporter), language: language).url("/embed/help")
        return try assets.page("demo", DemoView(page: page, helpURL: helpURL, posts: posts, messages: messages), framing: .sameOrigin)
    }
}
