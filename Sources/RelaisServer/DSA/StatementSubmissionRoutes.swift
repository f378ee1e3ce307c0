import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// `GET /v1/moderation/cases/{id}/submissions`: where each statement of reasons of the case
/// stands with the DSA Transparency Database. Any moderator role of the tenant reads it;
/// another tenant's case is 404, like every case route.
struct StatementSubmissionRoutes {
    let submissions: any TransparencyStore

    static let routes = ["GET /v1/moderation/cases/{id}/submissions"]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.get("cases/:id/submissions") { _, context in try await list(context) }
    }

    func list(_ context: RelaisRequestContext) async throws -> Response {
        let moderator = try context.requireModerator()
        let id = try ModerationRoutes.caseId(context)
        guard let found = try await submissions.statementSubmissions(caseId: id, tenantId: moderator.tenantId) else {
            throw ModerationRoutes.notFound(id)
        }
        return try JSONCoding.response(found.map(StatementSubmissionView.init))
    }
}
