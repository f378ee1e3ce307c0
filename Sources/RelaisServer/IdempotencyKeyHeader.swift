import Hummingbird
import RelaisCore

/// The `Idempotency-Key` header of a request that creates something (a report, a complaint):
/// a retry with the same key gets the first answer and stores nothing twice.
enum IdempotencyKeyHeader {
    static func read(_ request: Request) throws -> String? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        guard !key.isEmpty, key.count <= RelaisLimits.maxIdempotencyKeyLength,
            key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw Problem(
                .badRequest, title: "Invalid Idempotency-Key",
                errors: [FieldError("Idempotency-Key", "must be 1–\(RelaisLimits.maxIdempotencyKeyLength) visible ASCII characters, such as a UUID")])
        }
        return key
    }
}
