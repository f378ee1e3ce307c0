import Foundation
import GRDB
import RelaisCore

/// The embedded default: one SQLite file through GRDB, WAL mode, one writer.
///
/// GRDB's `DatabasePool` runs reads concurrently with the single writer. A report's rows
/// (report, case, priority facts, outbox event, idempotency key) are written together, and
/// reports that arrive together share one transaction (`GroupCommit`, up to `writeBatch`),
/// so an acknowledged report is committed. WAL with `synchronous=NORMAL` survives a process
/// crash; the `durability: .full` option fsyncs every commit to also survive power loss.
public final class SQLiteStorage: RelaisStorage {
    public enum Durability: String, Sendable { case normal, full }

    let pool: DatabasePool
    public let location: String
    private let path: String
    /// Queue weights, lease duration, repeat-offender threshold.
    public let moderation: ModerationPolicy
    /// Reports written per transaction at most; 1 writes each report in its own.
    public let writeBatch: Int
    let reportWriter: GroupCommit<StorePlan<SubmissionOutcome>, SubmissionOutcome>
    /// Keeps the log's copy into the database file out of the writer's commits.
    private let checkpointer: WALCheckpointer
    /// Whether writes currently fail (a full disk): logged once, shown by `/readyz`.
    public let writeHealth = WriteHealth()

    /// The writer's page cache at most, in KiB (64 MiB).
    static let writerCacheKiB = 65_536

    /// `writeQueue`: reports that may wait for the group-commit writer; past it a report is
    /// refused at once (`StorageError.overloaded`).
    public init(
        path: String, durability: Durability = .normal, moderation: ModerationPolicy = .default, writeBatch: Int = 64, writeQueue: Int = 1024
    ) throws {
        self.moderation = moderation
        self.writeBatch = max(1, writeBatch)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // The writer's own settings; readers keep SQLite's defaults.
            guard !db.configuration.readonly else { return }
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.writerBound)")
            // The page cache: reports land at random places of several indexes (report ids,
            // reporters, targets), and SQLite's default 2 MiB re-read pages on every batch. It
            // grows only as pages are used.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)")
            // A savepoint's page images (a group commit written again after a failed report,
            // each report in its own savepoint; a statement that may need undoing) go to a
            // statement journal, spilled to a temporary file past 64 KiB: about thirteen 4 KiB
            // pages a report written to disk and thrown away at the commit (the log is what
            // makes a commit durable, not this file).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        // After the pool is open, on its one writer: GRDB sets `synchronous = NORMAL` when it
        // turns WAL on, after `prepareDatabase`, so a FULL set there never took effect.
        if durability == .full { try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") } }
        self.pool = pool
        self.path = path
        location = "sqlite:" + path
        reportWriter = GroupCommit(pool: pool, maxBatch: max(1, writeBatch), maxPending: writeQueue) { db, plan in try db.run(plan) }
        checkpointer = WALCheckpointer(path: path, durability: durability)
    }

    public func shutdown() async { checkpointer.stop() }

    public func migrate() async throws {
        let lock = try MigrationLock(beside: path)
        try SQLiteSchema.migrator.migrate(pool)
        _ = consume lock
        try await write(try CaseQueueColumns.backfill(weights: moderation.weights, dialect: .sqlite))
    }

}
