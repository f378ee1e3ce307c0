import Foundation
import RelaisCore

/// The token of the links the receipt hands the person who reported: the page that follows
/// their report (`/embed/status?token=…`) and their evidence pack (`/embed/evidence?token=…`).
/// One report of one tenant, nothing else: whoever holds the link sees that report's
/// progress and what that reporter sent, never another reporter's.
///
/// Sealed by `SealedLink` under its own secret, like the appeal links; it expires a year after
/// the report, long enough for a decision, a six-month complaint window and a complaint to the
/// police, short enough that a link found in an old message stops working.
public struct ReportLinkToken: Sendable, Equatable {
    public var tenantId: Tenant.ID
    public var reportId: String
    public var expiresAt: Date

    public init(tenantId: Tenant.ID, reportId: String, expiresAt: Date) {
        self.tenantId = tenantId
        self.reportId = reportId
        self.expiresAt = expiresAt
    }

    /// The name of the shared secret that seals the tokens.
    public static let secretName = "report-links"

    /// How long a link lasts from the report's receipt.
    public static let lifetime: TimeInterval = 365 * 86400

    public static func expiry(receivedAt: Date) -> Date { receivedAt.addingTimeInterval(lifetime) }

    /// What is sealed: short keys, since the token travels in a URL.
    struct Sealed: Codable, Equatable {
        var v = 1
        var t: String
        var r: String
        var e: Int64

        /// `{"v":1,"t":"…","r":"…","e":…}`, or nil when an id holds a character JSON escapes.
        var plainJSON: Data? {
            func plain(_ text: String) -> Bool {
                text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "/") }
            }
            guard plain(t), plain(r) else { return nil }
            return Data(#"{"v":\#(v),"t":"\#(t)","r":"\#(r)","e":\#(e)}"#.utf8)
        }
    }

    /// Every report seals one, so the JSON is written without an encoder when the ids need
    /// no escaping (Relais's own ids are UUIDs); either way it decodes to the same content.
    public func sealed(secret: Data) throws -> String {
        let content = Sealed(t: tenantId.rawValue, r: reportId, e: Int64(expiresAt.timeIntervalSince1970))
        guard let json = content.plainJSON else { return try SealedLink.seal(content, secret: secret) }
        return try SealedLink.seal(json: json, secret: secret)
    }

    /// The token's content, or nil when it was not sealed with this secret, was altered, or
    /// has expired.
    public static func open(_ token: String, secret: Data, now: Date) -> ReportLinkToken? {
        guard let sealed = SealedLink.open(token, as: Sealed.self, secret: secret), sealed.v == 1 else { return nil }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(sealed.e))
        guard now <= expiresAt else { return nil }
        return ReportLinkToken(tenantId: Tenant.ID(rawValue: sealed.t), reportId: sealed.r, expiresAt: expiresAt)
    }
}
