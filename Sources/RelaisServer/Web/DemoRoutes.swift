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
    }

    struct DemoView: Sendable {
        var page: EmbedRoutes.Page
        var posts: [Item]
        var messages: [Item]
    }

    struct ClosedView: Sendable {
        var page: EmbedRoutes.Page
        var heading: String
        var lines: [String]
    }

    func home(_ request: Request) async throws -> Response {
        let fields = FormFields.query(of: request)
        let language = WebLanguage.of(request, fields: fields)
        let texts = WebTexts.of(language)
        let page = EmbedRoutes.Page(
            lang: language.rawValue, otherLang: language.other.rawValue, t: texts, pageTitle: texts.demoTitle,
            switchURL: "/?lang=\(language.other.rawValue)", isPhone: DeviceKind.isPhone(request))
        guard try await tenants.tenant(named: Self.tenantName) != nil else {
            let view = ClosedView(
                page: page, heading: "Relais",
                lines: ["Relais is running. The demo feed needs a tenant named 'demo' (relais tenants create demo)."])
            return try assets.page("message", view, framing: .sameOrigin)
        }
        let french = language == .fr
        func item(_ kind: String, _ id: String, _ author: String, _ fr: String, _ en: String, _ time: String, _ comments: [Item] = []) -> Item {
            let context = EmbedContext(
                FormFields([
                    "tenant": Self.tenantName, "surface": "demo-web", "subjectKind": kind, "subjectId": id,
                    "subjectAuthor": author, "reporter": "demo-reporter", "country": "FR", "age": "13-17",
                ]), language: language)
            return Item(
                kind: kind, id: id, author: author, text: french ? fr : en, time: time, reportURL: context.url("/embed/report"),
                menuLabel: texts.demoMoreOptions.substituting(["who": author]), comments: comments, hasComments: !comments.isEmpty)
        }
        let posts = [
            item(
                "post", "post-1001", "camille.r", "Qui vient au match samedi ? On a besoin d’un gardien ⚽",
                "Who’s coming to Saturday’s match? We need a goalkeeper ⚽", "2 h",
                [
                    item(
                        "comment", "comment-2001", "leo_du_64", "Pas toi en tout cas 😂 personne veut de toi, reste chez toi",
                        "Not you anyway 😂 nobody wants you, just stay home", "1 h"),
                    item(
                        "comment", "comment-2002", "promo-gifts", "GAGNEZ UN IPHONE 🎁 cliquez sur mon profil !!!",
                        "WIN AN IPHONE 🎁 click my profile!!!", "45 min"),
                ]),
            item(
                "post", "post-1002", "ines.dessine", "Mon dessin du jour : un renard sous la pluie 🦊",
                "Today’s drawing: a fox in the rain 🦊", "5 h",
                [item("comment", "comment-2003", "sam_k", "Trop beau !", "So good!", "4 h")]),
        ]
        let messages = [
            item(
                "message", "message-3001", "inconnu_93", "Réponds-moi ou je publie ton adresse et ton collège.",
                "Answer me or I’ll post your address and your school.", "10 min")
        ]
        return try assets.page("demo", DemoView(page: page, posts: posts, messages: messages), framing: .sameOrigin)
    }
}
