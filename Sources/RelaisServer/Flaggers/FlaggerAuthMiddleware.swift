import Hummingbird
import RelaisStore

/// `Authorization: Bearer rlf_…` → the trusted flagger whose token hash matches, or 401. A
/// tenant key or a moderator token never passes here, nor a flagger's token elsewhere.
struct FlaggerAuthMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext
    let flaggers: any FlaggerStore
    let limits: RateLimiters

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw limits.refuseAuthentication(request, context, with: Self.unauthorized)
        }
        let token = String(header.dropFirst(7).drop { $0 == " " })
        guard let flagger = try await flaggers.flagger(token: token) else { throw limits.refuseAuthentication(request, context, with: Self.unauthorized) }
        // A flagger's token takes the per-key limit of tenant keys.
        try limits.tenant.check("flagger:" + flagger.id.rawValue, what: "with this token")
        var context = context
        context.flagger = flagger
        return try await next(request, context)
    }

    static let unauthorized = Problem(
        .unauthorized, title: "Trusted flagger token required",
        detail: "Send `Authorization: Bearer rlf_…`, the token `relais flaggers create` or `relais flaggers token` printed. Tenant keys and moderator tokens do not work here.",
        headers: [.wwwAuthenticate: "Bearer"])
}
