import Foundation
import HTTPTypes
import Hummingbird

/// The server's limiters, one per kind of caller (see `RateLimits`), made once at start.
struct RateLimiters: Sendable {
    let tenant: RateLimiter
    let moderator: RateLimiter
    let reporter: RateLimiter
    let embed: RateLimiter
    let failedAuthentication: RateLimiter
    let trustForwardedFor: Bool

    init(_ limits: RateLimits, trustForwardedFor: Bool) {
        tenant = RateLimiter(limits.tenant)
        moderator = RateLimiter(limits.moderator)
        reporter = RateLimiter(limits.reporter)
        embed = RateLimiter(limits.embed)
        failedAuthentication = RateLimiter(limits.failedAuthentication)
        self.trustForwardedFor = trustForwardedFor
    }

    /// The caller's address as the limits see it (never logged).
    func address(_ request: Request, _ context: RelaisRequestContext) -> String {
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return context.clientAddress ?? "unknown"
    }

    /// A wrong key or token: 401, or 429 once this address has sent too many.
    func refuseAuthentication(_ request: Request, _ context: RelaisRequestContext, with problem: Problem) -> Problem {
        let decision = failedAuthentication.take(address(request, context))
        return decision.allowed ? problem : .tooManyRequests(decision, what: "with wrong credentials from this address")
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}

/// The public report sheet and help pages, per client address and tenant (their static assets
/// are not counted): a page open to anyone cannot be used to flood a tenant.
struct EmbedRateLimitMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext
    let limits: RateLimiters

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/embed/"), !path.hasPrefix("/embed/static/"), path != "/embed/relais.js" else {
            return try await next(request, context)
        }
        let tenant = request.uri.queryParameters["tenant"].map(String.init) ?? ""
        try limits.embed.check(limits.address(request, context) + "\u{1F}" + tenant, what: "from this address")
        return try await next(request, context)
    }
}
