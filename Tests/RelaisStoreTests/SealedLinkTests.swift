import Foundation
import Testing

@testable import RelaisStore

/// The URL-safe base64 of sealed links, written byte by byte, against Foundation's base64
/// with the alphabet swapped (what the links were written with before).
@Suite struct SealedLinkTests {
    static func reference(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test func base64URLIsFoundationsBase64WithTheURLAlphabetAndNoPadding() {
        var generator = SplitMix64(seed: 20261203)
        var sawBoth = (minus: false, underscore: false)
        for length in 0..<300 {
            for _ in 0..<8 {
                let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
                let text = SealedLink.base64URL(data)
                #expect(text == Self.reference(data))
                #expect(SealedLink.data(base64URL: text) == data)
                sawBoth.minus = sawBoth.minus || text.contains("-")
                sawBoth.underscore = sawBoth.underscore || text.contains("_")
            }
        }
        #expect(sawBoth.minus && sawBoth.underscore, "the inputs reach both swapped characters")
    }

    /// The report link's JSON written by hand decodes to what was sealed, and the token opens;
    /// ids with characters JSON escapes go through the encoder and open the same.
    @Test func theReportLinksHandWrittenJSONIsTheEncoders() throws {
        let secret = Data(repeating: 3, count: 32)
        let expires = Date(timeIntervalSince1970: 1_827_000_000)
        for (tenant, report) in [
            ("0f8fad5b-d9cb-469f-a165-70867728950e", TimeOrderedID.make(at: Date())), ("t-1", "r_1.2~x"), ("t\"1", "a/b"), ("é", "\\"),
            ("t\u{1}", "line\nbreak"),
        ] {
            let sealed = ReportLinkToken.Sealed(t: tenant, r: report, e: Int64(expires.timeIntervalSince1970))
            if let json = sealed.plainJSON {
                #expect(try JSONDecoder().decode(ReportLinkToken.Sealed.self, from: json) == sealed, "\(tenant) \(report)")
            }
            let token = ReportLinkToken(tenantId: .init(rawValue: tenant), reportId: report, expiresAt: expires)
            #expect(ReportLinkToken.open(try token.sealed(secret: secret), secret: secret, now: expires) == token)
        }
        #expect(ReportLinkToken.Sealed(t: "t-1", r: "r-1", e: 5).plainJSON != nil)
        #expect(ReportLinkToken.Sealed(t: "a/b", r: "r-1", e: 5).plainJSON == nil, "JSONEncoder escapes the slash")
    }

    @Test func textThatIsNotBase64OpensNothing() {
        #expect(SealedLink.data(base64URL: "not base64!") == nil)
        #expect(SealedLink.data(base64URL: "a") == nil)
        #expect(SealedLink.open("ab$c", as: [String].self, secret: Data(repeating: 1, count: 32)) == nil)
    }

    @Test func aSealedValueOpensWithItsSecretOnly() throws {
        let secret = Data(repeating: 7, count: 32)
        let token = try SealedLink.seal(["report", "r-1"], secret: secret)
        #expect(SealedLink.open(token, as: [String].self, secret: secret) == ["report", "r-1"])
        #expect(SealedLink.open(token, as: [String].self, secret: Data(repeating: 8, count: 32)) == nil)
    }
}
