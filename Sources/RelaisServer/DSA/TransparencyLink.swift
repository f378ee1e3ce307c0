import Foundation

/// A tenant whose statements are sent, with the client that carries its token.
public struct TransparencyLink: Sendable {
    public var tenantName: String
    public var mode: TransparencyDatabaseSettings.Mode
    public var client: any TransparencyClient
    /// Reads the token again from where the config file says it is, and answers a link with a
    /// new client when it differs from the one this link carries (`nil`: unchanged, unreadable,
    /// or not re-readable). The submission worker asks this of a tenant stopped by a refused
    /// token, so a token replaced in its file resumes sending without a restart.
    public var tokenChanged: @Sendable () -> TransparencyLink?

    public init(
        tenantName: String, mode: TransparencyDatabaseSettings.Mode, client: any TransparencyClient,
        tokenChanged: @escaping @Sendable () -> TransparencyLink? = { nil }
    ) {
        self.tenantName = tenantName
        self.mode = mode
        self.client = client
        self.tokenChanged = tokenChanged
    }

    /// One link per tenant of the config whose mode is not `off`, in name order (or only
    /// `tenant`'s), each with its token read now. A token that cannot be read throws,
    /// naming the tenant and where the token should be, never a value.
    public static func all(_ config: RelaisConfig, tenant: String? = nil, environment: [String: String]) throws -> [TransparencyLink] {
        var links: [TransparencyLink] = []
        for (name, dsa) in config.dsa.sorted(by: { $0.key < $1.key }) where tenant == nil || tenant == name {
            guard let settings = dsa.transparencyDatabase, settings.mode != .off else { continue }
            let token: TransparencyToken
            do { token = try settings.token(environment: environment) } catch let error as ConfigError {
                throw ConfigError("tenant '\(name)': \(error.description)")
            }
            links.append(link(tenantName: name, settings: settings, token: token, environment: environment))
        }
        return links
    }

    /// The link that sends with `token`, and reads its source again when asked.
    static func link(tenantName: String, settings: TransparencyDatabaseSettings, token: TransparencyToken, environment: [String: String]) -> TransparencyLink {
        TransparencyLink(
            tenantName: tenantName, mode: settings.mode, client: URLSessionTransparencyClient(endpoint: settings.endpoint, token: token),
            tokenChanged: {
                // An environment variable cannot change under a running process: only a file can.
                guard case .file = settings.token, let fresh = try? settings.token(environment: environment), fresh != token else { return nil }
                return link(tenantName: tenantName, settings: settings, token: fresh, environment: environment)
            })
    }
}
