import Foundation
import GRDB
import Testing

@testable import RelaisStore

/// `--durability` is the writer's `synchronous`, as it runs: GRDB turns WAL on after a
/// connection's own set-up and sets NORMAL then, which once made `full` a silent NORMAL.
@Suite struct SQLiteDurabilityTests {
    func writerSynchronous(_ durability: SQLiteStorage.Durability) throws -> Int? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-durability-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try SQLiteStorage(path: folder.appendingPathComponent("d.sqlite").path, durability: durability)
        return try storage.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    }

    @Test func fullSyncsEveryCommitOfTheWriter() throws {
        #expect(try writerSynchronous(.full) == 2, "synchronous = FULL")
    }

    @Test func normalIsWALsNormal() throws {
        #expect(try writerSynchronous(.normal) == 1, "synchronous = NORMAL")
    }

    @Test func theWriterKeepsItsStatementJournalsInMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-durability-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try SQLiteStorage(path: folder.appendingPathComponent("d.sqlite").path)
        #expect(try storage.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") } == 2, "MEMORY")
        #expect(try storage.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == -2000, "readers keep SQLite's default")
    }
}
