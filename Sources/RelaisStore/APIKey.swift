import Crypto
import Foundation

/// API keys: 32 random bytes, shown once, stored as a SHA-256 hash.
///
/// A fast hash is right here (unlike passwords): the key has 256 bits of entropy, so it
/// cannot be guessed from its hash, and the lookup runs on every request.
public enum APIKey {
    public static let prefix = "rls_"

    public static func generate(prefix: String = APIKey.prefix) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Hex.encode(bytes)
    }

    public static func hash(_ key: String) -> String {
        Hex.encode(SHA256.hash(data: Data(key.utf8)))
    }

    /// The part of a key shown in listings: "rls_1a2b3c4d".
    public static func displayPrefix(_ key: String) -> String { String(key.prefix(prefix.count + 8)) }
}

/// A moderator's personal token: the same construction as a tenant key, with its own prefix
/// so that neither kind is ever mistaken for the other (each middleware accepts one prefix).
public enum ModeratorToken {
    public static let prefix = "rlm_"

    public static func generate() -> String { APIKey.generate(prefix: prefix) }
}

/// Secrets shared by the instances on one database, kept in `relais_settings` as hex.
enum SharedSecret {
    static func key(_ name: String) -> String { "secret:" + name }

    /// The secret, made by whichever instance asks first (it stores its candidate; everyone
    /// reads the stored one). Inside a write transaction, so a plan can sign with it.
    static func plan(named name: String) -> StorePlan<Data> {
        let key = key(name)
        return .first("SELECT value FROM relais_settings WHERE key = \(key)") { existing in
            if let existing { return .done(try bytes(try existing.string("value"))) }
            return .write(["INSERT INTO relais_settings (key, value) VALUES (\(key), \(generate())) ON CONFLICT (key) DO NOTHING"]) {
                .first("SELECT value FROM relais_settings WHERE key = \(key)") { row in .done(try bytes(try row!.string("value"))) }
            }
        }
    }

    /// 256 random bits, hex.
    static func generate() -> String { APIKey.generate(prefix: "") }

    static func bytes(_ hex: String) throws -> Data {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { throw StorageError.invalidDatabaseOption("a stored secret is damaged") }
        var bytes = Data(capacity: 32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw StorageError.invalidDatabaseOption("a stored secret is damaged")
            }
            bytes.append(byte)
        }
        return bytes
    }
}

/// SHA-256 of bytes, hex: request fingerprints for idempotency.
public enum Fingerprint {
    public static func sha256(_ data: Data) -> String {
        Hex.encode(SHA256.hash(data: data))
    }
}

/// Lower-case hex without a formatter per byte: this runs on every authenticated request.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
