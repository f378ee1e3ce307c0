import Foundation
import RelaisTestSupport
import GRDB
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RelaisCore
@testable import RelaisServer
@testable import RelaisStore
import Synchronization

/// A clock the test moves by hand: backoff and claim leases without waiting.
final class ManualClock: Sendable {
    private let value: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_764_428_400)) { value = Mutex(start) }

    func now() -> Date { value.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// What the receiver saw of one request.
struct ReceivedWebhook: Sendable {
    var eventId: String
    var type: String
    var timestamp: String
    var signature: String
    var contentType: String
    var body: Data
}

/// The receiver's memory and script: answers the scripted statuses in order, then 200.
actor ReceiverLog {
    private(set) var requests: [ReceivedWebhook] = []
    private var script: [Int] = []
    private var delay: Duration?

    func answer(_ statuses: [Int]) { script = statuses }
    func answerAfter(_ delay: Duration?) { self.delay = delay }

    func record(_ request: ReceivedWebhook) -> (Int, Duration?) {
        requests.append(request)
        return (script.isEmpty ? 200 : script.removeFirst(), delay)
    }

    var eventIds: [String] { requests.map(\.eventId) }

    /// How many times each event id arrived.
    var counts: [String: Int] { requests.reduce(into: [:]) { $0[$1.eventId, default: 0] += 1 } }
}

/// A real HTTP receiver on loopback (a small Hummingbird app), that can be stopped and
/// started again on the same port to play a platform that is down for a while.
final class Receiver: Sendable {
    let log: ReceiverLog
    let port: Int
    private let task: Mutex<Task<Void, any Error>?>

    var url: String { "http://127.0.0.1:\(port)/hook" }

    private init(log: ReceiverLog, port: Int, task: Task<Void, any Error>) {
        self.log = log
        self.port = port
        self.task = Mutex(task)
    }

    static func start(port: Int = 0, log: ReceiverLog = ReceiverLog()) async throws -> Receiver {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await app(port: port, log: log, bound: continuation).run() }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else { throw CancellationError() }
        return Receiver(log: log, port: bound, task: task)
    }

    /// Stops listening: connections are refused until `restart`.
    func stop() async {
        guard let running = task.withLock({ current -> Task<Void, any Error>? in defer { current = nil }; return current }) else { return }
        running.cancel()
        _ = await running.result
    }

    /// Listens again on the same port with the same log.
    func restart() async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let port = self.port, log = self.log
        let running = Task { try await Self.app(port: port, log: log, bound: continuation).run() }
        var iterator = ports.makeAsyncIterator()
        _ = await iterator.next()
        task.withLock { $0 = running }
    }

    private static func app(port: Int, log: ReceiverLog, bound: AsyncStream<Int>.Continuation) -> some ApplicationProtocol {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            func header(_ name: String) -> String { request.headers[HTTPField.Name(name)!] ?? "" }
            let (status, delay) = await log.record(ReceivedWebhook(
                eventId: header("Relais-Event-Id"), type: header("Relais-Event-Type"), timestamp: header("Relais-Timestamp"),
                signature: header("Relais-Signature"), contentType: header("Content-Type"), body: Data(buffer: body)))
            if let delay { try await Task.sleep(for: delay) }
            // Echo the body back: Relais must never store what a receiver answers.
            return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: "echo: " + String(buffer: body))))
        }
        var logger = Logger(label: "receiver")
        logger.logLevel = .critical
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in bound.yield(channel.localAddress?.port ?? port) }, logger: logger)
    }
}

/// A real SQLite file with tenant "acme", reports whose `report.received` events wait in
/// the outbox, and workers over it.
struct WebhookFixture {
    let database: TestDatabase
    let storage: any RelaisStorage
    let tenant: Tenant
    let clock: ManualClock

    init() async throws {
        database = try await TestDatabase.make()
        storage = database.storage
        clock = ManualClock()
        (tenant, _) = try await storage.createTenant(name: "acme", now: clock.now())
    }

    func remove() { database.removeLater() }

    /// Sets acme's URL; returns the secret.
    @discardableResult
    func setEndpoint(_ url: String) async throws -> String {
        let (endpoint, _) = try await storage.setWebhookEndpoint(tenantName: "acme", url: url, rotateSecret: false, now: clock.now())
        return endpoint.secret
    }

    /// Files `count` reports (each writes one `report.received` event); returns the report ids.
    @discardableResult
    func fileReports(_ count: Int, text: String = "you are worthless") async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let draft = ReportDraft(
                surface: "web",
                reporter: .init(id: "u-\(index)", country: CountryCode(rawValue: "FR")!, locale: "fr-FR", ageBracket: .teen, isTarget: true),
                subject: .init(kind: .comment, id: "c-\(index)", text: text),
                category: .harassment, details: "details of report \(index)", goodFaith: true)
            let id = UUID().uuidString.lowercased()
            _ = try await storage.submit(ReportSubmission(
                tenantId: tenant.id, reportId: id, draft: draft, support: nil, receivedAt: clock.now(), idempotencyKey: nil, requestHash: id))
            ids.append(id)
        }
        return ids
    }

    /// A worker over `storage` (another instance of the same file plays another process).
    /// Jitter is the ceiling, so waits are predictable.
    func worker(
        storage: (any RelaisStorage)? = nil, id: String = WebhookWorker.makeId(), batchSize: Int = 10, maxAttempts: Int = 16,
        timeout: TimeInterval = 5, pollInterval: Duration = .milliseconds(20)
    ) -> WebhookWorker {
        var logger = Logger(label: "relais.webhooks.test")
        logger.logLevel = .critical
        let clock = self.clock
        return WebhookWorker(
            store: storage ?? self.storage,
            options: WebhookDeliveryOptions(
                pollInterval: pollInterval, batchSize: batchSize, requestTimeout: timeout, retry: WebhookRetryPolicy(maxAttempts: maxAttempts)),
            workerId: id, now: { clock.now() }, jitter: { $0 }, logger: logger)
    }

    /// Another connection pool on the same database, as a second `relais serve` process has.
    func secondStorage() throws -> any RelaisStorage { try database.openAnother() }

    struct EventRow: Sendable {
        var id: String
        var status: String
        var attempts: Int
        var lastError: String?
        var nextAttemptAt: Date
        var claimedBy: String?
        var payload: String
    }

    func events() async throws -> [EventRow] {
        try await database.rows("SELECT * FROM outbox_events ORDER BY created_at, id").map {
            EventRow(
                id: $0.string("id")!, status: $0.string("status")!, attempts: $0.int("attempts")!, lastError: $0.string("last_error"),
                nextAttemptAt: $0.date("next_attempt_at")!, claimedBy: $0.string("claimed_by"), payload: $0.string("payload")!)
        }
    }

    func event(_ id: String) async throws -> EventRow? { try await events().first { $0.id == id } }
}

/// Polls `condition` every 20 ms for up to `seconds`.
func eventually(_ seconds: Double = 20, _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
