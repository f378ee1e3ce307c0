import Foundation

/// A tenant whose statements are sent, with the client that carries its token.
public struct TransparencyLink: Sendable {
    public var tenantName: String
    public var mode: TransparencyDatabaseSettings.Mode
    public var client: any TransparencyClient

    public init(tenantName: String, mode: TransparencyDatabaseSettings.Mode, client: any TransparencyClient) {
        self.tenantName = tenantName
        self.mode = mode
        self.client = client
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
            links.append(TransparencyLink(
                tenantName: name, mode: settings.mode, client: URLSessionTransparencyClient(endpoint: settings.endpoint, token: token)))
        }
        return links
    }
}
