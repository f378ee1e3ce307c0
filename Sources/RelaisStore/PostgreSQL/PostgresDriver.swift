import Foundation
import PostgresNIO

/// Runs the shared plans on PostgreSQL: the statements' `?` become `$1, $2, …` and their
/// values PostgresNIO's bindings; statements a plan marks `together` go as one; those marked
/// `isPrepared` are prepared statements of their connection (`PostgresStatementNames`).
extension PostgresSession {
    func run<Outcome>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        var cursor = PlanCursor(plan)
        while let request = cursor.next() { try cursor.answer(try await perform(request)) }
        return cursor.outcome!
    }

    private func perform<Outcome>(_ request: PlanCursor<Outcome>.Request) async throws -> [any ColumnReading] {
        switch request {
        case .query(let query):
            return try await rows(query)
        case .execute(let statements, true) where statements.count > 1:
            _ = try await rows(SQLStatement.chained(statements))  // one round trip for all
        case .execute(let statements, _):
            for statement in statements { _ = try await rows(statement) }
        }
        return []
    }

    /// All rows of a plan's statement: for one marked `isPrepared`, as a prepared statement of
    /// this connection when `names` gives it a name (parsed and planned once per connection),
    /// else unnamed.
    func rows(_ statement: SQLStatement, names: PostgresStatementNames = .shared) async throws -> [PostgresRandomAccessRow] {
        guard statement.isPrepared else { return try await rows(statement.postgres) }
        let kinds = statement.arguments.map(\.kind)
        let entry = names.entry(text: statement.text, kinds: kinds) { statement.postgresText }
        guard let name = entry.name else { return try await rows(PostgresQuery(unsafeSQL: entry.sql, binds: statement.postgresBindings)) }
        let prepared = PreparedPlanStatement(bindings: statement.postgresBindings)
        do {
            return try await PreparedPlanStatement.$identity.withValue(.init(name: name, sql: entry.sql)) {
                var rows: [PostgresRandomAccessRow] = []
                for try await row in try await connection.execute(prepared, logger: logger) { rows.append(row.makeRandomAccess()) }
                return rows
            }
        } catch let error as PSQLError where PostgresStatementNames.isStatementFailure(error) {
            names.refuse(text: statement.text, kinds: kinds)
            throw error
        }
    }
}

extension SQLStatement {
    var postgres: PostgresQuery { PostgresQuery(unsafeSQL: postgresText, binds: postgresBindings) }

    /// The text with `$1, $2, …` for its `?`.
    var postgresText: String {
        // Byte by byte: the text of a report's statement is a few kilobytes (and for a
        // prepared statement this runs once, see `PostgresStatementNames`).
        var sql: [UInt8] = []
        sql.reserveCapacity(text.utf8.count + arguments.count * 3)
        var number = 0
        for byte in text.utf8 {
            guard byte == UInt8(ascii: "?") else {
                sql.append(byte)
                continue
            }
            number += 1
            sql.append(UInt8(ascii: "$"))
            sql.append(contentsOf: String(number).utf8)
        }
        return String(decoding: sql, as: UTF8.self)
    }

    var postgresBindings: PostgresBindings {
        var binds = PostgresBindings(capacity: arguments.count)
        for value in arguments {
            switch value {
            case .null: binds.appendNull()
            case .text(let text): binds.append(text, context: .default)
            case .integer(let integer): binds.append(integer, context: .default)
            case .real(let real): binds.append(real, context: .default)
            case .bool(let bool): binds.append(bool, context: .default)
            case .date(let date): binds.append(date, context: .default)
            }
        }
        return binds
    }
}

extension PostgresStorage: StoreDriver {
    public var dialect: SQLDialect { .postgres }

    /// A write; a full disk or an I/O error becomes `StorageError.unwritable` (a 503, as on
    /// SQLite) and is logged once by `writeHealth`.
    public func write<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        do {
            let outcome: Outcome
            if plan.isSingleStatement {
                outcome = try await withSession { db in try await db.run(plan) }
            } else {
                outcome = try await inTransaction { db in try await db.run(plan) }
            }
            writeHealth.succeeded(location: location)
            return outcome
        } catch let error as PSQLError {
            guard let reason = Self.unwritableReason(error) else { throw error }
            writeHealth.failed(reason, location: location)
            throw StorageError.unwritable(reason: reason)
        }
    }

    public func read<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        if plan.isSingleStatement { return try await withSession { db in try await db.run(plan) } }
        return try await inSnapshot { db in try await db.run(plan) }
    }
}
