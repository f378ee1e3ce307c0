import Foundation
import Logging
import PostgresNIO
import RelaisCore

/// PostgreSQL through PostgresNIO's connection pool: for several `relais serve` instances
/// behind a load balancer, all stateless, all on one database.
///
/// Every change is one transaction, as on SQLite, and the same rows in the same tables. What
/// differs is how concurrent writers are kept apart, since several processes write at once:
/// - a report takes the idempotency key first (`INSERT … ON CONFLICT DO NOTHING`: a second
///   request with the same key waits for the first to commit, then replays it), then its case
///   row (`INSERT … ON CONFLICT DO UPDATE`), which it holds locked until it commits, so two
///   reports about one subject are counted one after the other;
/// - queue and webhook claims take rows with `FOR UPDATE SKIP LOCKED`;
/// - lease changes, decisions and sign-in counts lock their row (`FOR UPDATE`) first;
/// - migrations run under an advisory lock, so instances starting together migrate once.
/// Deadlocks and serialization failures are retried a few times (the whole transaction).
public final class PostgresStorage: RelaisStorage {
    let client: PostgresClient
    let logger: Logger
    let target: PostgresURL
    public let location: String
    public let moderation: ModerationPolicy
    private let runner: Task<Void, Never>
    public let writeHealth = WriteHealth()
    private let leases: LeaseCount

    /// `url`: `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…]`.
    /// `searchPath`: a schema to use instead of `public` (tests give each test its own).
    public init(url: String, poolSize: Int = 10, moderation: ModerationPolicy = .default, searchPath: String? = nil) throws {
        let target = try PostgresURL(url)
        var configuration = target.clientConfiguration
        configuration.options.maximumConnections = max(1, poolSize)
        if let searchPath { configuration.options.additionalStartupParameters.append(("search_path", searchPath)) }
        var logger = Logger(label: "relais.postgres")
        // PostgresNIO logs statements at debug level: never turn that on, they carry reports.
        logger.logLevel = .warning
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.target = target
        self.location = target.location
        self.moderation = moderation
        leases = LeaseCount(capacity: max(1, poolSize))
        // The pool lends connections only while `run()` runs; it stops with `shutdown()`.
        runner = Task { await client.run() }
    }

    public func shutdown() async {
        runner.cancel()
        await runner.value
    }

    // MARK: Transactions

    /// A read-write transaction (READ COMMITTED), retried on deadlock or serialization failure.
    func inTransaction<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transaction("BEGIN", body)
            } catch let error as PSQLError where attempt < 4 && ["40001", "40P01"].contains(error.sqlState ?? "") {
                attempt += 1
            }
        }
    }

    /// One statement on a pooled connection, outside any explicit transaction: a single
    /// statement is atomic and sees one snapshot by itself, and BEGIN/COMMIT would cost two
    /// more round trips (the API key lookup runs on every request).
    func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await leased(body)
    }

    /// A read-only snapshot: every statement of `body` sees the same committed state.
    func inSnapshot<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T: Sendable>(_ begin: PostgresQuery, _ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await leased { session in
            try await session.execute(begin)
            let value: T
            do {
                value = try await body(session)
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
            // A failed COMMIT throws: nothing is acknowledged that was not committed.
            try await session.execute("COMMIT")
            return value
        }
    }

    /// How long a request waits for a connection before it is answered "unavailable".
    static let leaseTimeout: Duration = .seconds(5)

    /// Runs `work` on a pooled connection. When the database is down the pool keeps trying
    /// for a minute before it gives up; a platform's request must not hang that long, so if
    /// no connection comes within `leaseTimeout` the wait is abandoned and the caller gets
    /// `StorageError.unavailable` (an API 503: retry with the same Idempotency-Key). Once
    /// `work` has started it always finishes: the gate makes "started" and "timed out"
    /// exclusive, so a transaction is never cut short by the timer. Connection failures
    /// during `work` are reported as unavailable too.
    private func leased<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        let gate = LeaseGate()
        let client = self.client, logger = self.logger, leases = self.leases
        leases.wait()
        defer { leases.leave(started: gate.started) }
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    do {
                        return try await client.withConnection { connection in
                            guard gate.start() else { throw StorageError.unavailable }
                            leases.start()
                            return try await work(PostgresSession(connection: connection, logger: logger))
                        }
                    } catch where !gate.started {
                        // No connection at all (the pool's own errors): the database is down.
                        throw StorageError.unavailable
                    }
                }
                group.addTask {
                    try await Task.sleep(for: Self.leaseTimeout)
                    guard gate.expire() else { return nil }  // the work runs: let it finish
                    throw StorageError.unavailable
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw StorageError.unavailable
            }
        } catch let error as PSQLError where Self.isConnectionFailure(error) {
            throw StorageError.unavailable
        }
    }

    /// Connections leased and requests waiting for one (PostgresNIO's pool counts neither
    /// in public), for the `relais_database_pool` gauges.
    public var poolUse: PoolUse { leases.use }

    /// Why PostgreSQL cannot write, for its resource errors (class 53: disk full, out of
    /// memory, too many connections; class 58: I/O error): nil for an error in a statement.
    static func unwritableReason(_ error: PSQLError) -> String? {
        guard let state = error.sqlState else { return nil }
        switch state {
        case "53100": return "the disk is full (53100)"
        case "58030": return "an I/O error (58030)"
        default: return state.hasPrefix("53") ? "out of resources (\(state))" : nil
        }
    }

    /// The connection broke or could not be made (not an error in a statement).
    static func isConnectionFailure(_ error: PSQLError) -> Bool {
        [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed].contains(error.code)
    }

    // MARK: Migrations

    /// Any 64-bit number that nothing else takes on the database: "relais" in ASCII.
    static let migrationLock: Int64 = 0x72_65_6c_61_69_73

    public func migrate() async throws {
        try await probe()
        let backfill = try CaseQueueColumns.backfill(weights: moderation.weights, dialect: .postgres)
        try await inTransaction { db in
            // Held until this transaction ends: a second instance starting at the same time
            // waits here, then finds every step applied. DDL is transactional in PostgreSQL,
            // so a failed step leaves nothing behind.
            try await db.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try await db.execute("""
                CREATE TABLE IF NOT EXISTS relais_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """)
            let applied = Set(try await db.rows("SELECT name FROM relais_migrations").map { try $0.string("name") })
            for step in PostgresSchema.steps where !applied.contains(step.name) {
                for statement in step.statements { try await db.execute(PostgresQuery(unsafeSQL: statement)) }
                try await db.execute("INSERT INTO relais_migrations (name) VALUES (\(step.name))")
            }
            try await db.run(backfill)
        }
    }

    /// One direct connection, to fail at once with the server's reason (refused, unknown
    /// host, wrong password, TLS required) instead of the pool's retries and its generic error.
    func probe() async throws {
        do {
            let connection = try await PostgresConnection.connect(configuration: try target.connectionConfiguration(), id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw StorageError.unreachable(location: location, reason: Self.reason(error))
        }
    }

    /// What went wrong, in words: the server's message when it sent one, else the error.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if error.code == .sslUnsupported { return "the server does not offer TLS, which sslmode requires" }
            if let underlying = error.underlying { return String(describing: underlying) }
            return "\(error.code)"
        }
        return String(describing: error)
    }
}

extension PostgresStorage: TenantKeyWatching {
    /// LISTEN on a connection of its own (a pooled one would be held for the life of the
    /// process, one fewer for requests); after a failure it connects again a second later.
    public func watchTenantKeys(_ heard: @escaping @Sendable (TenantKeyWatch) -> Void) async {
        while !Task.isCancelled {
            if let connection = try? await PostgresConnection.connect(configuration: try target.connectionConfiguration(), id: 1, logger: logger) {
                // The stream ends when the task is cancelled, and throws when the connection breaks.
                try? await connection.listen(on: TenantKeyWatch.channel) { notifications in
                    heard(.listening)
                    for try await _ in notifications { heard(.changed) }
                }
                try? await connection.close()
            }
            heard(.lost)
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

/// Requests waiting for a connection and those holding one.
private final class LeaseCount: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting = 0, busy = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func wait() { lock.withLock { waiting += 1 } }
    func start() { lock.withLock { waiting -= 1; busy += 1 } }
    func leave(started: Bool) { lock.withLock { if started { busy -= 1 } else { waiting -= 1 } } }
    var use: PoolUse { lock.withLock { PoolUse(busy: busy, waiting: waiting, capacity: capacity) } }
}

/// "Started" or "timed out", whichever comes first, once.
private final class LeaseGate: @unchecked Sendable {
    private let lock = NSLock()
    private var decided: Bool?

    /// True if the work may start (the timer has not fired).
    func start() -> Bool { decide(true) }
    /// True if the wait timed out (the work had not started).
    func expire() -> Bool { !decide(false) }
    var started: Bool { lock.withLock { decided == true } }

    private func decide(_ started: Bool) -> Bool {
        lock.withLock {
            if decided == nil { decided = started }
            return decided!
        }
    }
}
