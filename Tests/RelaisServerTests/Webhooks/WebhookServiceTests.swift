import Foundation
import Logging
@testable import RelaisServer
import RelaisStore
import RelaisTestSupport
import ServiceLifecycle
import Synchronization
import Testing

/// The worker as `relais serve` runs it: a service in a group, stopped by graceful shutdown.
@Suite("Webhook worker as a service")
struct WebhookServiceTests {
    /// SIGTERM (graceful shutdown) in the middle of a batch: the batch is finished and
    /// marked, no claim is left behind, nothing is sent twice.
    @Test func gracefulShutdownFinishesTheBatchInFlight() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        await receiver.log.answerAfter(.milliseconds(300))
        try await fixture.setEndpoint(receiver.url)
        try await fixture.fileReports(6)
        let worker = fixture.worker(batchSize: 3)
        var logger = Logger(label: "group")
        logger.logLevel = .critical
        let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [], logger: logger)
        let running = Task { try await group.run() }
        #expect(try await eventually { await receiver.log.requests.count >= 1 })
        await group.triggerGracefulShutdown()
        try await running.value

        let events = try await fixture.events()
        #expect(events.allSatisfy { $0.claimedBy == nil }, "no claim left behind")
        let delivered = events.filter { $0.status == "delivered" }
        #expect(delivered.count == 3, "the batch in flight was finished, the next one never started")
        #expect(await receiver.log.counts.values.allSatisfy { $0 == 1 })
    }

    /// Logs name the event, its type, the attempt and the error kind: never the payload.
    @Test func logsNeverContainPayloads() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        await receiver.log.answer([500])
        try await fixture.setEndpoint(receiver.url)
        let reports = try await fixture.fileReports(1)
        let lines = LogLines()
        let clock = fixture.clock
        let worker = WebhookWorker(
            store: fixture.storage, options: .init(retry: .init(maxAttempts: 2)), now: { clock.now() }, jitter: { $0 },
            logger: Logger(label: "relais.webhooks") { _ in LogLines.Handler(lines: lines) })
        try await worker.deliverDueEvents()
        clock.advance(2)
        try await worker.deliverDueEvents()
        let logged = lines.all
        #expect(logged.contains { $0.contains("webhook attempt failed") && $0.contains("HTTP 500") })
        #expect(logged.contains { $0.contains("webhook delivered") })
        let payload = try #require(try await fixture.events().first?.payload)
        for line in logged {
            #expect(!line.contains(reports[0]) && !line.contains(payload) && !line.contains("harassment"))
        }
    }
}

/// Every log line, with its metadata, as text.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }

    struct Handler: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let line = "\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })"
            lines.lines.withLock { $0.append(line) }
        }
    }
}
