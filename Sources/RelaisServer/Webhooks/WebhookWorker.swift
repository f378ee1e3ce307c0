import Foundation
import Logging
import Metrics
import RelaisStore
import ServiceLifecycle

/// Sends outbox events to each tenant's webhook URL: a background service of `relais serve`.
///
/// Each poll claims a batch of due events with a short lease (several processes on one
/// database never send the same event at the same time), POSTs them signed, and marks each
/// delivered (2xx) or failed (anything else: backoff, then dead). At-least-once: if the
/// process dies between a send and its mark, the lease expires and another poll sends the
/// event again, with the same `Relais-Event-Id` for the receiver to deduplicate.
///
/// Payloads are never logged: they describe reports about people.
public struct WebhookWorker: Service {
    let store: any WebhookStore
    let transport: any WebhookTransport
    public let options: WebhookDeliveryOptions
    /// Names this worker's claims; unique per instance so a restarted process never
    /// mistakes an old claim for its own.
    public let workerId: String
    let now: @Sendable () -> Date
    let jitter: @Sendable (TimeInterval) -> TimeInterval
    let logger: Logger
    /// Failed attempts (not 2xx, or no answer), a metric beside the backlog's gauges.
    let deliveryFailures = Counter(label: "relais_webhook_delivery_failures_total")

    /// `now` and `jitter` are injectable so tests control time and randomness.
    public init(
        store: any WebhookStore, transport: (any WebhookTransport)? = nil, options: WebhookDeliveryOptions = .init(),
        workerId: String = WebhookWorker.makeId(), now: @escaping @Sendable () -> Date = { Date() },
        jitter: @escaping @Sendable (TimeInterval) -> TimeInterval = WebhookRetryPolicy.fullJitter,
        logger: Logger = Logger(label: "relais.webhooks")
    ) {
        self.store = store
        self.transport = transport ?? URLSessionWebhookTransport(timeout: options.requestTimeout)
        self.options = options
        self.workerId = workerId
        self.now = now
        self.jitter = jitter
        self.logger = logger
    }

    public static func makeId() -> String {
        "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Polls until graceful shutdown or cancellation. A batch in flight is finished first,
    /// so a clean stop leaves no event claimed. Errors are logged and retried: a busy or
    /// briefly unreachable database must not stop the server.
    public func run() async throws {
        logger.info("webhook delivery started", metadata: ["worker": "\(workerId)", "batch": "\(options.batchSize)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var claimed = 0
            do { claimed = try await deliverDueEvents() } catch StorageError.unwritable {
                // A full disk: the storage logged it once; a line per poll would bury it.
            } catch {
                logger.warning("webhook poll failed", metadata: ["error": "\(error)"])
            }
            if claimed < options.batchSize {
                let interval = options.pollInterval
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            }
        }
        logger.info("webhook delivery stopped", metadata: ["worker": "\(workerId)"])
    }

    /// One poll: claims up to a batch of due events, sends them concurrently, marks each.
    /// Returns how many were claimed.
    @discardableResult
    public func deliverDueEvents() async throws -> Int {
        let start = now()
        let batch = try await store.claimDueWebhooks(
            now: start, leaseUntil: start.addingTimeInterval(options.claimLease), worker: workerId, limit: options.batchSize)
        await withTaskGroup(of: Void.self) { group in
            for delivery in batch { group.addTask { await self.deliver(delivery) } }
        }
        return batch.count
    }

    func deliver(_ delivery: WebhookDelivery) async {
        let response: WebhookResponse
        if let url = URL(string: delivery.url) {
            response = await transport.send(request(for: delivery, url: url, timestamp: Int(now().timeIntervalSince1970)))
        } else {
            response = .failed("invalid URL")
        }
        let attempts = delivery.attempts + 1
        var metadata: Logger.Metadata = ["event": "\(delivery.eventId)", "type": "\(delivery.type)", "attempt": "\(attempts)"]
        do {
            if response.isSuccess {
                try await store.markWebhookDelivered(eventId: delivery.eventId, at: now())
                logger.debug("webhook delivered", metadata: metadata)
                return
            }
            let dead = options.retry.isExhausted(attempts: attempts)
            let wait = options.retry.delay(afterAttempt: attempts, jitter: jitter)
            let failure = WebhookFailure(
                attempts: attempts, error: response.errorDescription, nextAttemptAt: now().addingTimeInterval(wait), dead: dead)
            try await store.markWebhookFailed(eventId: delivery.eventId, worker: workerId, failure: failure)
            deliveryFailures.increment()
            metadata["error"] = "\(failure.error)"
            if dead {
                logger.error("webhook dead after \(attempts) attempts: relais webhooks replay", metadata: metadata)
            } else {
                metadata["retryIn"] = "\(Int(wait.rounded()))s"
                logger.notice("webhook attempt failed", metadata: metadata)
            }
        } catch {
            // The claim expires and the event is sent again: at-least-once.
            metadata["error"] = "\(error)"
            logger.warning("webhook state not saved; the event will be sent again", metadata: metadata)
        }
    }

    /// The signed POST. The timestamp is the send time, so each attempt carries a fresh
    /// timestamp and signature; the event id stays the same. Signed twice: Relais's own
    /// headers (`Relais-Signature`, docs/webhooks.md) and the Standard Webhooks ones
    /// (`webhook-signature`), which receivers' libraries verify as they are.
    func request(for delivery: WebhookDelivery, url: URL, timestamp: Int) -> WebhookRequest {
        let body = Data(delivery.payload.utf8)
        var headers = [
            "Content-Type": "application/json",
            "Relais-Event-Id": delivery.eventId,
            "Relais-Event-Type": delivery.type,
            "Relais-Timestamp": String(timestamp),
            "Relais-Signature": WebhookSignature.header(secret: delivery.secret, timestamp: timestamp, body: body),
            "webhook-id": delivery.eventId,
            "webhook-timestamp": String(timestamp),
        ]
        headers["webhook-signature"] = StandardWebhookSignature.header(
            secret: delivery.secret, id: delivery.eventId, timestamp: timestamp, body: body)
        return WebhookRequest(url: url, headers: headers, body: body)
    }
}
