import Foundation
import GRDB

/// Runs the shared plans on SQLite: each statement through GRDB's statement cache, with its
/// values bound as GRDB's own (dates as GRDB's UTC text, booleans as 0/1).
extension Database {
    func run<Outcome>(_ plan: StorePlan<Outcome>) throws -> Outcome {
        var cursor = PlanCursor(plan)
        while let request = cursor.next() { try cursor.answer(try perform(request)) }
        return cursor.outcome!
    }

    private func perform<Outcome>(_ request: PlanCursor<Outcome>.Request) throws -> [any ColumnReading] {
        guard case .execute(let statements, _) = request else {
            guard case .query(let query) = request else { return [] }
            return try Row.fetchAll(cachedStatement(sql: query.text), arguments: query.sqliteArguments).map(SQLiteRow.init)
        }
        // One writer: statements that touch different rows gain nothing from going together.
        for statement in statements { try cachedStatement(sql: statement.text).execute(arguments: statement.sqliteArguments) }
        return []
    }
}

extension SQLStatement {
    /// The values as GRDB binds them. Through GRDB's initializer over optional existentials:
    /// the one over `some DatabaseValueConvertible` maps with a key path that the runtime
    /// builds anew on every call (type demangling, metadata lookups), which was a quarter of
    /// the writer's own time under a load of reports.
    var sqliteArguments: StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = []
        values.reserveCapacity(arguments.count)
        for value in arguments {
            switch value {
            case .null: values.append(nil)
            case .text(let text): values.append(text)
            case .integer(let integer): values.append(integer)
            case .real(let real): values.append(real)
            case .bool(let bool): values.append(bool)
            case .date(let date): values.append(SQLiteDateText.databaseValue(date))
            }
        }
        return StatementArguments(values)
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
