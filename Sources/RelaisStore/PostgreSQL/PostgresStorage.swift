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
        // The pool lends connections only while `run()` runs; it stops with `shutdown()`.
        runner = Task { await client.run() }
    }

    public func shutdown() async {
        runner.cancel()
        await runner.value
    }

    // MARK: Transactions

    /// A read-write transaction (READ COMMITTED), retried on deadlock or serialization failure.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
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
    func single<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await leased(body)
    }

    /// A read-only snapshot: every statement of `body` sees the same committed state.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
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
        let client = self.client, logger = self.logger
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    do {
                        return try await client.withConnection { connection in
                            guard gate.start() else { throw StorageError.unavailable }
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

    /// The connection broke or could not be made (not an error in a statement).
    static func isConnectionFailure(_ error: PSQLError) -> Bool {
        [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed].contains(error.code)
    }

    // MARK: Migrations

    /// Any 64-bit number that nothing else takes on the database: "relais" in ASCII.
    static let migrationLock: Int64 = 0x72_65_6c_61_69_73

    public func migrate() async throws {
        try await probe()
        let weights = try moderation.weightsFingerprint
        let policy = moderation.weights
        try await write { db in
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
            try await PostgresCaseFacts.backfill(db, weights: policy, fingerprint: weights)
        }
    }

    public func sharedSecret(named name: String) async throws -> Data {
        let key = SharedSecret.key(name), candidate = SharedSecret.generate()
        return try await write { db in
            // Whichever instance asks first stores its candidate; everyone reads the stored one.
            try await db.execute("INSERT INTO relais_settings (key, value) VALUES (\(key), \(candidate)) ON CONFLICT (key) DO NOTHING")
            return try SharedSecret.bytes(try await db.scalar("SELECT value FROM relais_settings WHERE key = \(key)", as: String.self)!)
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

    public func ping() async throws {
        _ = try await single { db in try await db.scalar("SELECT 1", as: Int.self) }
    }

    // MARK: Tenants

    public func createTenant(name: String, now: Date) async throws -> (Tenant, apiKey: String) {
        guard ReportDraft.isIdentifier(name), name.count <= 64 else { throw StorageError.invalidTenantName(name) }
        let key = APIKey.generate()
        let tenant = Tenant(id: UUID().uuidString.lowercased(), name: name, keyPrefix: APIKey.displayPrefix(key), createdAt: now)
        let hash = APIKey.hash(key)
        let inserted = try await write { db in
            try await db.row("""
                INSERT INTO tenants (id, name, api_key_hash, key_prefix, created_at)
                VALUES (\(tenant.id), \(name), \(hash), \(tenant.keyPrefix), \(now)) ON CONFLICT (name) DO NOTHING RETURNING id
                """) != nil
        }
        // Two instances creating the same tenant at once: one wins, the other is told so.
        guard inserted else { throw StorageError.tenantExists(name) }
        return (tenant, key)
    }

    public func rotateKey(tenantName: String) async throws -> (Tenant, apiKey: String) {
        let key = APIKey.generate()
        let hash = APIKey.hash(key), prefix = APIKey.displayPrefix(key)
        let row = try await write { db in
            try await db.row("UPDATE tenants SET api_key_hash = \(hash), key_prefix = \(prefix) WHERE name = \(tenantName) RETURNING *")
                .map(StoredRows.tenant)
        }
        guard let row else { throw StorageError.tenantNotFound(tenantName) }
        return (row, key)
    }

    public func tenants() async throws -> [Tenant] {
        try await single { db in try await db.rows("SELECT * FROM tenants ORDER BY created_at, name").map(StoredRows.tenant) }
    }

    public func tenant(named name: String) async throws -> Tenant? {
        try await single { db in try await db.row("SELECT * FROM tenants WHERE name = \(name)").map(StoredRows.tenant) }
    }

    public func tenant(apiKey: String) async throws -> Tenant? {
        let hash = APIKey.hash(apiKey)
        return try await single { db in try await db.row("SELECT * FROM tenants WHERE api_key_hash = \(hash)").map(StoredRows.tenant) }
    }

    // MARK: Reports

    public func submit(_ s: ReportSubmission) async throws -> SubmissionOutcome {
        let receivedAt = Timestamp.format(s.receivedAt)
        let cardJSON = try s.support.map(ReceiptCodec.encodeCard)
        let caseIdCandidate = UUID().uuidString.lowercased()
        let weights = moderation.weights
        let draft = s.draft
        return try await write { db -> SubmissionOutcome in
            if let key = s.idempotencyKey {
                // Taking the key first: a concurrent request with the same key (on any
                // instance) waits on this row until we commit, then replays our answer.
                let taken = try await db.row("""
                    INSERT INTO idempotency_keys (tenant_id, key, request_hash, report_id, response_json, created_at)
                    VALUES (\(s.tenantId), \(key), \(s.requestHash), \(s.reportId), '', \(s.receivedAt))
                    ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key
                    """)
                if taken == nil {
                    let stored = try await db.row(
                        "SELECT request_hash, response_json FROM idempotency_keys WHERE tenant_id = \(s.tenantId) AND key = \(key)")!
                    guard try stored.string("request_hash") == s.requestHash else { return .keyReusedWithDifferentRequest }
                    return .replayed(try ReceiptCodec.decode(try stored.string("response_json")))
                }
            }
            // One case per tenant and subject. The row stays locked until commit, so the
            // next report about this subject sees this one (its count, its reporter).
            let caseRow = try await db.row("""
                INSERT INTO cases (id, tenant_id, subject_key, subject_kind, subject_id, report_count, first_report_at, last_report_at, status)
                VALUES (\(caseIdCandidate), \(s.tenantId), \(draft.subjectKey), \(draft.subject.kind.rawValue), \(draft.subject.id), 1,
                  \(s.receivedAt), \(s.receivedAt), 'open')
                ON CONFLICT (tenant_id, subject_key)
                DO UPDATE SET report_count = cases.report_count + 1, last_report_at = EXCLUDED.last_report_at
                RETURNING id, severity, involves_minor, has_threat, trusted_flagger, distinct_reporters, first_report_at
                """)!
            let caseId = try caseRow.string("id")
            let isNewReporter =
                caseId == caseIdCandidate
                ? true
                : try await db.row("SELECT 1 FROM reports WHERE case_id = \(caseId) AND reporter_id = \(draft.reporter.id) LIMIT 1") == nil
            let receipt = ReportReceipt(
                id: s.reportId, receivedAt: receivedAt, status: "received", caseId: caseId, support: s.support,
                json: ReceiptCodec.body(id: s.reportId, receivedAt: receivedAt, caseId: caseId, cardJSON: cardJSON))
            let caseReport = CaseReport(
                reporterId: draft.reporter.id, category: draft.category, ageBracket: draft.reporter.ageBracket,
                isTarget: draft.reporter.isTarget, isTrustedFlagger: draft.reporter.trustedFlagger != nil,
                trustedFlaggerName: draft.reporter.trustedFlagger, receivedAt: s.receivedAt)
            let inputs = try StoredRows.priorityInputs(caseRow).merging(caseReport, isNewReporter: isNewReporter)
            let event = OutboxEvent(
                tenantId: s.tenantId, type: "report.received",
                payload: ReportReceivedPayload.json(
                    reportId: s.reportId, caseId: caseId, category: draft.category, surface: draft.surface, receivedAt: receivedAt),
                createdAt: s.receivedAt)
            // The rest in one statement (the report, the case's queue columns, the outbox
            // event, the idempotent answer): one round trip while the case row is locked.
            try await db.execute("""
                WITH report AS (
                  INSERT INTO reports (id, tenant_id, case_id, received_at, status, surface, category, reporter_id, reporter_country,
                    reporter_locale, reporter_age, reporter_is_target, subject_kind, subject_id, subject_url, subject_author_id,
                    subject_text, subject_language, subject_created_at, details, good_faith, support_json, reporter_trusted_flagger)
                  VALUES (\(s.reportId), \(s.tenantId), \(caseId), \(s.receivedAt), 'received', \(draft.surface), \(draft.category.rawValue),
                    \(draft.reporter.id), \(draft.reporter.country.rawValue), \(draft.reporter.locale), \(draft.reporter.ageBracket.rawValue),
                    \(draft.reporter.isTarget), \(draft.subject.kind.rawValue), \(draft.subject.id), \(draft.subject.url),
                    \(draft.subject.authorId), \(draft.subject.text), \(draft.subject.language), \(draft.subject.createdAt),
                    \(draft.details), \(draft.goodFaith), \(cardJSON), \(draft.reporter.trustedFlagger))
                ),
                facts AS (\(caseFactsUpdate: inputs, authorId: draft.subject.authorId, caseId: caseId, weights: weights)),
                event AS (\(outboxInsert: event))
                UPDATE idempotency_keys SET response_json = \(receipt.json) WHERE tenant_id = \(s.tenantId) AND key = \(s.idempotencyKey)
                """)
            return .created(receipt)
        }
    }

    public func report(id: String, tenantId: String) async throws -> StoredReport? {
        try await single { db in
            try await db.row("""
                SELECT r.*, c.report_count FROM reports r JOIN cases c ON c.id = r.case_id WHERE r.id = \(id) AND r.tenant_id = \(tenantId)
                """).map(StoredRows.storedReport)
        }
    }

    public func reportCount(tenantId: String) async throws -> Int {
        try await single { db in try await db.scalar("SELECT COUNT(*) FROM reports WHERE tenant_id = \(tenantId)", as: Int.self) ?? 0 }
    }

    // MARK: Support events

    public func recordSupportEvent(tenantId: String, event: SupportEventDraft, at: Date) async throws -> Bool {
        let day = String(Timestamp.format(at).prefix(10))
        return try await write { db -> Bool in
            var category = "none"
            if let reportId = event.reportId {
                guard
                    let found = try await db.scalar(
                        "SELECT category FROM reports WHERE id = \(reportId) AND tenant_id = \(tenantId)", as: String.self)
                else { return false }
                category = found
            }
            try await db.execute("""
                INSERT INTO support_event_counts (tenant_id, day, surface, country, category, helpline_id, event, count)
                VALUES (\(tenantId), \(day), \(event.surface), \(event.country.rawValue), \(category), \(event.helplineId), \(event.event.rawValue), 1)
                ON CONFLICT (tenant_id, day, surface, country, category, helpline_id, event)
                DO UPDATE SET count = support_event_counts.count + 1
                """)
            return true
        }
    }

    public func supportEventCounts(tenantId: String) async throws -> [SupportEventCount] {
        try await single { db in
            try await db.rows("""
                SELECT * FROM support_event_counts WHERE tenant_id = \(tenantId) ORDER BY day, surface, country, category, helpline_id, event
                """).map(StoredRows.supportEventCount)
        }
    }
}

/// Outbox events on PostgreSQL: appended in the caller's transaction.
enum PostgresOutbox {
    static func append(_ event: OutboxEvent, in db: PostgresSession) async throws {
        try await db.execute("\(outboxInsert: event)")
    }
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
