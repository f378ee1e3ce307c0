import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}

/// `POST /v1/reports` and `GET /v1/reports/{id}`.
struct ReportRoutes {
    let filing: ReportFiling
    let reports: any ReportStore
    /// One account of the platform reporting again and again (a raid from one account).
    let reporters: RateLimiter

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.post("reports") { request, context in try await create(request, context) }
        group.get("reports/:id") { _, context in try await show(context) }
    }

    /// Validate, decide the help card (pure, in memory), then one transaction; `201` only
    /// after the commit.
    func create(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let key = try IdempotencyKeyHeader.read(request)
        let json = try await JSONBody.read(request)
        let draft: ReportDraft
        switch ReportDraft.validate(json) {
        case .success(let valid): draft = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        let decision = reporters.take(tenant.id.rawValue + "\u{1F}" + draft.reporter.id)
        let outcome: SubmissionOutcome
        if decision.allowed {
            outcome = try await filing.file(draft, tenant: tenant, idempotencyKey: key)
        } else {
            // Over the reporter's limit: a retry of a report already stored still gets its
            // answer (retries are always harmless); anything new is refused, nothing stored.
            guard let key, let stored = try await filing.storedAnswer(draft, tenant: tenant, idempotencyKey: key) else {
                throw Problem.tooManyRequests(decision, what: "from this reporter")
            }
            outcome = stored
        }
        switch outcome {
        case .created(let receipt):
            return Self.created(receipt, headers: [.location: "/v1/reports/\(receipt.id)"])
        case .replayed(let receipt):
            return Self.created(receipt, headers: [.location: "/v1/reports/\(receipt.id)", .idempotentReplayed: "true"])
        case .keyReusedWithDifferentRequest:
            throw Problem(
                .unprocessableContent, title: "Idempotency-Key reused",
                detail: "This key was already used for a different report. Use a new key for a new report.",
                errors: [FieldError("Idempotency-Key", "was already used with a different request body")])
        }
    }

    /// `201` with the receipt's JSON as the store built it (the card is encoded once per report).
    static func created(_ receipt: ReportReceipt, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: .created, headers: headers, body: .init(byteBuffer: ByteBuffer(string: receipt.json)))
    }

    func show(_ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let id = try context.parameters.require("id")
        guard id.count <= 64, let report = try await reports.report(id: id, tenantId: tenant.id) else {
            throw Problem(.notFound, title: "Report not found", detail: "No report with id '\(id.prefix(64))' for this tenant.")
        }
        return try JSONCoding.response(ReportView(report))
    }
}

/// A stored report as the API shows it: what the platform needs to follow it up, without
/// echoing the content snapshot, the details or the reporter's id.
struct ReportView: Encodable {
    var id: String
    var receivedAt: String
    var status: String
    var caseId: String
    var caseReportCount: Int
    var category: ReportCategory
    var surface: String
    var subject: Subject
    var reporter: Reporter
    /// The platform's id of the person targeted, when it is not the reporter.
    var target: String?
    var support: SupportCard?

    struct Subject: Encodable {
        var kind: ReportDraft.SubjectKind
        var id: String
        var url: String?
        var authorId: String?
    }

    struct Reporter: Encodable {
        var country: String
        var locale: String
        var ageBracket: AgeBracket
        var isTarget: Bool
        /// The trusted flagger's organisation, when there is one (public, not personal data).
        var trustedFlagger: String?
    }

    init(_ r: StoredReport) {
        id = r.id
        receivedAt = Timestamp.format(r.receivedAt)
        status = r.status
        caseId = r.caseId.rawValue
        caseReportCount = r.caseReportCount
        category = r.draft.category
        surface = r.draft.surface
        subject = Subject(kind: r.draft.subject.kind, id: r.draft.subject.id, url: r.draft.subject.url, authorId: r.draft.subject.authorId)
        reporter = Reporter(
            country: r.draft.reporter.country.rawValue, locale: r.draft.reporter.locale, ageBracket: r.draft.reporter.ageBracket,
            isTarget: r.draft.reporter.isTarget, trustedFlagger: r.draft.reporter.trustedFlagger)
        target = r.draft.target
        support = r.support
    }
}
