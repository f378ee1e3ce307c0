import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The pages the receipt's link opens for the person who reported (`ReportLinkToken`):
/// public, no login, no JavaScript needed, in French or English.
///
/// - `GET /embed/status?token=…` — where the report stands (received, in review, decided and
///   how, contested), help again with "get help now" first, the way to contest the decision
///   (a sealed link into the appeal page), and the evidence pack.
/// - `GET /embed/evidence?token=…` — the evidence pack as a printable page;
///   `&format=json` — the signed file (`EvidencePack`), the same as
///   `GET /v1/reports/{id}/evidence`.
///
/// Nothing on them identifies anyone but the reporter's own report: no other reporter, no
/// moderator's name.
struct StatusPageRoutes: Sendable {
    let reporterView: ReporterView
    let help: HelpCards
    let clock: RelaisClock
    let assets: WebAssets
    /// The secret of the appeal links, to hand the reporter one into the appeal page.
    let appealSecret: @Sendable () async throws -> Data

    static let routes = ["GET /embed/status", "GET /embed/evidence"]

    func register(on router: Router<RelaisRequestContext>) {
        router.get("embed/status") { request, _ in try await status(request) }
        router.get("embed/evidence") { request, _ in try await evidence(request) }
    }

    struct StatusView: Sendable {
        var page: EmbedRoutes.Page
        var s: StatusTexts
        var reference: String
        var help: HelpWindowView?
        var steps: [Step]
        var decision: DecisionView?
        var appealURL: String?
        var evidenceURL: String
        var evidenceFileURL: String
        var expires: String
    }

    struct Step: Sendable {
        var text: String
        var state: String
        /// "done", "current" or "todo": a class and a data attribute for the tests.
        var kind: String
        var isCurrent: Bool
    }

    struct DecisionView: Sendable {
        var heading: String
        var restrictions: [String]
        var hasRestrictions: Bool
        var reason: String
        var appealOutcome: String?
    }

    func status(_ request: Request) async throws -> Response {
        let fields = FormFields.query(of: request)
        let language = WebLanguage.of(request, fields: fields)
        let token = fields["token"] ?? ""
        guard let progress = try await reporterView.progress(token: token) else { return try linkInvalid(request, language) }
        let texts = StatusTexts.of(language), now = clock.now()
        let draft = progress.report.draft
        // Help asked for again is never withheld by the rollout share: no reporter id.
        let card = help.decide(
            SupportRequest(
                tenant: progress.tenant.name, reporterId: nil, country: draft.reporter.country, category: draft.category,
                locale: LanguageTag(language.rawValue), age: draft.reporter.ageBracket, surface: draft.surface),
            for: progress.tenant, now: now)
        let query = { (extra: [(String, String)]) in QueryString.make([("token", token), ("lang", language.rawValue)] + extra) }
        let view = StatusView(
            page: page(request, language, title: texts.title, switchURL: "/embed/status?" + QueryString.make([("token", token), ("lang", language.other.rawValue)])),
            s: texts, reference: progress.report.id, help: card.map { HelpWindowView(card: $0, texts: WebTexts.of(language), now: now) },
            steps: steps(progress, texts, language), decision: decision(progress, texts, language), appealURL: try await appealURL(progress, now: now),
            evidenceURL: "/embed/evidence?" + query([]), evidenceFileURL: "/embed/evidence?" + query([("format", "json")]),
            expires: texts.linkExpires.substituting(["date": AppealPageRoutes.day(ReportLinkToken.expiry(receivedAt: progress.report.receivedAt), language)]))
        return try assets.page("status", view, framing: .sameOrigin)
    }

    /// Received, then in review or waiting, then decided, then contested and answered.
    private func steps(_ progress: ReporterView.Progress, _ texts: StatusTexts, _ language: WebLanguage) -> [Step] {
        let day = { AppealPageRoutes.day($0, language) }
        var steps = [Step(text: texts.stepReceived.substituting(["date": day(progress.report.receivedAt)]), state: texts.done, kind: "done", isCurrent: false)]
        guard let decided = progress.decisions.first else {
            let text = progress.inReview ? texts.stepInReview : texts.stepWaiting
            steps.append(Step(text: text, state: texts.current, kind: progress.inReview ? "review" : "waiting", isCurrent: true))
            return steps
        }
        steps.append(Step(text: texts.stepDecided.substituting(["date": day(decided.decidedAt)]), state: texts.done, kind: "decided", isCurrent: false))
        for appeal in progress.appeals {
            if let review = appeal.review {
                steps.append(Step(text: texts.stepAppealed.substituting(["date": day(appeal.receivedAt)]), state: texts.done, kind: "appealed", isCurrent: false))
                steps.append(Step(
                    text: texts.stepAppealDecided.substituting(["date": day(review.decidedAt)]), state: texts.done, kind: "appeal-decided", isCurrent: false))
            } else {
                steps.append(Step(
                    text: texts.stepAppealed.substituting(["date": day(appeal.receivedAt)]) + " · " + texts.appealDue.substituting(["date": day(appeal.dueAt)]),
                    state: texts.current, kind: "appealed", isCurrent: true))
            }
        }
        return steps
    }

    /// The decision that applies now, in the reporter's words.
    private func decision(_ progress: ReporterView.Progress, _ texts: StatusTexts, _ language: WebLanguage) -> DecisionView? {
        guard let inForce = progress.decisionInForce else { return nil }
        let decision = inForce.decision
        let restrictions = AppealTexts.of(language).restrictionLines(decision)
        return DecisionView(
            heading: decision.isNoAction ? texts.decidedNoAction : texts.decidedRestricted, restrictions: restrictions,
            hasRestrictions: !restrictions.isEmpty, reason: decision.noteForReporter ?? decision.explanation,
            appealOutcome: progress.appeals.last?.review.flatMap { texts.appealOutcomes[$0.outcome] })
    }

    /// A sealed link into the appeal page, while the reporter may still contest the decision
    /// in force and has no complaint about it waiting.
    private func appealURL(_ progress: ReporterView.Progress, now: Date) async throws -> String? {
        let reporterId = progress.report.draft.reporter.id
        guard let inForce = progress.decisionInForce,
            !progress.appeals.contains(where: { $0.decisionId == inForce.id && $0.review == nil }),
            // Not told yet (no webhook delivered, no confirmation): the window has not started, so it is open.
            AppealWindow.isOpen(informedAt: inForce.informedAt(party: .reporter, userId: reporterId), now: now)
        else { return nil }
        let link = AppealLinkToken(
            tenantId: progress.tenant.id, decisionId: inForce.id, party: .reporter, userId: reporterId,
            expiresAt: AppealLinkToken.expiry(decidedAt: inForce.decidedAt))
        return "/embed/appeal?" + QueryString.make([("token", try link.sealed(secret: try await appealSecret()))])
    }

    struct EvidenceView: Sendable {
        var page: EmbedRoutes.Page
        var s: StatusTexts
        var intro: String
        var document: EvidenceDocument
        var category: String
        var caseStatus: String
        var decisions: [PackDecision]
        var hasDecisions: Bool
        var isFrance: Bool
        var fileURL: String
        var statusURL: String
        var signature: EvidencePack.Signature
    }

    struct PackDecision: Sendable {
        var id: String
        var decidedAt: String
        var heading: String
        var restrictions: [String]
        var reason: String
        var superseded: Bool
        var sha256: String
    }

    func evidence(_ request: Request) async throws -> Response {
        let fields = FormFields.query(of: request)
        let language = WebLanguage.of(request, fields: fields)
        let token = fields["token"] ?? ""
        guard let progress = try await reporterView.progress(token: token) else { return try linkInvalid(request, language) }
        let (document, file) = try await reporterView.evidence(progress)
        if fields["format"] == "json" { return EvidenceRoutes.download(file, reportId: progress.report.id) }
        let texts = StatusTexts.of(language), appealTexts = AppealTexts.of(language)
        let signature = try JSONDecoder().decode(SignatureOnly.self, from: file).signature
        let view = EvidenceView(
            page: page(
                request, language, title: texts.packTitle,
                switchURL: "/embed/evidence?" + QueryString.make([("token", token), ("lang", language.other.rawValue)])),
            s: texts, intro: texts.packIntro.substituting(["platform": document.platform]), document: document,
            category: WebTexts.of(language).category(document.report.category).label,
            caseStatus: document.moderationCase.status == "decided" ? texts.packCaseDecided : texts.packCaseOpen,
            decisions: progress.decisions.compactMap { recorded in
                document.moderationCase.decisions.first { $0.id == recorded.id }.map {
                    PackDecision(
                        id: $0.id, decidedAt: $0.decidedAt,
                        heading: recorded.decision.isNoAction ? texts.decidedNoAction : texts.decidedRestricted,
                        restrictions: appealTexts.restrictionLines(recorded.decision), reason: $0.reason, superseded: $0.supersededBy != nil,
                        sha256: $0.sha256 ?? "")
                }
            },
            hasDecisions: !document.moderationCase.decisions.isEmpty, isFrance: progress.report.draft.reporter.country.rawValue == "FR",
            fileURL: "/embed/evidence?" + QueryString.make([("token", token), ("format", "json")]),
            statusURL: "/embed/status?" + QueryString.make([("token", token), ("lang", language.rawValue)]), signature: signature)
        return try assets.page("evidence", view, framing: .sameOrigin)
    }

    private struct SignatureOnly: Decodable { var signature: EvidencePack.Signature }

    private func linkInvalid(_ request: Request, _ language: WebLanguage) throws -> Response {
        let texts = StatusTexts.of(language)
        let view = EmbedRoutes.MessageView(
            page: page(request, language, title: texts.linkInvalidTitle, switchURL: nil), heading: texts.linkInvalidTitle, lines: [texts.linkInvalid])
        return try assets.page("message", view, status: .notFound, framing: .sameOrigin)
    }

    private func page(_ request: Request, _ language: WebLanguage, title: String, switchURL: String?) -> EmbedRoutes.Page {
        EmbedRoutes.Page(
            lang: language.rawValue, otherLang: language.other.rawValue, t: WebTexts.of(language), pageTitle: title, switchURL: switchURL,
            isPhone: DeviceKind.isPhone(request))
    }
}
