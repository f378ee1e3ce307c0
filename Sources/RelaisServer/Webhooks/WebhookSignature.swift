import Crypto
import Foundation

/// `Relais-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
///
/// The timestamp is inside the signed message, so a captured delivery cannot be replayed
/// later with a fresh timestamp; receivers reject timestamps too far from their clock
/// (docs/webhooks.md suggests 5 minutes). The key is the secret exactly as printed by
/// `relais webhooks set`, as UTF-8 bytes, so every language can verify in a few lines.
public enum WebhookSignature {
    public static let scheme = "v1"

    /// The header value: "v1=<64 hex digits>".
    public static func header(secret: String, timestamp: Int, body: Data) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: message(timestamp: timestamp, body: body), using: key(secret))
        return scheme + "=" + hex(code)
    }

    /// Whether any `v1=` entry of a header (comma-separated, for a future rotation overlap)
    /// matches. Compares in constant time.
    public static func verify(header: String, secret: String, timestamp: Int, body: Data) -> Bool {
        let signed = message(timestamp: timestamp, body: body)
        for part in header.split(separator: ",") {
            let entry = part.trimmingCharacters(in: .whitespaces)
            guard entry.hasPrefix(scheme + "="), let code = unhex(entry.dropFirst(scheme.count + 1)) else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: signed, using: key(secret)) { return true }
        }
        return false
    }

    static func message(timestamp: Int, body: Data) -> Data { Data("\(timestamp).".utf8) + body }

    static func key(_ secret: String) -> SymmetricKey { SymmetricKey(data: Data(secret.utf8)) }

    private static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: out, as: UTF8.self)
    }

    private static func unhex(_ text: Substring) -> Data? {
        let chars = Array(text.utf8)
        guard chars.count == 64 else { return nil }
        var bytes = Data(capacity: 32)
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
