import Foundation
import HTTPTypes

/// Token buckets by key (a tenant, a reporter, an address), kept in memory. Keys whose bucket
/// is full again are forgotten now and then, so a raid from many addresses cannot grow it
/// without bound.
final class RateLimiter: @unchecked Sendable {
    let limit: RateLimit
    private let lock = NSLock()
    private var buckets: [String: TokenBucket] = [:]
    private var nextSweep: Double = 0
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(_ limit: RateLimit) {
        self.limit = limit
        start = clock.now
    }

    /// Takes one request's token for `key`; `now` is for tests (seconds since the limiter began).
    func take(_ key: String, now: Double? = nil) -> RateDecision {
        let instant = now ?? seconds(clock.now - start)
        return lock.withLock {
            // At most one sweep a second: a raid from many addresses must not make every
            // request scan the whole table.
            if buckets.count > 50_000, instant >= nextSweep {
                buckets = buckets.filter { !$0.value.isFull(at: instant) }
                nextSweep = instant + 1
            }
            var bucket = buckets[key] ?? TokenBucket(limit, at: instant)
            let decision = bucket.take(at: instant)
            buckets[key] = bucket
            return decision
        }
    }

    /// Throws the 429 when `key` is over its limit.
    func check(_ key: String, what: String) throws {
        let decision = take(key)
        guard decision.allowed else { throw Problem.tooManyRequests(decision, what: what) }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension HTTPField.Name {
    static let rateLimitLimit = Self("RateLimit-Limit")!
    static let rateLimitRemaining = Self("RateLimit-Remaining")!
    static let rateLimitReset = Self("RateLimit-Reset")!
}

extension Problem {
    /// 429 with `Retry-After` and the RateLimit headers (IETF draft: limit, remaining, reset).
    static func tooManyRequests(_ decision: RateDecision, what: String) -> Problem {
        Problem(
            .tooManyRequests, title: "Too many requests",
            detail: "Too many requests \(what). Nothing was stored; retry in \(decision.retryAfter) s.",
            headers: [
                .retryAfter: String(max(1, decision.retryAfter)), .rateLimitLimit: String(decision.limit),
                .rateLimitRemaining: String(decision.remaining), .rateLimitReset: String(max(1, decision.resetIn)),
            ])
    }
}
