import Foundation
import GRDB
import GRDBSQLite

/// Runs the shared plans on SQLite: each statement through GRDB's statement cache, its values
/// bound as GRDB binds them (`Statement.bind`), its rows read into `SQLiteRow`.
extension Database {
    func run<Outcome>(_ plan: StorePlan<Outcome>) throws -> Outcome {
        var cursor = PlanCursor(plan)
        while let request = cursor.next() { try cursor.answer(try perform(request)) }
        return cursor.outcome!
    }

    private func perform<Outcome>(_ request: PlanCursor<Outcome>.Request) throws -> [any ColumnReading] {
        guard case .execute(let statements, _) = request else {
            guard case .query(let query) = request else { return [] }
            let statement = try cachedStatement(sql: query.text)
            try statement.bind(query.arguments)
            return try SQLiteRow.fetchAll(statement)
        }
        // One writer: statements that touch different rows gain nothing from going together.
        for statement in statements {
            let prepared = try cachedStatement(sql: statement.text)
            try prepared.bind(statement.arguments)
            try prepared.execute()
        }
        return []
    }
}

/// SQLite's "copy the bytes now" destructor for text bindings.
private let transientBytes = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Statement {
    /// Binds the plan's values with SQLite's own functions, as GRDB binds them (text, 64-bit
    /// integers, doubles, booleans as 0/1, dates as GRDB's UTC text). GRDB's
    /// `StatementArguments` go through generic code that the compiler cannot specialize
    /// across the module (metadata lookups, existential boxes for every value, a key path
    /// before): 16–24% of the writer's own samples in perf. GRDB is told the statement is
    /// bound (`setUncheckedArguments` with none: reset, cleared, marked valid), so its
    /// `execute()` and `Row.fetchCursor` run what is bound here. Its errors then carry no values,
    /// which suits a report's content.
    func bind(_ values: [SQLValue]) throws {
        guard values.count == Int(sqlite3_bind_parameter_count(sqliteStatement)) else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(values.count)", sql: sql)
        }
        setUncheckedArguments(StatementArguments())
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt =
                switch value {
                case .null: sqlite3_bind_null(sqliteStatement, index)
                case .text(let text): bindText(text, at: index)
                case .integer(let integer): sqlite3_bind_int64(sqliteStatement, index, Int64(integer))
                case .real(let real): sqlite3_bind_double(sqliteStatement, index, real)
                case .bool(let bool): sqlite3_bind_int64(sqliteStatement, index, bool ? 1 : 0)
                case .date(let date): bindText(SQLiteDateText.text(date), at: index)
                }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding a value failed", sql: sql) }
        }
    }

    private func bindText(_ text: String, at index: CInt) -> CInt {
        var text = text
        return text.withUTF8 { bytes in
            // An empty buffer may have no address, and a null pointer would bind NULL.
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(sqliteStatement, index, "", 0, transientBytes) }
            return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(sqliteStatement, index, $0, CInt(bytes.count), transientBytes)
            }
        }
    }
}

extension SQLiteStorage: StoreDriver {
    public var dialect: SQLDialect { .sqlite }

    public func write<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        try await watched { try await pool.write { db in try db.run(plan) } }
    }

    public func read<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        try await pool.read { db in try db.run(plan) }
    }

    public func writeReport(_ plan: StorePlan<SubmissionOutcome>) async throws -> SubmissionOutcome {
        if writeBatch == 1 { return try await write(plan) }
        return try await watched { try await reportWriter.submit(plan) }
    }

    /// The group-commit writer's queue: reports being committed and reports waiting.
    public var poolUse: PoolUse {
        let depth = reportWriter.depth
        return PoolUse(busy: depth.writing, waiting: depth.waiting, capacity: writeBatch)
    }

    /// Runs a write and keeps `writeHealth` up to date: a full disk or an I/O error becomes
    /// `StorageError.unwritable` (a 503, not a 500: the request may be retried as it is).
    private func watched<T>(_ write: () async throws -> T) async throws -> T {
        do {
            let value = try await write()
            writeHealth.succeeded(location: location)
            return value
        } catch let error as DatabaseError {
            guard let reason = Self.unwritableReason(error) else { throw error }
            writeHealth.failed(reason, location: location)
            throw StorageError.unwritable(reason: reason)
        }
    }

    /// Why SQLite cannot write, for the errors that are about the storage and not the statement.
    static func unwritableReason(_ error: DatabaseError) -> String? {
        switch error.resultCode {
        case .SQLITE_FULL: "the disk is full (SQLITE_FULL)"
        case .SQLITE_IOERR: "an I/O error (SQLITE_IOERR)"
        case .SQLITE_READONLY: "the database file is read-only (SQLITE_READONLY)"
        case .SQLITE_CANTOPEN: "the database file cannot be opened (SQLITE_CANTOPEN)"
        default: nil
        }
    }
}
