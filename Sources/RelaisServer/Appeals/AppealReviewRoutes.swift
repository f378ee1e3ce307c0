import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The review of complaints under `/v1/moderation/appeals`, for moderators with a personal
/// token: a queue of its own with the same claim and lease as cases, due by the configured
/// review time, and never handed to the moderator who took the decision under review.
struct AppealReviewRoutes {
    let appeals: any AppealStore
    let outOfCourt: @Sendable (Tenant.ID) async throws -> OutOfCourtBody?
    let clock: RelaisClock

    static let routes = [
        "POST /v1/moderation/appeals/next", "GET /v1/moderation/appeals", "GET /v1/moderation/appeals/statistics",
        "GET /v1/moderation/appeals/{id}", "POST /v1/moderation/appeals/{id}/lease", "POST /v1/moderation/appeals/{id}/release",
        "POST /v1/moderation/appeals/{id}/decision",
    ]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.post("appeals/next") { _, context in try await next(context) }
        group.get("appeals") { request, context in try await list(request, context) }
        group.get("appeals/statistics") { request, context in try await statistics(request, context) }
        group.get("appeals/:id") { _, context in try await show(context) }
        group.post("appeals/:id/lease") { _, context in try await renew(context) }
        group.post("appeals/:id/release") { _, context in try await release(context) }
        group.post("appeals/:id/decision") { request, context in try await decide(request, context) }
    }

    /// `200` with the complaint beside its case, leased; `204` when none waits for this moderator.
    func next(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try ModerationRoutes.deciding(context)
        let now = clock.now()
        guard let claimed = try await appeals.claimNextAppeal(for: moderator, now: now) else { return Response(status: .noContent) }
        return try JSONCoding.response(AppealReviewView(claimed, now: now))
    }

    func list(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let moderator = try context.requireModerator()
        let status = request.uri.queryParameters["status"].map(String.init)
        if let status, !["open", "decided"].contains(status) {
            throw Problem.validation(ValidationFailure([FieldError("status", "must be open or decided")]))
        }
        let found = try await appeals.appeals(tenantId: moderator.tenantId, status: status, limit: 200, now: clock.now())
        return try JSONCoding.response(found.map { AppealView($0, outOfCourt: nil) })
    }

    /// The figures of the transparency report's part 7 for complaints received in
    /// `[from, to)` (`ReportingPeriod`: by default the last 365 days).
    func statistics(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let moderator = try context.requireModerator()
        let (from, to) = try ReportingPeriod.parse(request, now: clock.now())
        let stats = try await appeals.appealStatistics(tenantId: moderator.tenantId, from: from, to: to)
        return try JSONCoding.response(AppealStatisticsView(from: Timestamp.format(from), to: Timestamp.format(to), statistics: stats))
    }

    func show(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try context.requireModerator()
        let id = try appealId(context), now = clock.now()
        guard let found = try await appeals.appealReview(id: id, tenantId: moderator.tenantId, now: now) else { throw notFound(id) }
        return try JSONCoding.response(AppealReviewView(found, now: now))
    }

    func renew(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try ModerationRoutes.deciding(context)
        let id = try appealId(context), now = clock.now()
        switch try await appeals.renewAppealLease(id: id, by: moderator, now: now) {
        case .leased:
            guard let found = try await appeals.appealReview(id: id, tenantId: moderator.tenantId, now: now) else { throw notFound(id) }
            return try JSONCoding.response(AppealReviewView(found, now: now))
        case .released, .notFound: throw notFound(id)
        case .notLeasedByCaller: throw Self.noLease
        }
    }

    func release(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try ModerationRoutes.deciding(context)
        let id = try appealId(context)
        switch try await appeals.releaseAppealLease(id: id, by: moderator, now: clock.now()) {
        case .released, .leased: return Response(status: .noContent)
        case .notFound: throw notFound(id)
        case .notLeasedByCaller: throw Self.noLease
        }
    }

    /// Validates the outcome against the decision under review, then one transaction: `201`
    /// once the outcome, any replacing decision with its statement, the audit entry and the
    /// `appeal.decided` event are committed.
    func decide(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let moderator = try ModerationRoutes.deciding(context)
        let id = try appealId(context), now = clock.now()
        let json = try await JSONBody.read(request)
        guard let review = try await appeals.appealReview(id: id, tenantId: moderator.tenantId, now: now) else { throw notFound(id) }
        let resolution: AppealResolution
        switch AppealResolution.validate(json: json, reviewing: review.decision.decision) {
        case .success(let valid): resolution = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        let body = try await outOfCourt(moderator.tenantId)
        switch try await appeals.decideAppeal(id: id, resolution, by: moderator, outOfCourt: body, now: now) {
        case .decided(let appeal, let newDecision):
            return try JSONCoding.response(
                AppealDecidedView(appeal: AppealView(appeal, outOfCourt: body), newDecision: newDecision.map(DecisionView.init), statementOfReasons: newDecision?.statement),
                status: .created)
        case .notFound: throw notFound(id)
        case .notLeasedByCaller: throw Self.noLease
        case .reviewerDecidedOriginal: throw Self.sameModerator
        case .refused(let failure):
            throw Problem(
                .unprocessableContent, title: "The review cannot be recorded",
                detail: "Nothing was stored. Fix these fields: \(failure.errors.map(\.field).joined(separator: ", ")).", errors: failure.errors)
        }
    }

    private func appealId(_ context: RelaisRequestContext) throws -> Appeal.ID {
        let id = try context.parameters.require("id")
        guard id.count <= 64 else { throw notFound(Appeal.ID(rawValue: String(id.prefix(64)))) }
        return Appeal.ID(rawValue: id)
    }

    private func notFound(_ id: Appeal.ID) -> Problem {
        Problem(.notFound, title: "Appeal not found", detail: "No appeal with id '\(id.rawValue)' for your tenant.")
    }

    static let noLease = Problem(
        .conflict, title: "You do not hold a lease on this appeal",
        detail: "Claim it with POST /v1/moderation/appeals/next (or renew your lease before it expires). An appeal leased by someone else, or already decided, cannot be changed.",
        errors: [FieldError("lease", "no live lease held by you")])

    static let sameModerator = Problem(
        .forbidden, title: "You took the decision under review",
        detail: "A complaint is reviewed by someone other than the moderator who decided (DSA Art. 20(6)). Release it for a colleague.",
        errors: [FieldError("reviewer", "took the decision under review")])
}

/// The answer to a review: the complaint with its outcome, and the decision that replaced the
/// one contested with its statement of reasons (`null` when the decision stands).
struct AppealDecidedView: Encodable {
    var appeal: AppealView
    var newDecision: DecisionView?
    var statementOfReasons: StatementOfReasons?

    enum CodingKeys: String, CodingKey { case appeal, newDecision, statementOfReasons }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(appeal, forKey: .appeal)
        try c.encode(newDecision, forKey: .newDecision)
        try c.encode(statementOfReasons, forKey: .statementOfReasons)
    }
}

struct AppealStatisticsView: Encodable {
    var from: String
    var to: String
    var statistics: AppealStatistics
}
