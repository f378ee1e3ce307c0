import Foundation
import RelaisCore

/// The token of a link that lets one person contest one decision on Relais's own page
/// (`/embed/appeal?token=…`), carried by the `case.decided` webhook for each party, so a
/// platform need not build a form.
///
/// Sealed by `SealedLink` (ChaCha20-Poly1305 under a secret stored in the database, the
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
        try SealedLink.seal(
            Sealed(t: tenantId.rawValue, d: decisionId, p: party, u: userId, e: Int64(expiresAt.timeIntervalSince1970)), secret: secret)
    }

    /// The token's content, or nil when it was not sealed with this secret, was altered, or
    /// has expired.
    public static func open(_ token: String, secret: Data, now: Date) -> AppealLinkToken? {
        guard let sealed = SealedLink.open(token, as: Sealed.self, secret: secret), sealed.v == 1 else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(sealed.e))
        guard now <= expiresAt else { return nil }
        return AppealLinkToken(tenantId: Tenant.ID(rawValue: sealed.t), decisionId: sealed.d, party: sealed.p, userId: sealed.u, expiresAt: expiresAt)
    }
}
