import Crypto
import Foundation
import RelaisCore

/// The token of a link that lets one person contest one decision on Relais's own page
/// (`/embed/appeal?token=…`), carried by the `case.decided` webhook for each party, so a
/// platform need not build a form.
///
/// Sealed with ChaCha20-Poly1305 under a secret stored in the database (`SharedSecret`, the
/// same for every instance): a token cannot be forged or altered, and it does not show the
/// platform's user id to whoever sees the link. It expires some time after the complaint
/// window could close; the window itself is checked again when the complaint is filed.
public struct AppealLinkToken: Sendable, Equatable {
    public var tenantId: Tenant.ID
    public var decisionId: String
    public var party: AppealParty
    public var userId: String
    public var expiresAt: Date

    public init(tenantId: Tenant.ID, decisionId: String, party: AppealParty, userId: String, expiresAt: Date) {
        self.tenantId = tenantId
        self.decisionId = decisionId
        self.party = party
        self.userId = userId
        self.expiresAt = expiresAt
    }

    /// The name of the shared secret that seals the tokens.
    public static let secretName = "appeal-links"

    /// Six months from the decision, plus two for a person told late: beyond that no
    /// complaint window can still be open for a link handed out with the decision.
    public static func expiry(decidedAt: Date) -> Date {
        AppealWindow.closes(informedAt: decidedAt).addingTimeInterval(61 * 86400)
    }

    /// What is sealed: short keys, since the token travels in a URL.
    private struct Sealed: Codable {
        var v = 1
        var t: String
        var d: String
        var p: AppealParty
        var u: String
        var e: Int64
    }

    public func sealed(secret: Data) throws -> String {
        let plain = try JSONEncoder().encode(
            Sealed(t: tenantId.rawValue, d: decisionId, p: party, u: userId, e: Int64(expiresAt.timeIntervalSince1970)))
        return Self.base64URL(try ChaChaPoly.seal(plain, using: SymmetricKey(data: secret)).combined)
    }

    /// The token's content, or nil when it was not sealed with this secret, was altered, or
    /// has expired.
    public static func open(_ token: String, secret: Data, now: Date) -> AppealLinkToken? {
        guard token.count <= 2048, let combined = data(base64URL: token),
            let box = try? ChaChaPoly.SealedBox(combined: combined),
            let plain = try? ChaChaPoly.open(box, using: SymmetricKey(data: secret)),
            let sealed = try? JSONDecoder().decode(Sealed.self, from: plain), sealed.v == 1
        else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(sealed.e))
        guard now <= expiresAt else { return nil }
        return AppealLinkToken(tenantId: Tenant.ID(rawValue: sealed.t), decisionId: sealed.d, party: sealed.p, userId: sealed.u, expiresAt: expiresAt)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}
