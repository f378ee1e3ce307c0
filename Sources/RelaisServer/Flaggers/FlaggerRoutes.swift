import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The trusted flagger's side, with its own token (`rlf_…`): notices (DSA Art. 16 notices
/// with the flagger's identity, Art. 22), their status, and the flagger's figures per tenant.
/// A notice citing a hand-off reference is linked to the victim's case when the victim
/// consented; the answer says only whether it was linked, never who the victim is.
struct FlaggerRoutes {
    let filing: ReportFiling
    let flaggers: any FlaggerStore
    let tenants: any TenantStore
    let clock: RelaisClock

    static let routes = ["POST /v1/flagger/notices", "GET /v1/flagger/notices/{id}", "GET /v1/flagger/statistics"]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.post("notices") { request, context in try await file(request, context) }
        group.get("notices/:id") { _, context in try await show(context) }
        group.get("statistics") { request, context in try await statistics(request, context) }
    }

    private func flagger(_ context: RelaisRequestContext) throws -> TrustedFlagger {
        guard let flagger = context.flagger else { throw FlaggerAuthMiddleware.unauthorized }
        return flagger
    }

    /// The tenant, when it accepted this flagger; a field error otherwise (nothing stored).
    private func acceptingTenant(_ name: String, _ flagger: TrustedFlagger) async throws -> Tenant {
        guard flagger.tenants.contains(name), StoredText.isStorable(name), let tenant = try await tenants.tenant(named: name) else {
            throw Problem.validation(ValidationFailure([FieldError("tenant", "'\(name.prefix(64))' has not accepted this trusted flagger")]))
        }
        return tenant
    }

    func file(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let flagger = try flagger(context)
        let key = try IdempotencyKeyHeader.read(request)
        let notice: FlaggerNoticeRequest
        switch FlaggerNoticeRequest.validate(json: try await JSONBody.read(request), flaggerName: flagger.name, expertise: Set(flagger.expertise)) {
        case .success(let valid): notice = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        let tenant = try await acceptingTenant(notice.tenant, flagger)
        let receipt: ReportReceipt
        var headers: HTTPFields = [:]
        let linked: Bool
        switch try await filing.fileNotice(notice, tenant: tenant, flagger: flagger, idempotencyKey: key) {
        case .created(let stored):
            receipt = stored
            linked = stored.linked
        case .replayed(let stored):
            receipt = stored
            headers[.idempotentReplayed] = "true"
            // A replayed receipt does not say whether the first answer linked: the stored notice does.
            linked = try await flaggers.notice(id: stored.id, flaggerId: flagger.id)?.linked ?? false
        case .keyReusedWithDifferentRequest:
            throw Problem(
                .unprocessableContent, title: "Idempotency-Key reused", detail: "This key was already used for a different notice.",
                errors: [FieldError("Idempotency-Key", "was already used with a different request body")])
        }
        headers[.location] = "/v1/flagger/notices/\(receipt.id)"
        return try JSONCoding.response(
            NoticeReceiptView(
                id: receipt.id, tenant: tenant.name, receivedAt: receipt.receivedAt, status: "received",
                priority: notice.draft.reporter.trustedFlagger != nil ? "trusted_flagger" : "standard",
                reference: notice.reference.map { _ in linked ? "linked" : "not_linked" }),
            status: .created, headers: headers)
    }

    func show(_ context: RelaisRequestContext) async throws -> Response {
        let flagger = try flagger(context)
        let id = try context.parameters.require("id")
        guard id.count <= 64, let notice = try await flaggers.notice(id: id, flaggerId: flagger.id) else {
            throw Problem(.notFound, title: "Notice not found", detail: "No notice with id '\(id.prefix(64))' from this flagger.")
        }
        return try JSONCoding.response(NoticeStatusView(notice))
    }

    /// `?tenant=NAME&from=…&to=…` (default: the last 365 days).
    func statistics(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let flagger = try flagger(context)
        let query = request.uri.queryParameters
        let tenant = try await acceptingTenant(query["tenant"].map(String.init) ?? "", flagger)
        let (from, to) = try ReportingPeriod.parse(request, now: clock.now())
        let stats = try await flaggers.flaggerStatistics(flaggerId: flagger.id, tenantId: tenant.id, from: from, to: to)
        return try JSONCoding.response(FlaggerStatisticsView(flagger: flagger.name, tenant: tenant.name, from: Timestamp.format(from), to: Timestamp.format(to), statistics: stats))
    }
}

struct NoticeReceiptView: Encodable {
    var id: String
    var tenant: String
    var receivedAt: String
    var status: String
    /// "trusted_flagger" within the flagger's expertise, else "standard" (an ordinary notice).
    var priority: String
    /// For a cited reference: "linked" or "not_linked"; nothing else about the victim.
    var reference: String?
}

struct NoticeStatusView: Encodable {
    var id: String
    var tenant: String
    var receivedAt: String
    var category: ReportCategory
    var priority: String
    var linked: Bool
    var status: String
    var decision: Outcome?

    struct Outcome: Encodable {
        var decidedAt: String
        var outcome: String
        var restrictions: [Decision.Restriction]
    }

    init(_ n: FlaggerNoticeStatus) {
        id = n.id
        tenant = n.tenantName
        receivedAt = Timestamp.format(n.receivedAt)
        category = n.category
        priority = n.withinExpertise ? "trusted_flagger" : "standard"
        linked = n.linked
        status = n.status
        decision = n.decision.map {
            Outcome(decidedAt: Timestamp.format($0.decidedAt), outcome: $0.restrictions.isEmpty ? "no_action" : "restricted", restrictions: $0.restrictions)
        }
    }
}

struct FlaggerStatisticsView: Encodable {
    var flagger: String
    var tenant: String
    var from: String
    var to: String
    var statistics: FlaggerStatistics
}
