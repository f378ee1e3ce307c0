import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// `GET /v1/support` (help without a report), `POST /v1/support/events` and
/// `GET /v1/support/events` (the counts).
struct SupportRoutes {
    let events: any SupportEventStore
    let help: HelpCards
    let clock: RelaisClock

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.get("support") { request, context in try card(request, context) }
        group.post("support/events") { request, context in try await event(request, context) }
        group.get("support/events") { _, context in try await counts(context) }
    }

    func card(_ request: Request, _ context: RelaisRequestContext) throws -> Response {
        let tenant = try context.requireTenant()
        var params: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { params[String(key)] = String(value) }
        switch SupportQuery.validate(params, tenant: tenant.name) {
        case .failure(let failure): throw Problem.validation(failure)
        case .success(let query):
            // The cached card's bytes, as a report's receipt carries them: `{"support":…}`.
            let json = help.decideEncoded(query, for: tenant, now: clock.now())?.json ?? "null"
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"support":"# + json + "}")))
        }
    }

    struct CountsResponse: Encodable {
        var counts: [SupportEventCount]
    }

    /// The tenant's counts, by day, surface, country, category, helpline and event: from the
    /// API and from the report sheet alike.
    func counts(_ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        return try JSONCoding.response(CountsResponse(counts: try await events.supportEventCounts(tenantId: tenant.id)))
    }

    func event(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        return try await count(try await JSONBody.read(request), tenant: tenant)
    }

    /// Validates an event (from the API's JSON or the help window's form) and counts it: 204,
    /// or 422 with the fields at fault and nothing counted.
    func count(_ json: Any, tenant: Tenant) async throws -> Response {
        switch SupportEventDraft.validate(json, directory: help.directory(for: tenant)) {
        case .failure(let failure): throw Problem.validation(failure)
        case .success(let event):
            guard try await events.recordSupportEvent(tenantId: tenant.id, event: event, at: clock.now()) else {
                throw Problem.validation(ValidationFailure([FieldError("reportId", "no report with this id for this tenant")]))
            }
            return Response(status: .noContent)
        }
    }
}
