import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// Relais's own page for contesting a decision (DSA Art. 20), reached from the link the
/// `case.decided` webhook carries for each party, so a platform need not build a form. Public,
/// no API key: the sealed token (`AppealLinkToken`) says who may contest which decision, and
/// expires. Plain words in French and English, one field, works without JavaScript; the form
/// is CSRF-protected like the report sheet's (a form token, the same-origin check).
///
/// - `GET /embed/appeal?token=…` — what was decided, and the form.
/// - `POST /embed/appeal` — files the complaint through `AppealIntake`, as the API does.
struct AppealPageRoutes: Sendable {
    let tenants: any TenantStore
    let appeals: any AppealStore
    let intake: AppealIntake
    /// The secret that seals appeal links, shared by every instance on the database.
    let linkSecret: @Sendable () async throws -> Data
    let clock: RelaisClock
    let assets: WebAssets
    let tokens: FormTokens
    /// The tenants' default languages.
    let config: RelaisConfig

    static let routes = ["GET /embed/appeal", "POST /embed/appeal"]

    func register(on router: Router<RelaisRequestContext>) {
        router.get("embed/appeal") { request, _ in try await form(request) }
        router.post("embed/appeal") { request, _ in try await submit(request) }
    }

    struct FormView: Sendable {
        var page: WebPage
        var intro: String
        var decidedHeading: String
        var restrictions: [String]
        var hasRestrictions: Bool
        var reason: String?
        var deadline: String?
        var token: String
        var formId: String
        var formToken: String
        var explanation: String
        var errors: [String]
        var hasErrors: Bool
    }

    struct SentView: Sendable {
        var page: WebPage
        var text: String
        var reference: String
    }

    /// Who contests what, once the link is checked: `nil` means the link is no good.
    struct Contest: Sendable {
        var link: AppealLinkToken
        var tenant: Tenant
        var decision: RecordedDecision
    }

    func form(_ request: Request) async throws -> Response {
        let fields = FormFields.query(of: request)
        let token = fields["token"] ?? ""
        guard let contest = try await contest(token: token) else { return try linkInvalid(request, WebLanguage.of(request, fields: fields), token: token) }
        let language = language(request, fields, contest)
        if let refusal = try refusal(request, language, contest, token: token) { return refusal }
        return try formPage(request, language, contest, token: token, explanation: "", errors: [], status: .ok)
    }

    func submit(_ request: Request) async throws -> Response {
        let fields = try await FormFields.body(of: request)
        guard OriginCheck.isSameOrigin(request) else {
            throw HTTPError(.forbidden, message: "Cross-origin form submissions are refused.")
        }
        let token = fields["token"] ?? ""
        guard let contest = try await contest(token: token) else { return try linkInvalid(request, WebLanguage.of(request, fields: fields), token: token) }
        let language = language(request, fields, contest)
        let texts = messages(language)
        if let refusal = try refusal(request, language, contest, token: token) { return refusal }
        let explanation = fields["explanation"] ?? ""
        let formId = fields["formId"] ?? ""
        guard EmbedRoutes.isFormId(formId), tokens.isValid(fields["formToken"] ?? "", tenant: contest.tenant.name, formId: formId, at: clock.now()) else {
            return try formPage(request, language, contest, token: token, explanation: explanation, errors: [texts("errors.formExpired")], status: .forbidden)
        }
        let body: [String: Any] = [
            "decisionId": contest.decision.id, "party": contest.link.party.rawValue, "userId": contest.link.userId,
            "explanation": explanation, "language": language.rawValue,
        ]
        let appeal: AppealRequest
        switch AppealRequest.validate(json: body) {
        case .success(let valid): appeal = valid
        case .failure(let failure):
            let messages = failure.errors.map { $0.field == "explanation" && explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? texts("appeal.explanationMissing") : $0.description }
            return try formPage(request, language, contest, token: token, explanation: explanation, errors: messages, status: .unprocessableContent)
        }
        // A namespace of its own, so a form id can never replay an API client's key.
        switch try await intake.file(appeal, tenant: contest.tenant, idempotencyKey: "embed-appeal:" + formId) {
        case .created(let stored), .replayed(let stored):
            let view = SentView(
                page: page(request, language, title: texts("appeal.sentTitle"), switchURL: nil),
                text: texts("appeal.sentText", ["date": texts.day(stored.dueAt, in: Self.utc)]), reference: stored.id.rawValue)
            return try assets.page("appeal-sent", view, framing: .sameOrigin)
        case .keyReusedWithDifferentRequest:
            return try formPage(request, language, contest, token: token, explanation: explanation, errors: [texts("errors.formExpired")], status: .conflict)
        case .refused(let failure):
            let line: String =
                switch failure.errors.first?.field {
                case "party": texts("appeal.alreadyOpen")
                case "userId": texts("appeal.noStanding")
                default: texts("appeal.windowClosed")
                }
            return try message(request, language, heading: texts("appeal.cannotTitle"), lines: [line], status: .unprocessableContent)
        }
    }

    private func contest(token: String) async throws -> Contest? {
        guard !token.isEmpty, let link = AppealLinkToken.open(token, secret: try await linkSecret(), now: clock.now()),
            let tenant = try await tenants.tenant(id: link.tenantId),
            let decision = try await appeals.decision(id: link.decisionId, tenantId: tenant.id)
        else { return nil }
        return Contest(link: link, tenant: tenant, decision: decision)
    }

    /// A replaced decision or a closed window, said before the person writes anything.
    private func refusal(_ request: Request, _ language: WebLanguage, _ contest: Contest, token: String) throws -> Response? {
        let texts = messages(language)
        if !contest.decision.isInForce {
            return try message(request, language, heading: texts("appeal.cannotTitle"), lines: [texts("appeal.replaced")], status: .gone)
        }
        if let closes = contest.decision.complaintWindowCloses(party: contest.link.party, userId: contest.link.userId), clock.now() > closes {
            return try message(request, language, heading: texts("appeal.cannotTitle"), lines: [texts("appeal.windowClosed")], status: .gone)
        }
        return nil
    }

    private func formPage(
        _ request: Request, _ language: WebLanguage, _ contest: Contest, token: String, explanation: String, errors: [String],
        status: HTTPResponse.Status
    ) throws -> Response {
        let texts = messages(language), decision = contest.decision.decision
        let formId = UUID().uuidString
        let closes = contest.decision.complaintWindowCloses(party: contest.link.party, userId: contest.link.userId)
        let view = FormView(
            page: page(
                request, language, title: texts("appeal.title"),
                switchURL: { "/embed/appeal?" + QueryString.make([("token", token), ("lang", $0.rawValue)]) }),
            intro: contest.link.party == .author ? texts("appeal.introAuthor") : texts("appeal.introReporter"),
            decidedHeading: decision.isNoAction ? texts("appeal.decidedNoAction") : texts("appeal.decidedRestricted"),
            // The DSA's restrictions in the appellant's words, one line each.
            restrictions: texts.restrictions(of: decision), hasRestrictions: !decision.isNoAction,
            // The reporter reads what the moderator wrote for reporters, the author the explanation.
            reason: contest.link.party == .reporter ? (decision.noteForReporter ?? decision.explanation) : decision.explanation,
            deadline: closes.map { texts("appeal.deadline", ["date": texts.day($0, in: Self.utc)]) },
            token: token, formId: formId, formToken: tokens.issue(tenant: contest.tenant.name, formId: formId, at: clock.now()),
            explanation: explanation, errors: errors, hasErrors: !errors.isEmpty)
        return try assets.page("appeal", view, status: status, framing: .sameOrigin)
    }

    private func linkInvalid(_ request: Request, _ language: WebLanguage, token: String) throws -> Response {
        let texts = messages(language)
        return try message(
            request, language, heading: texts("appeal.linkInvalidTitle"), lines: [texts("appeal.linkInvalid")], status: .notFound,
            switchURL: { "/embed/appeal?" + QueryString.make([("token", token), ("lang", $0.rawValue)]) })
    }

    private func message(
        _ request: Request, _ language: WebLanguage, heading: String, lines: [String], status: HTTPResponse.Status,
        switchURL: ((WebLanguage) -> String)? = nil
    ) throws -> Response {
        let view = EmbedRoutes.MessageView(page: page(request, language, title: heading, switchURL: switchURL), heading: heading, lines: lines)
        return try assets.page("message", view, status: status, framing: .sameOrigin)
    }

    private func messages(_ language: WebLanguage) -> Messages { Messages(language, in: assets.messages) }

    private func page(_ request: Request, _ language: WebLanguage, title: String, switchURL: ((WebLanguage) -> String)?) -> WebPage {
        WebPage(request, messages(language), title: title, set: assets.messages, switchURL: switchURL)
    }

    /// The appellant's language: the link's `lang`, their browser's, their platform's default, English.
    private func language(_ request: Request, _ fields: FormFields, _ contest: Contest) -> WebLanguage {
        WebLanguage.of(request, fields: fields, tenantDefault: config.defaultLanguage(for: contest.tenant.name))
    }

    /// Deadlines are instants; the page names their day in UTC, the same for every reader.
    static let utc = TimeZone(identifier: "UTC")!
}
