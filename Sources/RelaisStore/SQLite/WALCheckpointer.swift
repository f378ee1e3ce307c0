import Foundation
import GRDB

/// Copies the write-ahead log into the database file from a connection of its own, beside
/// the writer, instead of inside the writer's commits.
///
/// SQLite checkpoints in the connection that commits once the log passes
/// `wal_autocheckpoint` pages (1,000 by default). A batch of reports writes more than that,
/// so nearly every group commit also copied the log and synced the database file while
/// every waiting report waited for it. A passive checkpoint takes no write lock, so here the
/// writer only writes the log; its own automatic checkpoint stays as a bound
/// (`writerBound` pages) for when this one falls behind or stops. Durability is unchanged:
/// a commit is on disk in the log (fsynced under `durability: .full`) before it is answered,
/// and the database file is only ever brought up to what the log already holds.
final class WALCheckpointer: @unchecked Sendable {
    /// The writer's own automatic checkpoint, as a bound on the log's size (4 KiB pages: 80 MiB).
    static let writerBound = 20_000
    static let interval: Duration = .milliseconds(200)

    private let task: Task<Void, Never>

    init(path: String, durability: SQLiteStorage.Durability) {
        task = Task.detached(priority: .utility) {
            var configuration = Configuration()
            configuration.busyMode = .timeout(1)
            configuration.prepareDatabase { db in
                if durability == .full { try db.execute(sql: "PRAGMA synchronous = FULL") }
            }
            // Opened at the first tick, so a short command (`relais tenants list`) opens nothing.
            var connection: DatabaseQueue?
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                if Task.isCancelled { break }
                do {
                    if connection == nil { connection = try DatabaseQueue(path: path, configuration: configuration) }
                    _ = try await connection!.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                } catch {
                    // A busy or failing disk: the writer's bound still checkpoints; try again next tick.
                }
            }
        }
    }

    func stop() { task.cancel() }

    deinit { task.cancel() }
}
