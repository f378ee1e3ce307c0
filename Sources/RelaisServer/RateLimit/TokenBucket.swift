import Foundation

/// A token bucket: `burst` tokens at most, refilled at `perSecond`; each request takes one.
/// Pure arithmetic over the instant passed in (seconds on a monotonic clock), so the rule is
/// tested without waiting.
struct TokenBucket: Sendable, Equatable {
    let burst: Double
    let perSecond: Double
    private(set) var tokens: Double
    private(set) var updated: Double

    init(_ rate: RateLimit, at now: Double) {
        burst = Double(rate.burst)
        perSecond = rate.perSecond
        tokens = burst
        updated = now
    }

    /// Takes a token if there is one. The answer says how many are left and, when refused,
    /// in how many seconds the next one comes.
    mutating func take(at now: Double) -> RateDecision {
        tokens = min(burst, tokens + max(0, now - updated) * perSecond)
        updated = now
        let full = (burst - tokens) / perSecond
        guard tokens >= 1 else {
            return RateDecision(allowed: false, limit: Int(burst), remaining: 0, retryAfter: Int(((1 - tokens) / perSecond).rounded(.up)), resetIn: Int(full.rounded(.up)))
        }
        tokens -= 1
        return RateDecision(allowed: true, limit: Int(burst), remaining: Int(tokens), retryAfter: 0, resetIn: Int(((burst - tokens) / perSecond).rounded(.up)))
    }

    /// Full again: the key can be forgotten.
    func isFull(at now: Double) -> Bool { tokens + max(0, now - updated) * perSecond >= burst }
}

struct RateDecision: Sendable, Equatable {
    var allowed: Bool
    var limit: Int
    var remaining: Int
    /// Seconds until one request would pass (0 when this one passed).
    var retryAfter: Int
    /// Seconds until the bucket is full again.
    var resetIn: Int
}
