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
        try seal(json: try JSONEncoder().encode(content), secret: secret)
    }

    /// Seals JSON made by the caller (a token on every report's path, without an encoder).
    static func seal(json plain: Data, secret: Data) throws -> String {
        base64URL(try ChaChaPoly.seal(plain, using: SymmetricKey(data: secret)).combined)
    }

    /// The content, or nil when the token was not sealed with this secret or was altered.
    static func open<Content: Decodable>(_ token: String, as type: Content.Type, secret: Data) -> Content? {
        guard token.count <= maximumLength, let combined = data(base64URL: token),
            let box = try? ChaChaPoly.SealedBox(combined: combined),
            let plain = try? ChaChaPoly.open(box, using: SymmetricKey(data: secret))
        else { return nil }
        return try? JSONDecoder().decode(Content.self, from: plain)
    }

    /// Base64 with the URL-safe alphabet (RFC 4648 §5) and no padding, three bytes to four
    /// characters: every report's receipt carries a sealed status link, and Foundation's
    /// string replacing was 4% of a report's time (then its base64 and a pass over `Data`, 0.8%).
    static func base64URL(_ data: Data) -> String {
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            let count = (input.count * 4 + 2) / 3
            return String(unsafeUninitializedCapacity: count) { output in
                func digit(_ value: UInt8) -> UInt8 {
                    switch value {
                    case 0..<26: UInt8(ascii: "A") + value
                    case 26..<52: UInt8(ascii: "a") + value - 26
                    case 52..<62: UInt8(ascii: "0") + value - 52
                    case 62: UInt8(ascii: "-")
                    default: UInt8(ascii: "_")
                    }
                }
                var written = 0, index = 0
                func put(_ value: UInt8) {
                    guard written < count else { return }  // the last group's unused characters: no padding
                    output[written] = digit(value)
                    written += 1
                }
                while index < input.count {
                    let b0 = input[index], b1 = index + 1 < input.count ? input[index + 1] : 0, b2 = index + 2 < input.count ? input[index + 2] : 0
                    put(b0 >> 2)
                    put((b0 & 0x03) << 4 | b1 >> 4)
                    put((b1 & 0x0F) << 2 | b2 >> 6)
                    put(b2 & 0x3F)
                    index += 3
                }
                return written
            }
        }
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
