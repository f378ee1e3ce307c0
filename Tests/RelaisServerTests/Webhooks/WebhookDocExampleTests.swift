import Crypto
import Foundation
import RelaisServer
import Testing

// The Swift verification example of docs/webhooks.md, copied verbatim (only renamed), so the
// documented code is compiled and checked against what Relais sends.
func docVerify(secret: String, timestamp: String, signature: String, body: Data, now: Date = Date()) -> Bool {
    guard let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= 5 * 60 else { return false }
    let key = SymmetricKey(data: Data(secret.utf8))
    let signed = Data("\(timestamp).".utf8) + body
    return signature.split(separator: ",").contains { part in
        let entry = part.trimmingCharacters(in: .whitespaces)
        guard entry.hasPrefix("v1="), let mac = Data(hexString: String(entry.dropFirst(3))) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key)  // constant time
    }
}

extension Data {
    init?(hexString: String) {
        let bytes = Array(hexString.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        var data = Data()
        for i in stride(from: 0, to: bytes.count, by: 2) {
            guard let byte = UInt8(String(decoding: bytes[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            data.append(byte)
        }
        self = data
    }
}

@Suite("Webhook docs")
struct WebhookDocExampleTests {
    @Test func theDocumentedSwiftVerificationAcceptsRelaisSignatures() {
        let secret = "whsec_" + String(repeating: "ab", count: 32)
        let body = Data(#"{"event":"report.received","reportId":"r-1"}"#.utf8)
        let now = Date()
        let timestamp = Int(now.timeIntervalSince1970)
        let header = WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
        #expect(docVerify(secret: secret, timestamp: String(timestamp), signature: header, body: body, now: now))
        #expect(!docVerify(secret: secret + "x", timestamp: String(timestamp), signature: header, body: body, now: now))
        #expect(!docVerify(secret: secret, timestamp: String(timestamp), signature: header, body: body, now: now + 301), "5-minute tolerance")
        #expect(!docVerify(secret: secret, timestamp: String(timestamp), signature: header, body: body + Data("x".utf8), now: now))
    }
}
