import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// `POST /embed/handoff-consent`: the answer of the person who reported, from the receipt's
/// two buttons, to whether the helpline may use their reference. The form token is bound to
/// the tenant and the report, and the post must come from Relais's own origin (CSRF); the
/// answer page shows the reference again, what was recorded, and the same two buttons.
struct HandoffPageRoutes: Sendable {
    let tenants: any TenantStore
    let flaggers: any FlaggerStore
    let clock: RelaisClock
    let assets: WebAssets
    let tokens: FormTokens

    static let routes = ["POST /embed/handoff-consent"]

    struct AnswerView: Sendable {
        var page: WebPage
        var handoff: HandoffConsentView
        var helpURL: String
    }

    func register(on router: Router<RelaisRequestContext>) {
        router.post("embed/handoff-consent") { request, _ in try await answer(request) }
    }

    func answer(_ request: Request) async throws -> Response {
        let fields = try await FormFields.body(of: request)
        let language = WebLanguage.of(request, fields: fields)
        guard OriginCheck.isSameOrigin(request) else { throw HTTPError(.forbidden, message: "Cross-origin form submissions are refused.") }
        let reportId = fields["reportId"] ?? "", tenantName = fields["tenant"] ?? ""
        guard reportId.count <= 64, StoredText.isStorable(tenantName), let tenant = try await tenants.tenant(named: tenantName),
            tokens.isValid(fields["formToken"] ?? "", tenant: tenant.name, formId: HandoffConsentView.formId(reportId: reportId), at: clock.now()),
            let choice = fields["consent"], choice == "yes" || choice == "no"
        else { throw HTTPError(.forbidden, message: "This form has expired. Report again or ask the platform for help.") }
        let outcome = try await flaggers.recordHandoffConsent(
            reportId: reportId, tenantId: tenant.id, consent: choice == "yes" ? .given : .refused, now: clock.now())
        guard case .recorded(let reference, let consent) = outcome else { throw HTTPError(.notFound) }
        let texts = Messages(language, in: assets.messages)
        let formId = HandoffConsentView.formId(reportId: reportId)
        let view = AnswerView(
            // The answer to a form: nothing to ask for again in another language.
            page: WebPage(request, texts, title: texts("handoff.title"), set: assets.messages, switchURL: nil),
            handoff: HandoffConsentView(
                reference: reference, reportId: reportId, tenant: tenant.name, lang: language.rawValue, formId: formId,
                formToken: tokens.issue(tenant: tenant.name, formId: formId, at: clock.now()),
                recorded: consent == .given ? texts("handoff.recordedYes") : texts("handoff.recordedNo")),
            helpURL: "/embed/help?" + QueryString.make([("tenant", tenant.name), ("lang", language.rawValue)]))
        return try assets.page("handoff-answer", view, framing: .anyone)
    }
}
