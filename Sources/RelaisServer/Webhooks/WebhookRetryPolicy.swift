import Foundation

/// When to try again after a failed delivery: exponential backoff with full jitter.
///
/// After the n-th failed attempt (n ≥ 1) the next one waits a random time in
/// [0, min(cap, base · 2^(n−1))]: with the defaults 2 s, 4 s, 8 s, … 2048 s after the 11th,
/// then at most 1 h. Full jitter (rather than a fixed schedule) spreads the retries of many
/// events that failed together, so a receiver coming back up is not hit by all of them in the
/// same second. After `maxAttempts` failed attempts the event is dead until replayed.
///
/// With the defaults (16 attempts) the last attempt comes at most ≈ 5.1 h (4,094 s + 4 × 1 h)
/// after the first failure, ≈ 2.6 h on average: a receiver down for a deploy or an incident
/// catches up by itself; one down for longer needs `relais webhooks replay --dead`.
public struct WebhookRetryPolicy: Sendable, Equatable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var maxAttempts: Int

    public init(base: TimeInterval = 2, cap: TimeInterval = 3600, maxAttempts: Int = 16) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    public static let `default` = WebhookRetryPolicy()

    /// The longest wait after the `attempt`-th failed attempt: min(cap, base · 2^(attempt−1)).
    public func ceiling(afterAttempt attempt: Int) -> TimeInterval {
        // The exponent is bounded so the power never overflows; the cap is reached long before.
        let exponent = Double(min(max(attempt - 1, 0), 62))
        return min(cap, base * pow(2, exponent))
    }

    /// The wait after the `attempt`-th failed attempt. `jitter` receives the ceiling and
    /// returns a value in [0, ceiling] (a uniform random one in production); a value outside
    /// is clamped, so a faulty jitter can never exceed the cap.
    public func delay(afterAttempt attempt: Int, jitter: (TimeInterval) -> TimeInterval) -> TimeInterval {
        let ceiling = ceiling(afterAttempt: attempt)
        return min(max(jitter(ceiling), 0), ceiling)
    }

    /// Whether `attempts` failed attempts leave none.
    public func isExhausted(attempts: Int) -> Bool { attempts >= maxAttempts }

    /// Uniform in [0, ceiling]: the production jitter.
    public static let fullJitter: @Sendable (TimeInterval) -> TimeInterval = { ceiling in
        ceiling > 0 ? Double.random(in: 0...ceiling) : 0
    }
}
