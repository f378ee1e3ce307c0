import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The pages the receipt's link opens for the person who reported (`ReportLinkToken`):
/// public, no login, no JavaScript needed, in each language of the catalogue (`status.*`,
/// `evidence.*`), with the language switch keeping the token.
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
        var page: WebPage
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
        guard let progress = try await reporterView.progress(token: token) else { return try linkInvalid(request, language, token: token) }
        let texts = messages(language, progress), now = clock.now()
        let draft = progress.report.draft
        // Help asked for again is never withheld by the rollout share: no reporter id.
        let card = help.decide(
            SupportRequest(
                tenant: progress.tenant.name, reporterId: nil, country: draft.reporter.country, category: draft.category,
                locale: LanguageTag(language.rawValue), age: draft.reporter.ageBracket, surface: draft.surface),
            for: progress.tenant, now: now)
        let query = { (extra: [(String, String)]) in QueryString.make([("token", token), ("lang", language.rawValue)] + extra) }
        let view = StatusView(
            page: page(request, texts, title: texts("status.title"), path: "/embed/status", token: token),
            reference: progress.report.id, help: card.map { HelpWindowView(card: $0, texts: texts, now: now) },
            steps: steps(progress, texts), decision: decision(progress, texts), appealURL: try await appealURL(progress, now: now),
            evidenceURL: "/embed/evidence?" + query([]), evidenceFileURL: "/embed/evidence?" + query([("format", "json")]),
            expires: texts("status.linkExpires", ["date": texts.day(ReportLinkToken.expiry(receivedAt: progress.report.receivedAt), in: Self.utc)]))
        return try assets.page("status", view, framing: .sameOrigin)
    }

    /// Received, then in review or waiting, then decided, then contested and answered.
    private func steps(_ progress: ReporterView.Progress, _ texts: Messages) -> [Step] {
        let on = { (key: String, date: Date) in texts(key, ["date": texts.day(date, in: Self.utc)]) }
        let done = texts("status.done"), current = texts("status.current")
        var steps = [Step(text: on("status.stepReceived", progress.report.receivedAt), state: done, kind: "done", isCurrent: false)]
        guard let decided = progress.decisions.first else {
            let text = progress.inReview ? texts("status.stepInReview") : texts("status.stepWaiting")
            steps.append(Step(text: text, state: current, kind: progress.inReview ? "review" : "waiting", isCurrent: true))
            return steps
        }
        steps.append(Step(text: on("status.stepDecided", decided.decidedAt), state: done, kind: "decided", isCurrent: false))
        for appeal in progress.appeals {
            if let review = appeal.review {
                steps.append(Step(text: on("status.stepAppealed", appeal.receivedAt), state: done, kind: "appealed", isCurrent: false))
                steps.append(Step(text: on("status.stepAppealDecided", review.decidedAt), state: done, kind: "appeal-decided", isCurrent: false))
            } else {
                steps.append(Step(
                    text: on("status.stepAppealed", appeal.receivedAt) + " · " + on("status.appealDue", appeal.dueAt), state: current, kind: "appealed",
                    isCurrent: true))
            }
        }
        return steps
    }

    /// The decision that applies now, in the reporter's words.
    private func decision(_ progress: ReporterView.Progress, _ texts: Messages) -> DecisionView? {
        guard let inForce = progress.decisionInForce else { return nil }
        let decision = inForce.decision
        let restrictions = texts.restrictions(of: decision)
        return DecisionView(
            heading: Self.heading(decision, texts), restrictions: restrictions,
            hasRestrictions: !restrictions.isEmpty, reason: decision.noteForReporter ?? decision.explanation,
            appealOutcome: progress.appeals.last?.review.map { texts("status.appealOutcome.\($0.outcome.rawValue)") })
    }

    /// The DSA's restrictions in the reporter's words, one line each, as the appeal page says them.
    private static func heading(_ decision: Decision, _ texts: Messages) -> String {
        decision.isNoAction ? texts("status.decidedNoAction") : texts("status.decidedRestricted")
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
        var page: WebPage
        var intro: String
        var document: EvidenceDocument
        var category: String
        /// The instants of the pack in the reader's words; the page keeps the exact ones in `<time datetime>`.
        var receivedAt: String
        var postedAt: String?
        var issuedAt: String
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
        var decidedOn: String
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
        guard let progress = try await reporterView.progress(token: token) else { return try linkInvalid(request, language, token: token) }
        let (document, file) = try await reporterView.evidence(progress)
        if fields["format"] == "json" { return EvidenceRoutes.download(file, reportId: progress.report.id) }
        let texts = messages(language, progress)
        let signature = try JSONDecoder().decode(SignatureOnly.self, from: file).signature
        let instant = { (timestamp: String) in
            Timestamp.parse(timestamp).map { texts("evidence.dateTime", ["day": texts.day($0, in: Self.utc), "time": texts.time($0, in: Self.utc)]) } ?? timestamp
        }
        let view = EvidenceView(
            page: page(request, texts, title: texts("evidence.title"), path: "/embed/evidence", token: token),
            intro: texts("evidence.intro", ["platform": document.platform]), document: document,
            category: texts.category(document.report.category),
            receivedAt: instant(document.report.receivedAt), postedAt: document.content.createdAt.map(instant), issuedAt: instant(document.issuedAt),
            caseStatus: document.moderationCase.status == "decided" ? texts("evidence.caseDecided") : texts("evidence.caseOpen"),
            decisions: progress.decisions.compactMap { recorded in
                document.moderationCase.decisions.first { $0.id == recorded.id }.map {
                    PackDecision(
                        id: $0.id, decidedAt: $0.decidedAt, decidedOn: instant($0.decidedAt), heading: Self.heading(recorded.decision, texts),
                        restrictions: texts.restrictions(of: recorded.decision), reason: $0.reason, superseded: $0.supersededBy != nil,
                        sha256: $0.sha256 ?? "")
                }
            },
            hasDecisions: !document.moderationCase.decisions.isEmpty, isFrance: progress.report.draft.reporter.country.rawValue == "FR",
            fileURL: "/embed/evidence?" + QueryString.make([("token", token), ("format", "json")]),
            statusURL: "/embed/status?" + QueryString.make([("token", token), ("lang", language.rawValue)]), signature: signature)
        return try assets.page("evidence", view, framing: .sameOrigin)
    }

    private struct SignatureOnly: Decodable { var signature: EvidencePack.Signature }

    private func linkInvalid(_ request: Request, _ language: WebLanguage, token: String) throws -> Response {
        let texts = Messages(language, in: assets.messages)
        let view = EmbedRoutes.MessageView(
            page: page(request, texts, title: texts("status.linkInvalidTitle"), path: "/embed/status", token: token),
            heading: texts("status.linkInvalidTitle"), lines: [texts("status.linkInvalid")])
        return try assets.page("message", view, status: .notFound, framing: .sameOrigin)
    }

    /// The reader's language; dates in the conventions of the country they reported from.
    private func messages(_ language: WebLanguage, _ progress: ReporterView.Progress) -> Messages {
        Messages(language, in: assets.messages, region: progress.report.draft.reporter.country.rawValue)
    }

    /// The language switch opens the same page, with the same token, in each other language.
    private func page(_ request: Request, _ texts: Messages, title: String, path: String, token: String) -> WebPage {
        WebPage(request, texts, title: title, set: assets.messages, switchURL: { path + "?" + QueryString.make([("token", token), ("lang", $0.rawValue)]) })
    }

    /// Days are instants; the pages name them in UTC, as the appeal page does.
    static let utc = AppealPageRoutes.utc
}
