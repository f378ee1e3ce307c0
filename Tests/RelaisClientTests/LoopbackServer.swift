import Foundation
import GRDB
import Hummingbird
import Logging
import RelaisClient
import RelaisCore
import RelaisServer
import RelaisStore
import RelaisTestSupport
import ServiceLifecycle

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real Relais server on a loopback port over a fresh SQLite database, that a test can
/// stop and start again on the same port and database (a restart, as the app sees it).
final class LoopbackServer: @unchecked Sendable {
    let database: TestDatabase
    let env: RelaisEnvironment
    let apiKey: String
    let clock: TestClock
    private(set) var port = 0
    private var group: ServiceGroup?
    private var running: Task<Void, any Error>?

    /// 2026-11-29 15:00 Paris: the 3018 is open.
    static let afternoon = Timestamp.parse("2026-11-29T15:00:00+01:00")!

    init(config: RelaisConfig = .empty, now: Date = LoopbackServer.afternoon) async throws {
        database = try await TestDatabase.make()
        let clock = TestClock(now)
        self.clock = clock
        (_, apiKey) = try await database.storage.createTenant(name: "acme", now: now)
        env = RelaisEnvironment(
            storage: database.storage, directory: try HelplineDirectory.bundled(), config: config, clock: RelaisClock { clock.now })
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts the server (on its previous port after a stop) and waits until it listens. If
    /// another test's server took that port meanwhile, it listens on a new one: the tests
    /// make new clients after a restart, as an app that starts again does.
    func start() async throws {
        if try await listen(on: port) { return }
        guard port != 0, try await listen(on: 0) else { throw TestDatabaseError(description: "the server did not start") }
    }

    private func listen(on port: Int) async throws -> Bool {
        var logger = Logger(label: "relais-client-test")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = RelaisApplication.application(
            env, host: "127.0.0.1", port: port, logger: logger, onServerRunning: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let running = Task {
            // A bind that fails ends the group at once: the stream ends without a port.
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            _ = try? await running.value
            return false
        }
        self.group = group
        self.running = running
        self.port = bound
        return true
    }

    /// Stops the server and waits until it no longer listens.
    func stop() async {
        await group?.triggerGracefulShutdown()
        _ = try? await running?.value
        group = nil
        running = nil
    }

    /// Rows in `reports`, read from the database file itself.
    func reportCount() async throws -> Int {
        let queue = try DatabaseQueue(path: database.location)
        return try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports") ?? -1 }
    }

    func remove() async {
        await stop()
        await database.remove()
    }
}

/// The instant both the server and the device read; a test moves it.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ date: Date) { value = date }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// Records every retry's wait and returns at once.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [TimeInterval] = []
    var delays: [TimeInterval] { lock.withLock { recorded } }
    var policy: RetryPolicy {
        RetryPolicy(maxAttempts: 4, budget: 120, sleep: { [self] seconds in lock.withLock { recorded.append(seconds) } }, jitter: { 1 })
    }
}

/// A transport in front of the real one that misbehaves on purpose, by a script of faults
/// applied to the matching requests in order.
final class FaultyTransport: RelaisTransport, @unchecked Sendable {
    enum Fault {
        /// The request reaches the server, but the answer is lost (the connection drops).
        case dropAnswer
        /// The request never leaves: no network.
        case noNetwork
        /// An answer made up here, without reaching the server.
        case answer(status: Int, retryAfter: String?)
    }

    private let inner = URLSessionTransport()
    private let lock = NSLock()
    private var faults: [Fault]
    private let applies: @Sendable (RelaisHTTPRequest) -> Bool
    private(set) var sent: [RelaisHTTPRequest] = []

    init(_ faults: [Fault], when applies: @escaping @Sendable (RelaisHTTPRequest) -> Bool = { $0.method == "POST" }) {
        self.faults = faults
        self.applies = applies
    }

    var requests: [RelaisHTTPRequest] { lock.withLock { sent } }

    func send(_ request: RelaisHTTPRequest) async throws -> RelaisHTTPResponse {
        let fault: Fault? = lock.withLock {
            sent.append(request)
            guard applies(request), !faults.isEmpty else { return nil }
            return faults.removeFirst()
        }
        switch fault {
        case nil: return try await inner.send(request)
        case .dropAnswer?:
            _ = try await inner.send(request)
            throw URLError(.networkConnectionLost)
        case .noNetwork?: throw URLError(.notConnectedToInternet)
        case .answer(let status, let retryAfter)?:
            return RelaisHTTPResponse(
                status: status, headers: retryAfter.map { ["Retry-After": $0] } ?? [:],
                body: Data(#"{"type":"about:blank","title":"made up by the test","status":\#(status)}"#.utf8))
        }
    }
}

/// A folder of its own for each client's files.
func freshStorage() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("relais-client-\(UUID().uuidString)", isDirectory: true)
}

func sampleDraft(
    reporter: String = "u-1", subject: String = "c-1", country: String = "FR", category: ReportCategory = .harassment,
    age: AgeBracket = .teen, locale: String = "fr-FR", surface: String = "ios"
) -> ReportDraft {
    ReportDraft(
        surface: surface,
        reporter: .init(id: reporter, country: CountryCode(rawValue: country)!, locale: locale, ageBracket: age, isTarget: true),
        subject: .init(kind: .comment, id: subject, authorId: "u-9", text: "t'es nul·le"),
        category: category, details: nil, goodFaith: true)
}
