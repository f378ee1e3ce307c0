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
