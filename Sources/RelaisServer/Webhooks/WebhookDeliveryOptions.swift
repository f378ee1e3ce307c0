import Foundation

/// How the delivery worker polls and sends. `relais serve` exposes the poll interval, the
/// batch size and the number of attempts.
public struct WebhookDeliveryOptions: Sendable {
    /// Pause between polls when there was no backlog. A full batch is followed by the next
    /// poll at once.
    public var pollInterval: Duration
    /// Events claimed per poll. They are sent concurrently.
    public var batchSize: Int
    /// Hard limit on one request: connect, send, wait for the status.
    public var requestTimeout: TimeInterval
    /// How long a claim keeps other workers away. A batch is sent concurrently, so it ends
    /// within one request timeout; the lease adds room for the database writes that follow.
    /// A worker that crashes holds its events at most this long.
    public var claimLease: TimeInterval
    public var retry: WebhookRetryPolicy

    public init(
        pollInterval: Duration = .seconds(1), batchSize: Int = 10, requestTimeout: TimeInterval = 10,
        claimLease: TimeInterval? = nil, retry: WebhookRetryPolicy = .default
    ) {
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.requestTimeout = requestTimeout
        self.claimLease = claimLease ?? requestTimeout * 3
        self.retry = retry
    }
}
