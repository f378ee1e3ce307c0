import Foundation

/// When and how long the client waits before trying a call again.
///
/// Retried: no answer (network errors, a dropped connection, a timeout), `429`, `502`, `503`
/// and `504`. A report keeps its idempotency key on every retry, so a retry never files it
/// twice. `Retry-After` is honoured when the server sends it; otherwise the delay doubles
/// from `initialDelay`, with jitter, up to `maxDelay`. Nothing is retried once `budget`
/// seconds have passed since the first attempt: a person waiting for help is shown the
/// card decided on the device instead, and the report waits in the queue.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first one included.
    public var maxAttempts: Int
    /// Seconds before the first retry (then doubling), without `Retry-After`.
    public var initialDelay: TimeInterval
    /// The longest backoff between two attempts, in seconds.
    public var maxDelay: TimeInterval
    /// Seconds from the first attempt after which no retry is started.
    public var budget: TimeInterval
    /// How the client waits. Tests pass one that records the delay and returns at once.
    public var sleep: @Sendable (TimeInterval) async throws -> Void
    /// A factor in 0...1 applied to half of each backoff delay (full jitter on top of a
    /// floor), so many devices coming back online do not retry in step.
    public var jitter: @Sendable () -> Double

    /// The defaults are `RetryPolicy.default`'s.
    public init(
        maxAttempts: Int = 3, initialDelay: TimeInterval = 0.25, maxDelay: TimeInterval = 4, budget: TimeInterval = 6,
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = RetryPolicy.taskSleep,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.budget = budget
        self.sleep = sleep
        self.jitter = jitter
    }

    /// Interactive calls: a few quick retries, then help from the device.
    public static let `default` = RetryPolicy()

    /// One attempt, no retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// `Task.sleep`: the default way to wait; cancelling the task ends the wait.
    public static let taskSleep: @Sendable (TimeInterval) async throws -> Void = { seconds in
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }

    /// The delay before attempt `attempt + 1` when the server gave no `Retry-After`.
    func backoff(after attempt: Int) -> TimeInterval {
        let full = min(maxDelay, initialDelay * pow(2, Double(attempt - 1)))
        return full / 2 + full / 2 * jitter()
    }

    /// `Retry-After` as seconds: a number of seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = TimeInterval(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
