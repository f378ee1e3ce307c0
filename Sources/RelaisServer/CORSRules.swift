import HTTPTypes
import Hummingbird

/// CORS for the API, per tenant (`tenants.NAME.api.allowedOrigins` in the config file).
///
/// A preflight (`OPTIONS` with `Access-Control-Request-Method`) carries no key, so it is
/// answered for an origin that any tenant allows; the real request is then authenticated,
/// and its answer carries `Access-Control-Allow-Origin` only when that tenant allows the
/// origin. A page on any other site gets answers without it, which its browser does not let
/// it read. Credentials (cookies) are never allowed: the API takes a bearer key.
struct CORSRules: Sendable {
    let originsByTenant: [String: Set<String>]
    private let anyTenant: Set<String>

    init(_ originsByTenant: [String: Set<String>]) {
        self.originsByTenant = originsByTenant
        anyTenant = originsByTenant.values.reduce(into: Set()) { $0.formUnion($1) }
    }

    static let allowedMethods = "GET, POST, OPTIONS"
    static let allowedHeaders = "Authorization, Content-Type, Idempotency-Key, If-None-Match, X-Request-Id"
    static let exposedHeaders = "Location, ETag, Idempotent-Replayed, Retry-After, X-Request-Id"

    /// The preflight's answer, or nil when no tenant allows the origin.
    func preflight(_ request: Request) -> Response? {
        guard let origin = request.headers[.origin], anyTenant.contains(origin),
            request.headers[.accessControlRequestMethod] != nil
        else { return nil }
        return Response(status: .noContent, headers: [
            .accessControlAllowOrigin: origin, .accessControlAllowMethods: Self.allowedMethods,
            .accessControlAllowHeaders: Self.allowedHeaders, .accessControlMaxAge: "600", .vary: "Origin",
        ])
    }

    /// The headers for an answer to `tenant` for a request from `origin`, or none.
    func headers(origin: String?, tenant: String) -> HTTPFields {
        guard let origin, originsByTenant[tenant]?.contains(origin) == true else { return [:] }
        return [.accessControlAllowOrigin: origin, .accessControlExposeHeaders: Self.exposedHeaders, .vary: "Origin"]
    }
}

/// Adds the tenant's CORS headers to the API's answers, errors included (a browser caller
/// must be able to read a 422's field errors).
struct TenantCORSMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext
    let rules: CORSRules

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let tenant = context.tenant, request.headers[.origin] != nil else { return try await next(request, context) }
        let headers = rules.headers(origin: request.headers[.origin], tenant: tenant.name)
        guard !headers.isEmpty else { return try await next(request, context) }
        do {
            var response = try await next(request, context)
            response.headers.append(contentsOf: headers)
            return response
        } catch {
            throw ErrorWithHeaders(underlying: error, headers: headers)
        }
    }
}

/// Answers the API's preflights before routing (no route takes OPTIONS); anything else, and a
/// preflight from an origin no tenant allows, goes on (to a 404 for the latter).
struct CORSPreflightMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext
    let rules: CORSRules

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .options, request.uri.path.hasPrefix("/v1/"), let answer = rules.preflight(request) { return answer }
        return try await next(request, context)
    }
}
