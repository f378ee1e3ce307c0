import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The platform records, with its key, what the person who reported answered when its own
/// app asked whether the helpline may use their reference (`POST
/// /v1/reports/{id}/handoff-consent`).
struct HandoffRoutes {
    let flaggers: any FlaggerStore
    let clock: RelaisClock

    static let routes = ["POST /v1/reports/{id}/handoff-consent"]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.post("reports/:id/handoff-consent") { request, context in try await consent(request, context) }
    }

    /// `{"consent": true|false}`; false after true is a withdrawal.
    func consent(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let id = try context.parameters.require("id")
        guard let body = try await JSONBody.read(request) as? [String: Any], let given = JSONValueKind.bool(body["consent"] as Any) else {
            throw Problem.validation(ValidationFailure([FieldError("consent", "is required: true or false")]))
        }
        guard id.count <= 64 else { throw Self.notFound(id) }
        switch try await flaggers.recordHandoffConsent(reportId: id, tenantId: tenant.id, consent: given ? .given : .refused, now: clock.now()) {
        case .recorded(let reference, let consent):
            return try JSONCoding.response(["reportId": id, "reference": reference, "consent": consent.rawValue])
        case .notFound: throw Self.notFound(id)
        case .noReference:
            throw Problem(.conflict, title: "This report has no hand-off reference", detail: "Only a report shown a help card has one.")
        }
    }

    static func notFound(_ id: String) -> Problem {
        Problem(.notFound, title: "Report not found", detail: "No report with id '\(id.prefix(64))' for this tenant.")
    }
}
