import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…]`, read the way
/// libpq reads it, so the URL a platform already has for psql works here too.
///
/// `sslmode`: `disable`; `prefer` (the default: TLS when the server offers it, unverified, as
/// libpq does); `require` (TLS or fail, unverified); `verify-ca` (the server's certificate
/// must chain to `sslrootcert`, or the system's roots); `verify-full` (and match the host).
struct PostgresURL {
    enum TLSMode { case disable, prefer, require }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var tlsMode: TLSMode
    var tls: TLSConfiguration
    /// Where, without the password: for messages and the banner.
    var location: String

    /// The pool's configuration.
    var clientConfiguration: PostgresClient.Configuration {
        let mode: PostgresClient.Configuration.TLS =
            switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(tls)
            case .require: .require(tls)
            }
        return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
    }

    /// The same settings for a single connection (the start-up probe).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let mode: PostgresConnection.Configuration.TLS =
            switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: tls))
            case .require: .require(try NIOSSLContext(configuration: tls))
            }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: mode)
    }

    init(_ url: String) throws {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
            let host = parts.host, !host.isEmpty
        else { throw StorageError.unsupportedDatabase(Self.redacted(url)) }
        let user = parts.user?.removingPercentEncoding ?? "postgres"
        let password = parts.password?.removingPercentEncoding
        let database = String(parts.path.drop { $0 == "/" })
        let port = parts.port ?? 5432
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let sslMode = query["sslmode"] ?? "prefer"

        var tls = TLSConfiguration.makeClientConfiguration()
        if let root = query["sslrootcert"], !root.isEmpty { tls.trustRoots = .file(root) }
        switch sslMode {
        case "disable": tlsMode = .disable
        case "allow", "prefer":
            tls.certificateVerification = .none
            tlsMode = .prefer
        case "require":
            tls.certificateVerification = .none
            tlsMode = .require
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            tlsMode = .require
        case "verify-full":
            tls.certificateVerification = .fullVerification
            tlsMode = .require
        default:
            throw StorageError.invalidDatabaseOption("sslmode=\(sslMode): use disable, prefer, require, verify-ca or verify-full")
        }
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database.isEmpty ? user : database
        self.tls = tls
        location = "postgres://\(user)@\(host):\(port)/\(self.database) (sslmode=\(sslMode))"
    }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? "postgres://…"
    }
}
