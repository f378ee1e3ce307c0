import Crypto
import Foundation

/// An evidence pack as a file: the `EvidenceDocument` in canonical JSON, signed with the
/// instance's Ed25519 key.
///
///     {"document":{…},"signature":{"algorithm":"Ed25519","publicKey":"…","value":"…"}}
///
/// The signature covers the document's bytes exactly as they stand in the file. The file is
/// itself canonical (keys sorted, no spaces), so verifying rebuilds it from what it states and
/// compares byte for byte: any changed byte, even outside the document, fails.
///
/// What a valid pack proves: that the holder of this key (the Relais instance of the
/// platform) issued it, so that the platform received this report, with this content
/// snapshot, at this time, and decided what it says. It does not prove who wrote the
/// content: the snapshot and the author id are what the platform sent with the report.
public enum EvidencePack {
    /// The name of the stored secret that is the Ed25519 private key (32 bytes), made by the
    /// first instance that signs a pack, like every other instance secret.
    public static let keyName = "evidence-signing"

    public struct Signature: Sendable, Codable, Equatable {
        public var algorithm: String
        /// The raw 32-byte Ed25519 public key, base64.
        public var publicKey: String
        /// The 64-byte signature of the document's bytes, base64.
        public var value: String
    }

    struct File: Codable {
        var document: EvidenceDocument
        var signature: Signature
    }

    /// The signing key from the stored 32-byte secret.
    public static func signingKey(secret: Data) throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: secret)
    }

    /// The public key as served at `/.well-known/relais-evidence-key`: base64 of the raw key.
    public static func publicKeyText(_ key: Curve25519.Signing.PrivateKey) -> String {
        key.publicKey.rawRepresentation.base64EncodedString()
    }

    /// The signed file.
    public static func signed(_ document: EvidenceDocument, key: Curve25519.Signing.PrivateKey) throws -> Data {
        let bytes = try canonical(document)
        let signature = Signature(
            algorithm: "Ed25519", publicKey: publicKeyText(key), value: try key.signature(for: bytes).base64EncodedString())
        return try canonical(File(document: document, signature: signature))
    }

    /// What checking a file found.
    public enum Verification: Sendable, Equatable {
        case valid(EvidenceDocument, publicKey: String)
        case invalid(String)
    }

    /// Checks a file offline: it is a pack in canonical form, its items match their hashes, its
    /// signature is the key's over the document, and, when `expectedKey` is given (base64, as
    /// the well-known URL serves it), the key is that one.
    public static func verify(_ file: Data, expectedKey: String? = nil) -> Verification {
        guard let decoded = try? JSONDecoder().decode(File.self, from: file) else {
            return .invalid("This is not a Relais evidence pack (its JSON does not have the expected fields).")
        }
        guard decoded.document.format == EvidenceDocument.currentFormat else {
            return .invalid("Unknown format '\(decoded.document.format)': this tool reads \(EvidenceDocument.currentFormat).")
        }
        guard let rebuilt = try? canonical(decoded), rebuilt == file else {
            return .invalid("The file was changed after it was signed: its bytes are not the ones Relais wrote.")
        }
        let signature = decoded.signature
        // Base64 is read strictly: a last character differing only in its unused bits decodes
        // to the same bytes, and would let a changed file pass.
        guard signature.algorithm == "Ed25519", let keyBytes = Data(base64Encoded: signature.publicKey),
            keyBytes.base64EncodedString() == signature.publicKey,
            let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes),
            let value = Data(base64Encoded: signature.value), value.base64EncodedString() == signature.value,
            let documentBytes = try? canonical(decoded.document),
            publicKey.isValidSignature(value, for: documentBytes)
        else { return .invalid("The signature does not match the document: it was changed, or not signed by this key.") }
        if let expectedKey, expectedKey.trimmingCharacters(in: .whitespacesAndNewlines) != signature.publicKey {
            return .invalid("The pack is signed by another key than the one expected: it was not issued by that Relais instance.")
        }
        let wrong = decoded.document.itemsThatDoNotMatch
        guard wrong.isEmpty else { return .invalid("These items do not match their SHA-256: " + wrong.joined(separator: ", ") + ".") }
        return .valid(decoded.document, publicKey: signature.publicKey)
    }

    /// Keys sorted, no spaces, slashes as they are: one byte sequence per value.
    static func canonical<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func sha256(_ data: Data) -> String { Hex.encode(SHA256.hash(data: data)) }
}
