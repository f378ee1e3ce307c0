import Crypto
import Foundation

/// The one way Relais seals what a link handed to a person carries (an appeal link, a
/// report's status link): ChaCha20-Poly1305 under a secret stored in the database
/// (`SharedSecret`, the same for every instance). A sealed token cannot be forged or altered
/// without the secret, and its content (a platform's user id, a report id) is not readable in
/// the URL. Each kind of link has its own secret, so one kind never opens as another.
enum SealedLink {
    /// Tokens longer than this are refused before any decoding: a URL is not a payload.
    static let maximumLength = 2048

    static func seal<Content: Encodable>(_ content: Content, secret: Data) throws -> String {
        let plain = try JSONEncoder().encode(content)
        return base64URL(try ChaChaPoly.seal(plain, using: SymmetricKey(data: secret)).combined)
    }

    /// The content, or nil when the token was not sealed with this secret or was altered.
    static func open<Content: Decodable>(_ token: String, as type: Content.Type, secret: Data) -> Content? {
        guard token.count <= maximumLength, let combined = data(base64URL: token),
            let box = try? ChaChaPoly.SealedBox(combined: combined),
            let plain = try? ChaChaPoly.open(box, using: SymmetricKey(data: secret))
        else { return nil }
        return try? JSONDecoder().decode(Content.self, from: plain)
    }

    /// Base64 with the URL-safe alphabet (RFC 4648 §5) and no padding. Byte by byte: every
    /// report's receipt carries a sealed status link, and Foundation's string replacing was
    /// 4% of a report's time.
    static func base64URL(_ data: Data) -> String {
        var bytes = data.base64EncodedData()
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "+"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): bytes[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of an unpadded base64url text; nil when it is not base64.
    static func data(base64URL text: String) -> Data? {
        var bytes = Array(text.utf8)
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "-"): bytes[index] = UInt8(ascii: "+")
            case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "/")
            default: break
            }
        }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }
}
