import Crypto
import Foundation

/// The Standard Webhooks signature (standardwebhooks.com), sent beside Relais's own
/// `Relais-Signature` so that any receiver with a Standard Webhooks library verifies a
/// delivery with the secret `relais webhooks set` printed, and no code of its own:
///
///     webhook-id: <event id>            (the idempotency key, the same on every attempt)
///     webhook-timestamp: <Unix seconds> (this attempt's)
///     webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>
///
/// The key is the secret after `whsec_`, base64-decoded, as those libraries read it. Relais's
/// secrets are `whsec_` and 64 hex digits; hex digits are base64 characters, so the same secret
/// serves both schemes unchanged (a receiver of `Relais-Signature` uses its UTF-8 bytes).
public enum StandardWebhookSignature {
    public static let prefix = "whsec_"

    /// The `webhook-signature` value, or nil for a secret that is not base64 after `whsec_`
    /// (never one Relais made; then only `Relais-Signature` is sent).
    public static func header(secret: String, id: String, timestamp: Int, body: Data) -> String? {
        guard let key = key(secret) else { return nil }
        let signed = Data("\(id).\(timestamp).".utf8) + body
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: key)).base64EncodedString()
    }

    static func key(_ secret: String) -> SymmetricKey? {
        let encoded = secret.hasPrefix(prefix) ? String(secret.dropFirst(prefix.count)) : secret
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else { return nil }
        return SymmetricKey(data: bytes)
    }
}
