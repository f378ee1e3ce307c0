import Crypto
import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import RelaisCore
import RelaisStore

/// Console passwords: bcrypt (hummingbird-auth), cost 12.
///
/// bcrypt is slow on purpose (a quarter of a second per check at cost 12), so it never runs
/// on an event loop or on Swift's cooperative pool, where it would hold up report intake:
/// every hash and check runs on one serial dispatch queue of its own. At most one core is
/// ever busy with passwords, whatever a flood of sign-in attempts does.
public enum ConsolePasswords {
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; longer passwords are refused rather than truncated.
    public static let maximumBytes = 72
    public static let cost: UInt8 = 12
    private static let queue = DispatchQueue(label: "relais.console.bcrypt", qos: .utility)

    /// Why a new password is refused, or nil.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "a password needs at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "a password may use at most \(maximumBytes) bytes (bcrypt ignores the rest)" }
        // bcrypt reads a C string: it would check only what comes before a NUL.
        if !StoredText.isStorable(password) { return "a password must not contain the NUL character (U+0000)" }
        return nil
    }

    /// `cost` below 12 only in tests.
    public static func hash(_ password: String, cost: UInt8 = ConsolePasswords.cost) async -> String {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    static func verifyDecoy(_ password: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: decoy)) }
        }
    }

    /// Checked when the name is unknown or has no password, so that the answer takes as long
    /// as for a real account (no user enumeration by timing).
    static let decoy = Bcrypt.hash("relais-decoy-password", cost: cost)
}

/// Session ids and CSRF tokens: 256 random bits, hex.
enum ConsoleSecrets {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 64 && value.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Constant-time comparison of two attacker-influenced strings.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<x.count { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

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
