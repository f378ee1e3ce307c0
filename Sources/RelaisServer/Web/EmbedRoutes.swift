import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// The embeddable report sheet: public pages, no API key. A report is accepted only for a
/// tenant that exists, with a form token Relais issued, from Relais's own origin.
///
/// - `GET /embed/report` — step 1 "what is wrong"; with `category=`, steps 2 and 3
///   (optional details, the good-faith confirmation).
/// - `POST /embed/report` — files the report through `ReportFiling`, answers the receipt
///   with the help window when the policy gives a card.
/// - `GET /embed/help` — help without reporting.
/// - `GET /embed/relais.js`, `GET /embed/static/{file}` — the script tag and the assets.
struct EmbedRoutes: Sendable {
    let tenants: any TenantStore
    /// Files the sheet's reports exactly as the API does.
    let filing: ReportFiling
    /// Counts what the help window's person did, as `POST /v1/support/events` does.
    let events: SupportRoutes
    let help: HelpCards
    let clock: RelaisClock
    let assets: WebAssets
    let tokens: FormTokens

    static let routes = [
        "GET /embed/report", "POST /embed/report", "GET /embed/help", "POST /embed/support-events", "GET /embed/relais.js",
        "GET /embed/static/{file}",
    ]

    func register(on router: Router<RelaisRequestContext>) {
        let embed = router.group("embed")
        embed.get("report") { request, _ in try await reportForm(request) }
        embed.post("report") { request, _ in try await submit(request) }
        embed.get("help") { request, _ in try await help(request) }
        embed.post("support-events") { request, _ in try await supportEvent(request) }
        embed.get("relais.js") { _, _ in try asset("relais.js") }
        embed.get("static/:file") { _, context in try asset(try context.parameters.require("file")) }
    }

    private func asset(_ name: String) throws -> Response {
        guard let response = assets.staticFile(name) else { throw HTTPError(.notFound) }
        return response
    }

    // MARK: - Pages

    /// The sheet's page around a view: the reader's language, the texts, the switch.
    func page(_ request: Request, _ context: EmbedContext, title: (Messages) -> String, switchURL: ((WebLanguage) -> String)?) -> WebPage {
        let texts = messages(context)
        return WebPage(request, texts, title: title(texts), set: assets.messages, switchURL: switchURL)
    }

    /// The texts in the reader's language, dates in the conventions of their country.
    func messages(_ context: EmbedContext) -> Messages { Messages(context.language, in: assets.messages, region: context.country) }

    /// The reader's language: the platform's `lang`, their browser's, the tenant's default, English.
    func language(_ request: Request, _ fields: FormFields) -> WebLanguage {
        WebLanguage.of(request, fields: fields, tenantDefault: fields.nonEmpty("tenant").flatMap(help.config.defaultLanguage(for:)))
    }

    /// The categories in the order the sheet shows them: the harassment family first.
    static let categoryOrder: [ReportCategory] =
        ReportCategory.allCases.filter(\.isHarassmentFamily) + ReportCategory.allCases.filter { !$0.isHarassmentFamily }

    struct CategoryChoice: Sendable {
        var id: String
        var label: String
        var example: String
    }

    struct StepOneView: Sendable {
        var page: WebPage
        var subjectSummary: String?
        var hidden: [EmbedContext.Hidden]
        var helpURL: String
        var family: [CategoryChoice]
        var otherCategories: [CategoryChoice]
    }

    struct StepTwoView: Sendable {
        var page: WebPage
        var subjectSummary: String?
        var hidden: [EmbedContext.Hidden]
        var category: String
        var categoryLabel: String
        var backURL: String
        var helpURL: String
        var formId: String
        var token: String
        var details: String
        var isTarget: Bool
        var errors: [String]
        var hasErrors: Bool
    }

    struct ReceiptView: Sendable {
        var page: WebPage
        var reference: String
        /// How the person will be able to contest the decision (DSA Art. 20).
        var contest: String
        /// The hand-off reference and the consent question, when the person is shown help.
        var handoff: HandoffConsentView?
        var helpURL: String
        var help: HelpWindowView?
        /// The receipt's link to the page that follows the report, in the reader's language.
        var statusURL: String?
    }

    struct HelpPageView: Sendable {
        var page: WebPage
        var help: HelpWindowView?
        var backURL: String?
    }

    struct MessageView: Sendable {
        var page: WebPage
        var heading: String
        var lines: [String]
    }

    func reportForm(_ request: Request) async throws -> Response {
        let fields = FormFields.query(of: request)
        let context = EmbedContext(fields, language: language(request, fields))
        if let refusal = try await refusal(request, context) { return refusal }
        let category = fields.nonEmpty("category").flatMap(ReportCategory.init(rawValue:))
        guard let category else { return try stepOne(request, context) }
        return try stepTwo(request, context, category: category, details: "", isTarget: fields["isTarget"] == "true", errors: [], status: .ok)
    }

    /// Who may frame this tenant's sheet: its configured sites, else any site.
    private func framing(_ context: EmbedContext) -> WebAssets.Framing {
        context.tenant.flatMap { help.config.frameAncestors[$0] }.map(WebAssets.Framing.origins) ?? .anyone
    }

    /// An unknown tenant or a broken integration URL: a page that says so, instead of a
    /// sheet whose report would be refused at the end.
    private func refusal(_ request: Request, _ context: EmbedContext) async throws -> Response? {
        guard let name = context.tenant, try await knownTenant(named: name) != nil else {
            let texts = messages(context)
            let view = MessageView(
                page: page(request, context, title: { $0("sheet.title") }, switchURL: { context.url("/embed/report", language: $0) }),
                heading: texts("sheet.title"), lines: [texts("errors.unknownTenant")])
            return try assets.page("message", view, status: .notFound)
        }
        let errors = context.integrationErrors()
        guard errors.isEmpty else {
            let texts = messages(context)
            let view = MessageView(
                page: page(request, context, title: { $0("sheet.title") }, switchURL: { context.url("/embed/report", language: $0) }),
                heading: texts("sheet.title"), lines: [texts("errors.formMisconfigured")] + errors.map(\.description))
            return try assets.page("message", view, status: .badRequest)
        }
        return nil
    }

    private func stepOne(_ request: Request, _ context: EmbedContext) throws -> Response {
        let texts = messages(context)
        let choices = Self.categoryOrder.map { category in
            CategoryChoice(
                id: category.rawValue, label: texts.category(category), example: texts("category.\(category.rawValue).example"))
        }
        let view = StepOneView(
            page: page(request, context, title: { $0("sheet.whatIsWrong") }, switchURL: { context.url("/embed/report", language: $0) }),
            subjectSummary: Self.subjectSummary(texts, kind: context.subjectKind, author: context.subjectAuthor),
            hidden: context.hidden, helpURL: context.url("/embed/help"),
            family: choices.filter { ReportCategory(rawValue: $0.id)?.isHarassmentFamily == true },
            otherCategories: choices.filter { ReportCategory(rawValue: $0.id)?.isHarassmentFamily != true })
        return try assets.page("report-step1", view, framing: framing(context))
    }

    private func stepTwo(
        _ request: Request, _ context: EmbedContext, category: ReportCategory, details: String, isTarget: Bool, errors: [String],
        status: HTTPResponse.Status
    ) throws -> Response {
        let texts = messages(context)
        let formId = UUID().uuidString.lowercased()
        let view = StepTwoView(
            page: page(
                request, context, title: { $0("sheet.detailsTitle") },
                // The same step: the category chosen and the "aimed at me" box (what was typed
                // in the details stays out of URLs, which logs and histories keep).
                switchURL: {
                    context.url("/embed/report", language: $0, extra: [("category", category.rawValue), ("isTarget", isTarget ? "true" : nil)])
                }),
            subjectSummary: Self.subjectSummary(texts, kind: context.subjectKind, author: context.subjectAuthor),
            hidden: context.hidden, category: category.rawValue, categoryLabel: texts.category(category),
            backURL: context.url("/embed/report"), helpURL: context.url("/embed/help"),
            formId: formId, token: tokens.issue(tenant: context.tenant ?? "", formId: formId, at: clock.now()),
            details: details, isTarget: isTarget, errors: errors, hasErrors: !errors.isEmpty)
        return try assets.page("report-step2", view, status: status, framing: framing(context))
    }

    // MARK: - Filing

    func submit(_ request: Request) async throws -> Response {
        let fields = try await FormFields.body(of: request)
        let context = EmbedContext(fields, language: language(request, fields))
        let texts = messages(context)
        guard OriginCheck.isSameOrigin(request) else {
            // Another site posting into Relais: no page to help it, just a refusal.
            throw HTTPError(.forbidden, message: "Cross-origin form submissions are refused.")
        }
        if let refusal = try await refusal(request, context) { return refusal }
        guard let tenantName = context.tenant, let tenant = try await knownTenant(named: tenantName) else {
            throw HTTPError(.notFound)
        }
        let category = fields.nonEmpty("category").flatMap(ReportCategory.init(rawValue:))
        guard let category else { return try stepOne(request, context) }
        let details = fields.nonEmpty("details")
        let isTarget = fields["isTarget"] == "true"
        let formId = fields["formId"] ?? ""
        guard Self.isFormId(formId), tokens.isValid(fields["token"] ?? "", tenant: tenant.name, formId: formId, at: clock.now()) else {
            // Keep what the person wrote: they only need to send again.
            return try stepTwo(
                request, context, category: category, details: details ?? "", isTarget: isTarget, errors: [texts("errors.formExpired")],
                status: .forbidden)
        }
        let json = context.draftJSON(
            category: category.rawValue, details: details, isTarget: isTarget, goodFaith: fields["goodFaith"] == "true")
        let draft: ReportDraft
        switch ReportDraft.validate(json) {
        case .success(let valid): draft = valid
        case .failure(let failure):
            let messages = failure.errors.map { $0.field == "goodFaith" ? texts("errors.goodFaithMissing") : $0.description }
            return try stepTwo(
                request, context, category: category, details: details ?? "", isTarget: isTarget, errors: messages,
                status: .unprocessableContent)
        }
        // A namespace of its own, so a form id can never replay an API client's key.
        let outcome = try await filing.file(draft, tenant: tenant, idempotencyKey: "embed:" + formId)
        let receipt: ReportReceipt
        switch outcome {
        case .created(let stored), .replayed(let stored): receipt = stored
        case .keyReusedWithDifferentRequest:
            // The same form sent again with other answers: treat it as a new form.
            return try stepTwo(
                request, context, category: category, details: details ?? "", isTarget: isTarget, errors: [texts("errors.formExpired")],
                status: .conflict)
        }
        let view = ReceiptView(
            page: page(request, context, title: { $0("receipt.title") }, switchURL: nil),
            reference: receipt.id, contest: texts("receipt.contest"),
            handoff: receipt.handoff.map {
                HandoffConsentView(
                    reference: $0.reference, reportId: receipt.id, tenant: tenant.name,
                    lang: context.language.rawValue, formId: HandoffConsentView.formId(reportId: receipt.id),
                    formToken: tokens.issue(tenant: tenant.name, formId: HandoffConsentView.formId(reportId: receipt.id), at: clock.now()),
                    recorded: nil)
            },
            helpURL: context.url("/embed/help"),
            help: receipt.support.map {
                var window = HelpWindowView(card: $0, texts: texts, now: clock.now())
                window.events = supportEvents(tenant, context, reportId: receipt.id)
                return window
            },
            statusURL: receipt.statusPage.map { $0.path + "&" + QueryString.make([("lang", context.language.rawValue)]) })
        return try assets.page("report-sent", view, framing: framing(context))
    }

    /// "You are reporting a comment by leo_du_64." A whole sentence per kind, so each language
    /// gets its articles and genders right. The author is the platform's text and may be
    /// hostile: the template escapes it like everything else.
    static func subjectSummary(_ texts: Messages, kind: String?, author: String?) -> String? {
        guard let kind = kind.flatMap(ReportDraft.SubjectKind.init(rawValue:)) else { return nil }
        guard let author else { return texts("subject.\(kind.rawValue)") }
        return texts("subject.\(kind.rawValue)By", ["author": author])
    }

    /// Form ids are UUIDs Relais made; anything else was tampered with.
    static func isFormId(_ text: String) -> Bool {
        text.count == 36 && UUID(uuidString: text) != nil
    }

    /// The tenant of that name. A name no tenant can have (one with a NUL, which neither
    /// database can hold: see `StoredText`) is unknown without asking the store, which would
    /// refuse it with an error instead of an answer.
    private func knownTenant(named name: String) async throws -> Tenant? {
        guard StoredText.isStorable(name) else { return nil }
        return try await tenants.tenant(named: name)
    }

    // MARK: - Help without reporting

    func help(_ request: Request) async throws -> Response {
        let fields = FormFields.query(of: request)
        let context = EmbedContext(fields, language: language(request, fields))
        let texts = messages(context)
        guard let name = context.tenant, let tenant = try await knownTenant(named: name) else {
            let view = MessageView(
                page: page(request, context, title: { $0("help.pageTitle") }, switchURL: { context.url("/embed/help", language: $0) }),
                heading: texts("help.pageTitle"), lines: [texts("errors.unknownTenant")])
            return try assets.page("message", view, status: .notFound)
        }
        var help: HelpWindowView?
        if let country = context.country.flatMap(CountryCode.init(rawValue:)) {
            // No reporter: help that is asked for is never withheld by the rollout share.
            let query = SupportRequest(
                tenant: tenant.name, reporterId: nil, country: country, category: .harassment,
                locale: LanguageTag(context.language.rawValue), age: AgeBracket(rawValue: context.age) ?? .unknown,
                surface: context.surface)
            let now = clock.now()
            help = self.help.decide(query, for: tenant, now: now)
                .map {
                    var window = HelpWindowView(card: $0, texts: texts, now: now)
                    window.events = supportEvents(tenant, context, reportId: nil)
                    return window
                }
        }
        let view = HelpPageView(
            page: page(request, context, title: { $0("help.pageTitle") }, switchURL: { context.url("/embed/help", language: $0) }),
            help: help, backURL: context.subjectId == nil ? nil : context.url("/embed/report"))
        return try assets.page("help", view, framing: framing(context))
    }

    // MARK: - What the person did with the help window

    /// The signed fields sheet.js sends back with each event of this window.
    private func supportEvents(_ tenant: Tenant, _ context: EmbedContext, reportId: String?) -> HelpWindowView.EventsView? {
        guard let country = context.country else { return nil }
        let view = UUID().uuidString.lowercased()
        return HelpWindowView.EventsView(
            url: "/embed/support-events", tenant: tenant.name, view: view,
            token: tokens.issue(tenant: tenant.name, formId: Self.eventsFormId(view), at: clock.now()), surface: context.surface,
            country: country, reportId: reportId)
    }

    /// The token's form id: its own namespace, so a report form's token never counts events
    /// and an events token never files a report.
    static func eventsFormId(_ view: String) -> String { "help-window:" + view }

    /// `POST /embed/support-events` (sheet.js, with `navigator.sendBeacon`): shown, call,
    /// link, chat or dismissed, counted like `POST /v1/support/events` — per day, surface,
    /// country, category, helpline and event, never one by one. Only with the token of a help
    /// window Relais rendered for this tenant less than two hours ago, from its own origin.
    func supportEvent(_ request: Request) async throws -> Response {
        guard OriginCheck.isSameOrigin(request) else { throw HTTPError(.forbidden, message: "Cross-origin events are refused.") }
        let fields = try await FormFields.body(of: request)
        guard let name = fields.nonEmpty("tenant"), let tenant = try await knownTenant(named: name) else {
            throw HTTPError(.notFound)
        }
        let view = fields["view"] ?? ""
        guard Self.isFormId(view), tokens.isValid(fields["token"] ?? "", tenant: tenant.name, formId: Self.eventsFormId(view), at: clock.now())
        else { throw HTTPError(.forbidden, message: "This help window has expired.") }
        var json: [String: Any] = [
            "helplineId": fields["helplineId"] ?? "", "event": fields["event"] ?? "", "surface": fields["surface"] ?? "",
            "country": fields["country"] ?? "",
        ]
        if let reportId = fields.nonEmpty("reportId") { json["reportId"] = reportId }
        return try await events.count(json, tenant: tenant)
    }
}
