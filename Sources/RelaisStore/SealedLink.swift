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
