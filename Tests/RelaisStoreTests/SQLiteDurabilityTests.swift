import Foundation
import GRDB
import Testing

@testable import RelaisStore

/// `--durability` is the writer's `synchronous`, as it runs: GRDB turns WAL on after a
/// connection's own set-up and sets NORMAL then, which once made `full` a silent NORMAL.
@Suite struct SQLiteDurabilityTests {
    /// A storage in a folder of its own, removed after `body`.
    func withStorage<T>(_ durability: SQLiteStorage.Durability = .normal, _ body: (SQLiteStorage) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-durability-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(try SQLiteStorage(path: folder.appendingPathComponent("d.sqlite").path, durability: durability))
    }

    func writerSynchronous(_ durability: SQLiteStorage.Durability) throws -> Int? {
        try withStorage(durability) { storage in try storage.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } }
    }

    @Test func fullSyncsEveryCommitOfTheWriter() throws {
        #expect(try writerSynchronous(.full) == 2, "synchronous = FULL")
    }

    @Test func normalIsWALsNormal() throws {
        #expect(try writerSynchronous(.normal) == 1, "synchronous = NORMAL")
    }

    @Test func theWriterKeepsItsStatementJournalsInMemory() throws {
        let (tempStore, readerCache) = try withStorage { storage in
            (try storage.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") },
             try storage.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") })
        }
        #expect(tempStore == 2, "MEMORY")
        #expect(readerCache == -2000, "readers keep SQLite's default")
    }
}
