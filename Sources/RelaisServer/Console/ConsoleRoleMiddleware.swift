import Hummingbird

/// Refuses the routes of its group to users whose role lacks `permission`.
struct ConsoleRoleMiddleware: RouterMiddleware {
    typealias Context = ConsoleRequestContext
    let permission: ConsolePermission
    let pages: ConsolePages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard permission.allows(context.moderator.role) else { return try permission.refusal(context.session, context.texts, pages) }
        return try await next(request, context)
    }
}
