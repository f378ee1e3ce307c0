import Foundation
import RelaisClient

/// Records every retry's wait and returns at once.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [TimeInterval] = []
    var delays: [TimeInterval] { lock.withLock { recorded } }
    var policy: RetryPolicy {
        RetryPolicy(maxAttempts: 4, budget: 120, sleep: { [self] seconds in lock.withLock { recorded.append(seconds) } }, jitter: { 1 })
    }
}
