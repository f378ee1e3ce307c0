import Hummingbird
import RelaisStore

/// `Authorization: Bearer rlm_…` → the moderator whose personal token hash matches, or 401.
///
/// Separate from `TenantAuthMiddleware` on purpose: a platform's tenant key lets it file
/// reports, not decide them, and a moderator's token acts for one person, not the platform.
/// Each middleware accepts only its own prefix, so neither key works on the other's routes.
struct ModeratorAuthMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext
    let moderators: any ModerationStore
    let limits: RateLimiters

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { throw limits.refuseAuthentication(request, context, with: .moderatorUnauthorized) }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix(ModeratorToken.prefix), let moderator = try await moderators.moderator(token: token) else {
            throw limits.refuseAuthentication(request, context, with: .moderatorUnauthorized)
        }
        try limits.moderator.check(moderator.id.rawValue, what: "with this token")
        var context = context
        context.moderator = moderator
        context.access?.tenantId = moderator.tenantId.rawValue
        context.logger[metadataKey: "moderator"] = .string(moderator.name)
        return try await next(request, context)
    }
}

extension Problem {
    static let moderatorUnauthorized = Problem(
        .unauthorized, title: "Missing or wrong moderator token",
        detail: "Send your personal token as 'Authorization: Bearer rlm_…'. `relais users token NAME` prints a new one. Tenant API keys do not work here.",
        headers: [.wwwAuthenticate: "Bearer"])
}

extension RelaisRequestContext {
    /// The moderator, or 401 when the route was reached without a personal token.
    func requireModerator() throws -> Moderator {
        guard let moderator else { throw Problem.moderatorUnauthorized }
        return moderator
    }
}
