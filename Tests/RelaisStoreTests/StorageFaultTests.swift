import Foundation
import GRDB
import Logging
@testable import RelaisStore
import Testing

/// The pieces behind the 503s, apart from the server: which errors mean the storage cannot be
/// written, that `WriteHealth` says so once each way, and that the group-commit queue refuses
/// past its bound while committing what it admitted (real SQLite files).
@Suite("Storage faults and the bounded write queue")
struct StorageFaultTests {
    @Test("SQLite's full disk and I/O errors are storage faults; a statement's error is not")
    func sqliteCodes() {
        for code in [ResultCode.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_IOERR_WRITE, .SQLITE_READONLY, .SQLITE_CANTOPEN] {
            #expect(SQLiteStorage.unwritableReason(DatabaseError(resultCode: code)) != nil, "\(code)")
        }
        for code in [ResultCode.SQLITE_CONSTRAINT, .SQLITE_ERROR, .SQLITE_BUSY, .SQLITE_MISMATCH] {
            #expect(SQLiteStorage.unwritableReason(DatabaseError(resultCode: code)) == nil, "\(code)")
        }
    }

    @Test("WriteHealth logs the failure once and the recovery once, however many writes fail")
    func logsOnce() {
        let lines = CapturedLines()
        let health = WriteHealth(logger: Logger(label: "test") { _ in CapturingHandler(lines: lines) })
        #expect(health.failure == nil)
        for _ in 0..<50 { health.failed("the disk is full (SQLITE_FULL)", location: "sqlite:x") }
        #expect(health.failure == "the disk is full (SQLITE_FULL)")
        for _ in 0..<50 { health.succeeded(location: "sqlite:x") }
        #expect(health.failure == nil)
        #expect(lines.all == ["storage unavailable: writes fail; answering 503 until a write succeeds", "storage writable again"])
    }

    @Test("Past its bound the group-commit queue refuses at once; everything admitted is committed")
    func boundedQueue() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-gc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = try DatabasePool(path: folder.appendingPathComponent("q.sqlite").path)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY)") }
        // Each write takes a few milliseconds, so 64 callers at once find the queue of 4 full.
        let writer = GroupCommit<Int, Int>(pool: pool, maxBatch: 2, maxPending: 4) { db, n in
            Thread.sleep(forTimeInterval: 0.002)
            try db.execute(sql: "INSERT INTO t (n) VALUES (?)", arguments: [n])
            return n
        }
        let outcomes = await withTaskGroup(of: Result<Int, any Error>.self) { group in
            for n in 0..<64 {
                group.addTask {
                    do { return .success(try await writer.submit(n)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let committed = Set(outcomes.compactMap { try? $0.get() })
        let refused = outcomes.filter { if case .failure(StorageError.overloaded) = $0 { true } else { false } }
        #expect(!refused.isEmpty && !committed.isEmpty)
        #expect(committed.count + refused.count == 64, "nothing failed any other way")
        let stored = try await pool.read { db in Set(try Int.fetchAll(db, sql: "SELECT n FROM t")) }
        #expect(stored == committed, "every admitted write is committed, and no refused one")
    }
    @Test("A batch is written without savepoints; when a write fails, it is written again, each write in a savepoint, and only that one fails")
    func savepointsOnlyAfterAFailure() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-gc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let statements = CapturedLines()
        var config = Configuration()
        config.prepareDatabase { db in db.trace(options: .statement) { statements.append($0.description) } }
        let pool = try DatabasePool(path: folder.appendingPathComponent("q.sqlite").path, configuration: config)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY)") }
        let failing = 1_013
        let box = WriterBox()
        let writer = GroupCommit<Int, Int>(pool: pool, maxBatch: 64) { db, n in
            try db.execute(sql: "INSERT INTO t (n) VALUES (?)", arguments: [n])
            // The first write of each round holds the writer until the other 31 wait, so they
            // make one batch of 31 (deterministic, whatever the machine's load).
            if n % 1_000 == 0 {
                let deadline = Date().addingTimeInterval(10)
                while box.writer!.depth.waiting < 31, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
            }
            if n == failing { throw TestFailure() }
            return n
        }
        box.writer = writer

        func round(_ first: Int) async -> [Int: Bool] {
            await withTaskGroup(of: (Int, Bool).self) { group in
                group.addTask { (first, (try? await writer.submit(first)) != nil) }
                while writer.depth.writing == 0 { await Task.yield() }
                for n in first + 1..<first + 32 { group.addTask { (n, (try? await writer.submit(n)) != nil) } }
                return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
        }
        let clean = await round(0)
        #expect(clean.values.allSatisfy { $0 } && clean.count == 32)
        #expect(statements.all.filter { $0.hasPrefix("SAVEPOINT") }.isEmpty, "no savepoint when nothing fails")

        let withFailure = await round(1_000)
        #expect(withFailure.filter { !$0.value }.map(\.key) == [failing], "only the failing write fails")
        #expect(statements.all.filter { $0.hasPrefix("SAVEPOINT") }.count == 31, "the batch of 31 written again, each in its savepoint")
        let stored = try await pool.read { db in Set(try Int.fetchAll(db, sql: "SELECT n FROM t")) }
        #expect(stored == Set(0..<32).union(1_000..<1_032).subtracting([failing]), "the others committed, the failing one's insert undone")
    }
}

/// The group commit, for its own work closure to read its queue.
private final class WriterBox: @unchecked Sendable { var writer: GroupCommit<Int, Int>? }

private struct TestFailure: Error {}

/// Lines logged, in order (the tests read them after the writes).
final class CapturedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

struct CapturingHandler: LogHandler {
    let lines: CapturedLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { lines.append(event.message.description) }
}
