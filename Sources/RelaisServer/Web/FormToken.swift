import Crypto
import Foundation

/// Anti-CSRF tokens for the embed form: an HMAC of a server secret, the tenant, the form's
/// idempotency key and the time the form was issued. No cookie is needed, which matters
/// because the sheet usually runs in a third-party iframe where browsers drop cookies.
///
/// A token proves the POST comes from a form Relais rendered recently for this tenant and
/// this very form; the Origin check in `EmbedRoutes` stops other sites from posting a token
/// they fetched.
struct FormTokens: Sendable {
    /// Kept as bytes: `SymmetricKey` is not `Sendable`.
    private let secret: Data
    /// How long a rendered form stays valid: long enough for someone who hesitates.
    let lifetime: TimeInterval = 2 * 60 * 60

    init(secret: Data) { self.secret = secret }

    /// `RELAIS_EMBED_SECRET` when set, else `fallback` (the secret stored in the database, so
    /// every instance on it accepts the others' forms, also across restarts), else a random
    /// secret for this process alone.
    static func fromEnvironment(fallback: Data? = nil) -> FormTokens {
        if let secret = ProcessInfo.processInfo.environment["RELAIS_EMBED_SECRET"], secret.utf8.count >= 16 {
            return FormTokens(secret: Data(secret.utf8))
        }
        if let fallback { return FormTokens(secret: fallback) }
        return FormTokens(secret: Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))
    }

    func issue(tenant: String, formId: String, at now: Date) -> String {
        let issued = String(Int64(now.timeIntervalSince1970))
        return issued + "." + mac(tenant: tenant, formId: formId, issued: issued)
    }

    func isValid(_ token: String, tenant: String, formId: String, at now: Date) -> Bool {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let issued = Int64(parts[0]) else { return false }
        let age = now.timeIntervalSince1970 - TimeInterval(issued)
        // A little slack for clocks of several instances that disagree.
        guard age >= -300, age <= lifetime else { return false }
        let expected = mac(tenant: tenant, formId: formId, issued: String(parts[0]))
        // Constant-time comparison: the token is attacker-supplied.
        return Array(expected.utf8).withUnsafeBytes { a in
            Array(parts[1].utf8).withUnsafeBytes { b in a.count == b.count && safeCompare(a, b) }
        }
    }

    private func mac(tenant: String, formId: String, issued: String) -> String {
        let message = Data("relais-embed-v1|\(tenant)|\(formId)|\(issued)".utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret)).map { String(format: "%02x", $0) }.joined()
    }

    private func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        var difference: UInt8 = 0
        for index in 0..<a.count { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
