import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The platform's side of complaints, with the tenant key: filing one on behalf of its user
/// (`POST /v1/appeals`), following it (`GET /v1/appeals/{id}`), and confirming that a party
/// was told a decision (`POST /v1/moderation/cases/{id}/notifications`), which starts that
/// party's six-month window.
struct AppealRoutes {
    let intake: AppealIntake
    let appeals: any AppealStore
    let outOfCourt: @Sendable (Tenant) -> OutOfCourtBody?
    let clock: RelaisClock

    static let routes = ["POST /v1/appeals", "GET /v1/appeals/{id}", "POST /v1/moderation/cases/{id}/notifications"]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.post("appeals") { request, context in try await file(request, context) }
        group.get("appeals/:id") { _, context in try await show(context) }
        group.post("moderation/cases/:id/notifications") { request, context in try await informed(request, context) }
    }

    func file(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let key = try IdempotencyKeyHeader.read(request)
        let appeal: AppealRequest
        switch AppealRequest.validate(json: try await JSONBody.read(request)) {
        case .success(let valid): appeal = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        switch try await intake.file(appeal, tenant: tenant, idempotencyKey: key) {
        case .created(let stored):
            return try JSONCoding.response(AppealView(stored, outOfCourt: outOfCourt(tenant)), status: .created, headers: [.location: "/v1/appeals/\(stored.id.rawValue)"])
        case .replayed(let stored):
            return try JSONCoding.response(
                AppealView(stored, outOfCourt: outOfCourt(tenant)), status: .created,
                headers: [.location: "/v1/appeals/\(stored.id.rawValue)", .idempotentReplayed: "true"])
        case .keyReusedWithDifferentRequest:
            throw Problem(
                .unprocessableContent, title: "Idempotency-Key reused",
                detail: "This key was already used for a different complaint. Use a new key for a new complaint.",
                errors: [FieldError("Idempotency-Key", "was already used with a different request body")])
        case .refused(let failure):
            throw Problem(
                .unprocessableContent, title: "This complaint cannot be received",
                detail: "Nothing was stored. " + failure.errors.map(\.description).joined(separator: "; "), errors: failure.errors)
        }
    }

    func show(_ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let id = try context.parameters.require("id")
        guard id.count <= 64, let appeal = try await appeals.appeal(id: Appeal.ID(rawValue: id), tenantId: tenant.id, now: clock.now()) else {
            throw Problem(.notFound, title: "Appeal not found", detail: "No appeal with id '\(id.prefix(64))' for this tenant.")
        }
        return try JSONCoding.response(AppealView(appeal, outOfCourt: outOfCourt(tenant)))
    }

    /// `{"party": "author"|"reporter", "userId": "…" (optional: every person of the party),
    /// "informedAt": "…" (optional: now)}`, for the case's decision in force.
    func informed(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let caseId = try context.parameters.require("id")
        let now = clock.now()
        let notification: PartyNotification
        switch Self.notification(try await JSONBody.read(request), now: now) {
        case .success(let valid): notification = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        guard caseId.count <= 64 else { throw Self.caseNotFound(caseId) }
        switch try await appeals.recordNotification(caseId: ModerationCase.ID(rawValue: caseId), tenantId: tenant.id, notification, now: now) {
        case .recorded(let decisionId):
            return try JSONCoding.response(
                NotificationRecordedView(caseId: caseId, decisionId: decisionId, party: notification.party, informedAt: Timestamp.format(notification.informedAt)),
                status: .created)
        case .notFound: throw Self.caseNotFound(caseId)
        case .notDecided:
            throw Problem(.conflict, title: "The case has no decision yet", detail: "Confirm that a party was told once the case is decided.")
        case .informedBeforeDecision(let decidedAt):
            throw Problem.validation(ValidationFailure([FieldError("informedAt", "is before the decision was taken (\(Timestamp.format(decidedAt)))")]))
        }
    }

    static func notification(_ json: Any, now: Date) -> Result<PartyNotification, ValidationFailure> {
        guard let body = json as? [String: Any] else { return .failure(ValidationFailure([FieldError("body", "must be a JSON object")])) }
        var errors: [FieldError] = []
        let party = (body["party"] as? String).flatMap(AppealParty.init(rawValue:))
        if party == nil { errors.append(FieldError("party", "is required: author or reporter")) }
        var userId: String?
        if let raw = body["userId"], !(raw is NSNull) {
            if let text = raw as? String, !text.isEmpty, text.count <= AppealRequest.Limits.idLength, StoredText.isStorable(text) { userId = text } else {
                errors.append(FieldError("userId", "must be the platform's id of the person told, 1–\(AppealRequest.Limits.idLength) characters"))
            }
        }
        var informedAt = now
        if let raw = body["informedAt"], !(raw is NSNull) {
            if let text = raw as? String, let date = Timestamp.parse(text) {
                if date > now.addingTimeInterval(300) { errors.append(FieldError("informedAt", "is in the future")) } else { informedAt = date }
            } else {
                errors.append(FieldError("informedAt", "must be an RFC 3339 time such as 2026-12-02T10:00:00Z"))
            }
        }
        guard errors.isEmpty, let party else { return .failure(ValidationFailure(errors)) }
        return .success(PartyNotification(party: party, userId: userId, informedAt: min(informedAt, now)))
    }

    static func caseNotFound(_ id: String) -> Problem {
        Problem(.notFound, title: "Case not found", detail: "No case with id '\(id.prefix(64))' for your tenant.")
    }
}

struct NotificationRecordedView: Encodable {
    var caseId: String
    var decisionId: String
    var party: AppealParty
    var informedAt: String
}
