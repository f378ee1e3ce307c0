import Foundation
import RelaisServer
import Testing

@Suite("Webhook signature")
struct WebhookSignatureTests {
    let secret = "whsec_" + String(repeating: "ab", count: 32)
    let body = Data(#"{"event":"report.received","reportId":"r-1"}"#.utf8)
    let timestamp = 1_764_428_400

    /// The same vector computed with Python's hmac module, as docs/webhooks.md verifies: the
    /// documented scheme and the implementation agree byte for byte.
    @Test func matchesTheDocumentedSchemeComputedElsewhere() {
        #expect(WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
            == "v1=65a9b6e164196a94139959fecc892b29a55589bc10cdac2ebc00edbb44abe291")
    }

    @Test func verifiesWithTheSecretOnly() {
        let header = WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
        #expect(WebhookSignature.verify(header: header, secret: secret, timestamp: timestamp, body: body))
        #expect(!WebhookSignature.verify(header: header, secret: "whsec_" + String(repeating: "cd", count: 32), timestamp: timestamp, body: body))
        #expect(!WebhookSignature.verify(header: header, secret: secret, timestamp: timestamp + 1, body: body), "the timestamp is signed")
        #expect(!WebhookSignature.verify(header: header, secret: secret, timestamp: timestamp, body: body + Data(" ".utf8)))
        #expect(!WebhookSignature.verify(header: "v1=zz", secret: secret, timestamp: timestamp, body: body))
        #expect(!WebhookSignature.verify(header: "", secret: secret, timestamp: timestamp, body: body))
        // Several entries (a future overlap of two secrets): any matching v1 entry counts.
        #expect(WebhookSignature.verify(header: "v1=" + String(repeating: "0", count: 64) + ", " + header, secret: secret, timestamp: timestamp, body: body))
    }
}

@Suite("Standard Webhooks signature")
struct StandardWebhookSignatureTests {
    /// The example of the Standard Webhooks specification, as its Python library signs it.
    @Test func matchesTheSpecificationsExample() {
        let header = StandardWebhookSignature.header(
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
            body: Data(#"{"test": 2432232314}"#.utf8))
        #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    /// A secret as Relais makes them (`whsec_` and 64 hex digits) is read by those libraries
    /// as base64; computed with the `standardwebhooks` package from PyPI.
    @Test func relaisSecretsServeBothSchemes() {
        let header = StandardWebhookSignature.header(
            secret: "whsec_" + String(repeating: "ab", count: 32), id: "evt-1", timestamp: 1_764_428_400,
            body: Data(#"{"event":"report.received","reportId":"r-1"}"#.utf8))
        #expect(header == "v1,luaq/pBUST+nXfHXX5ZbCJgiEP3iaUP6Ny2O/cEh7Sg=")
        #expect(StandardWebhookSignature.header(secret: "whsec_not base64!", id: "e", timestamp: 1, body: Data()) == nil)
    }
}

@Suite("Webhook retry policy")
struct WebhookRetryPolicyTests {
    @Test func backoffDoublesFromTwoSecondsAndIsCappedAtOneHour() {
        let policy = WebhookRetryPolicy.default
        #expect(policy.base == 2 && policy.cap == 3600 && policy.maxAttempts == 16)
        let ceilings = (1...16).map { policy.ceiling(afterAttempt: $0) }
        #expect(Array(ceilings.prefix(12)) == [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600])
        #expect(ceilings.dropFirst(11).allSatisfy { $0 == 3600 })
        #expect(zip(ceilings, ceilings.dropFirst()).allSatisfy { $0 <= $1 }, "never shrinks")
        #expect(policy.ceiling(afterAttempt: 10_000) == 3600, "no overflow far past the cap")
        // Worst case from the first failure to the last attempt, as documented: ≈ 5.1 h.
        #expect(ceilings.prefix(15).reduce(0, +) == 18_494)
    }

    @Test func fullJitterStaysBetweenZeroAndTheCeiling() {
        let policy = WebhookRetryPolicy.default
        for attempt in 1...20 {
            let ceiling = policy.ceiling(afterAttempt: attempt)
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt, jitter: WebhookRetryPolicy.fullJitter)
                #expect(delay >= 0 && delay <= ceiling)
            }
            // A faulty jitter is clamped: the cap holds whatever it returns.
            #expect(policy.delay(afterAttempt: attempt, jitter: { $0 * 10 }) == ceiling)
            #expect(policy.delay(afterAttempt: attempt, jitter: { _ in -5 }) == 0)
        }
    }

    @Test func deadAfterTheLastAttempt() {
        let policy = WebhookRetryPolicy(maxAttempts: 3)
        #expect(!policy.isExhausted(attempts: 2))
        #expect(policy.isExhausted(attempts: 3))
    }
}
