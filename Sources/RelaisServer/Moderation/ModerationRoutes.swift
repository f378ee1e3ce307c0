import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The moderation API under `/v1/moderation`, for moderators with a personal token.
///
/// Every answer about a case is scoped to the moderator's tenant: another tenant's case is
/// 404, never 403, so ids cannot be probed.
struct ModerationRoutes {
    let moderation: any ModerationStore
    let presets: TenantPresets
    let notes: any CaseNotesStore
    let clock: RelaisClock

    static let routes = [
        "POST /v1/moderation/next", "GET /v1/moderation/cases/{id}", "POST /v1/moderation/cases/{id}/claim", "POST /v1/moderation/cases/{id}/escalate", "POST /v1/moderation/cases/{id}/release",
        "POST /v1/moderation/cases/{id}/lease", "POST /v1/moderation/cases/{id}/decisions", "GET /v1/moderation/cases/{id}/statements",
    ]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.post("next") { _, context in try await next(context) }
        group.get("cases/:id") { _, context in try await show(context) }
        group.post("cases/:id/claim") { _, context in try await claim(context) }
        group.post("cases/:id/escalate") { request, context in try await escalate(request, context) }
        group.post("cases/:id/release") { _, context in try await release(context) }
        group.post("cases/:id/lease") { _, context in try await renew(context) }
        group.post("cases/:id/decisions") { request, context in try await decide(request, context) }
        group.get("cases/:id/statements") { _, context in try await statements(context) }
    }

    /// Claims the most urgent case: `200` with the case and its lease, `204` when nothing waits.
    func next(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try deciding(context)
        let now = clock.now()
        guard let claimed = try await moderation.claimNextCase(for: moderator, now: now) else { return Response(status: .noContent) }
        return try JSONCoding.response(ModerationCaseView(claimed, now: now))
    }

    func show(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try context.requireModerator()
        let id = try Self.caseId(context), now = clock.now()
        guard let found = try await moderation.moderationCase(id: id, tenantId: moderator.tenantId, now: now) else { throw Self.notFound(id) }
        return try JSONCoding.response(ModerationCaseView(found, now: now))
    }

    /// Claims a chosen case: `200` with the case and its lease, `409` when someone else holds
    /// it or it is decided.
    func claim(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try deciding(context)
        let id = try Self.caseId(context), now = clock.now()
        switch try await moderation.claimCase(id: id, for: moderator, now: now) {
        case .leased(let claimed): return try JSONCoding.response(ModerationCaseView(claimed, now: now))
        case .released, .notFound: throw Self.notFound(id)
        case .notLeasedByCaller:
            throw Problem(
                .conflict, title: "Someone else holds this case",
                detail: "Another moderator holds a live lease on it, or it is decided.", errors: [FieldError("lease", "held by someone else, or the case is decided")])
        }
    }

    /// Hands a case you hold to the senior role with a reason: `200` with the escalation, the
    /// lease released; from then on only seniors claim it.
    func escalate(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let moderator = try deciding(context)
        let id = try Self.caseId(context)
        let body = try await JSONBody.read(request) as? [String: Any]
        guard let text = body?["reason"] as? String else {
            throw Problem.validation(ValidationFailure([FieldError("reason", "is required: why a senior should decide this case")]))
        }
        let reason: String
        switch CaseNoteRules.escalationReason(text) {
        case .success(let valid): reason = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        let now = clock.now()
        switch try await notes.escalateCase(caseId: id, reason: reason, by: moderator, now: now) {
        case .released, .leased:
            return try JSONCoding.response(EscalationView(caseId: id.rawValue, escalatedTo: Moderator.Role.seniorRole.rawValue, reason: reason, escalatedAt: now))
        case .notFound: throw Self.notFound(id)
        case .notLeasedByCaller: throw Self.noLease
        }
    }

    func renew(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try deciding(context)
        let id = try Self.caseId(context), now = clock.now()
        switch try await moderation.renewLease(caseId: id, by: moderator, now: now) {
        case .leased(let renewed): return try JSONCoding.response(ModerationCaseView(renewed, now: now))
        case .released, .notFound: throw Self.notFound(id)
        case .notLeasedByCaller: throw Self.noLease
        }
    }

    func release(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try deciding(context)
        let id = try Self.caseId(context)
        switch try await moderation.releaseLease(caseId: id, by: moderator, now: clock.now()) {
        case .released, .leased: return Response(status: .noContent)
        case .notFound: throw Self.notFound(id)
        case .notLeasedByCaller: throw Self.noLease
        }
    }

    /// Validates the body, then the statement of reasons against the case, in the storage's
    /// transaction: `201` only once the decision, its statement, the audit entry and the
    /// `case.decided` event are committed.
    func decide(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let moderator = try deciding(context)
        let id = try Self.caseId(context)
        let json: Any
        // `preset` fills the fields the body does not give (docs/moderation.md).
        switch DecisionPreset.resolving(try await JSONBody.read(request), presets: try await presets(moderator.tenantId)) {
        case .success(let resolved): json = resolved
        case .failure(let failure): throw Problem.validation(failure)
        }
        let decision: Decision
        switch Decision.validate(json: json) {
        case .success(let valid): decision = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        switch try await moderation.decide(caseId: id, decision: decision, by: moderator, now: clock.now()) {
        case .decided(let recorded):
            var created = DecisionCreatedView(decision: DecisionView(recorded), statementOfReasons: recorded.statement)
            // `?next=true`: "decide and next", the next case claimed in the same request (its
            // own transaction, after the decision's commit).
            if FormFields.query(of: request)["next"] == "true" {
                let now = clock.now()
                created.next = .some(try await moderation.claimNextCase(for: moderator, now: now).map { ModerationCaseView($0, now: now) })
            }
            return try JSONCoding.response(created, status: .created)
        case .notFound: throw Self.notFound(id)
        case .notLeasedByCaller: throw Self.noLease
        case .refused(let failure):
            throw Problem(
                .unprocessableContent, title: "The statement of reasons would be invalid",
                detail: "Nothing was stored. Fix these fields: \(failure.errors.map { $0.field }.joined(separator: ", ")).", errors: failure.errors)
        }
    }

    /// The statements of reasons of the case, as the DSA Transparency Database's JSON.
    func statements(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try context.requireModerator()
        let id = try Self.caseId(context)
        guard let statements = try await moderation.statements(caseId: id, tenantId: moderator.tenantId) else { throw Self.notFound(id) }
        return try JSONCoding.response(statements)
    }

    // MARK: Helpers

    private func deciding(_ context: RelaisRequestContext) throws -> Moderator { try Self.deciding(context) }

    /// The moderator, when their role may claim and decide (compliance staff only read).
    static func deciding(_ context: RelaisRequestContext) throws -> Moderator {
        let moderator = try context.requireModerator()
        guard moderator.role.decides else {
            throw Problem(.forbidden, title: "Role not allowed", detail: "The \(moderator.role.rawValue) role reads cases and statements; it does not claim or decide.")
        }
        return moderator
    }

    static func caseId(_ context: RelaisRequestContext) throws -> ModerationCase.ID {
        let id = try context.parameters.require("id")
        guard id.count <= 64 else { throw Self.notFound(ModerationCase.ID(rawValue: String(id.prefix(64)))) }
        return ModerationCase.ID(rawValue: id)
    }

    static func notFound(_ id: ModerationCase.ID) -> Problem {
        Problem(.notFound, title: "Case not found", detail: "No case with id '\(id.rawValue)' for your tenant.")
    }

    static let noLease = Problem(
        .conflict, title: "You do not hold a lease on this case",
        detail: "Claim it with POST /v1/moderation/next (or renew your lease before it expires). A case leased by someone else, or already decided, cannot be changed.",
        errors: [FieldError("lease", "no live lease held by you")])
}
