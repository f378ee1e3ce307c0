import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…]`, read the way
/// libpq reads it, so the URL a platform already has for psql works here too.
///
/// `sslmode`: `disable`; `prefer` (the default: TLS when the server offers it, unverified, as
/// libpq does); `require` (TLS or fail, unverified); `verify-ca` (the server's certificate
/// must chain to `sslrootcert`, or the system's roots); `verify-full` (and match the host).
enum PostgresURL {
    static func configuration(_ url: String) throws -> (PostgresClient.Configuration, location: String) {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
            let host = parts.host, !host.isEmpty
        else { throw StorageError.unsupportedDatabase(redacted(url)) }
        let user = parts.user?.removingPercentEncoding ?? "postgres"
        let password = parts.password?.removingPercentEncoding
        let database = String(parts.path.drop { $0 == "/" })
        let port = parts.port ?? 5432
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let sslMode = query["sslmode"] ?? "prefer"

        var tls = TLSConfiguration.makeClientConfiguration()
        if let root = query["sslrootcert"], !root.isEmpty { tls.trustRoots = .file(root) }
        let mode: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": mode = .disable
        case "allow", "prefer":
            tls.certificateVerification = .none
            mode = .prefer(tls)
        case "require":
            tls.certificateVerification = .none
            mode = .require(tls)
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            mode = .require(tls)
        case "verify-full":
            tls.certificateVerification = .fullVerification
            mode = .require(tls)
        default:
            throw StorageError.invalidDatabaseOption(
                "sslmode=\(sslMode): use disable, prefer, require, verify-ca or verify-full")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database.isEmpty ? user : database, tls: mode)
        configuration.options.tlsServerName = host
        return (configuration, "postgres://\(user)@\(host):\(port)/\(database.isEmpty ? user : database) (sslmode=\(sslMode))")
    }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? "postgres://…"
    }
}
