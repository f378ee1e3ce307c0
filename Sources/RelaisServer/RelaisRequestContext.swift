import Hummingbird
import RelaisStore

/// Per-request context: the authenticated tenant or moderator, when the route requires one.
public struct RelaisRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var tenant: Tenant?
    /// Set by `ModeratorAuthMiddleware` on `/v1/moderation` routes only.
    public var moderator: Moderator?
    /// Set by `FlaggerAuthMiddleware` on `/v1/flagger` routes only.
    public var flagger: TrustedFlagger?
    /// Set by `ConsoleSessionMiddleware` on the console's pages behind the sign-in, where
    /// `ConsoleRequestContext` holds it as not optional.
    public var consoleSession: ConsoleSession?
    /// A console POST's form, read once by `ConsoleSessionMiddleware` to check its CSRF token.
    var consoleForm: FormFields?
    /// The console's texts in the moderator's language (`ConsoleLanguage`), chosen once by
    /// `ConsoleSessionMiddleware`.
    var consoleTexts: Messages?
    /// Where inner middleware leave what the request's log line says (`AccessLogMiddleware`).
    var access: AccessRecord?
    /// The peer's IP address, for the per-address limits only (never logged).
    let clientAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        tenant = nil
        moderator = nil
        flagger = nil
        consoleSession = nil
        consoleForm = nil
        consoleTexts = nil
        access = nil
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { RelaisLimits.maxBodyBytes }

    /// The tenant, or 401 when the route was reached without authentication.
    func requireTenant() throws -> Tenant {
        guard let tenant else { throw Problem.unauthorized }
        return tenant
    }
}

/// `Authorization: Bearer <key>` → the tenant whose key hash matches, or 401.
struct TenantAuthMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext
    let tenants: TenantKeyCache
    let limits: RateLimiters

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { throw limits.refuseAuthentication(request, context, with: .unauthorized) }
        let key = String(header.dropFirst(7).drop { $0 == " " })
        guard !key.isEmpty, let tenant = try await tenants.tenant(apiKey: key) else {
            throw limits.refuseAuthentication(request, context, with: .unauthorized)
        }
        try limits.tenant.check(tenant.id.rawValue, what: "with this key")
        var context = context
        context.tenant = tenant
        context.logger[metadataKey: "tenant"] = .string(tenant.name)
        context.access?.tenantId = tenant.id.rawValue
        return try await next(request, context)
    }
}
