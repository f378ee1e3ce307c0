import Foundation

/// Where a tenant's events go, and the secret they are signed with.
public struct WebhookEndpoint: Sendable, Equatable {
    public var tenantId: Tenant.ID
    public var tenantName: String
    public var url: String
    /// Needed in clear to sign each delivery; never printed after it was first shown.
    public var secret: String
    public var updatedAt: Date

    public init(tenantId: Tenant.ID, tenantName: String, url: String, secret: String, updatedAt: Date) {
        self.tenantId = tenantId
        self.tenantName = tenantName
        self.url = url
        self.secret = secret
        self.updatedAt = updatedAt
    }

    /// What listings show: enough to tell secrets apart, not enough to forge a signature.
    public var secretPrefix: String { WebhookSecret.displayPrefix(secret) }
}

/// Signing secrets: 32 random bytes from the system's secure generator, hex, with a prefix
/// that makes a leaked secret easy to recognise in logs and secret scanners.
public enum WebhookSecret {
    public static let prefix = "whsec_"

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Hex.encode(bytes)
    }

    /// "whsec_1a2b3c4d".
    public static func displayPrefix(_ secret: String) -> String { String(secret.prefix(prefix.count + 8)) }
}

/// Endpoint URLs: absolute http or https with a host. Anything else would only fail later,
/// at every delivery, far from the person who typed it.
public enum WebhookURL {
    public static func validate(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw WebhookError.invalidURL(text) }
        return url
    }
}

public enum WebhookError: Error, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case eventNotFound(String)
    /// A worker holds a live claim on the event: replaying it now could send it twice at once.
    case eventInFlight(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "'\(url)' is not a webhook URL: use an absolute http:// or https:// URL with a host"
        case .eventNotFound(let id): "no event with id '\(id)'"
        case .eventInFlight(let id): "event '\(id)' is being delivered right now; try again in a minute"
        }
    }
}
