import Foundation
import Hummingbird
import Logging
import RelaisClient
import RelaisCore
import RelaisServer
import RelaisStore
import RelaisTestSupport
import ServiceLifecycle

/// A real Relais server on a loopback port over a fresh database of the backend under test,
/// that a test can stop and start again on the same port and database (a restart, as the app
/// sees it).
final class LoopbackServer: @unchecked Sendable {
    let database: TestDatabase
    let env: RelaisEnvironment
    let apiKey: String
    let tenant: Tenant
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
        (tenant, apiKey) = try await database.storage.createTenant(name: "acme", now: now)
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

    /// The tenant's stored reports, read from the database (on SQLite a file, on PostgreSQL a
    /// schema: opening `database.location` as a file failed every test run on PostgreSQL).
    func reportCount() async throws -> Int {
        try await database.storage.reportCount(tenantId: tenant.id)
    }

    func remove() async {
        await stop()
        await database.remove()
    }
}
