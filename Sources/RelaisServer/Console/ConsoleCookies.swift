import Foundation
import HTTPTypes
import Hummingbird

/// The console's cookies.
///
/// `relais_session`: HttpOnly, SameSite=Strict, Path=/console, Max-Age 8 h, and Secure —
/// except when the request reached Relais on a loopback name (`localhost`, `127.0.0.1`,
/// `[::1]`) without `X-Forwarded-Proto: https`: there plain http is the only way in, and the
/// traffic never leaves the machine. `RELAIS_CONSOLE_SECURE_COOKIES=always` keeps Secure even
/// there (behind a TLS proxy on the same host that does not send X-Forwarded-Proto).
enum ConsoleCookies {
    static let session = "relais_session"
    static let login = "relais_login"
    static let sessionLifetime: TimeInterval = 8 * 60 * 60

    static func isSecure(_ request: Request) -> Bool {
        if ProcessInfo.processInfo.environment["RELAIS_CONSOLE_SECURE_COOKIES"] == "always" { return true }
        if request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https" { return true }
        let authority = request.head.authority ?? ""
        let host: String
        if authority.hasPrefix("[") { host = String(authority.prefix { $0 != "]" }) + "]" } else {
            host = String(authority.split(separator: ":").first ?? "")
        }
        return !["localhost", "127.0.0.1", "[::1]"].contains(host.lowercased())
    }

    static func make(_ name: String, value: String, maxAge: Int, request: Request) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/console", secure: isSecure(request), httpOnly: true, sameSite: .strict)
    }
}
