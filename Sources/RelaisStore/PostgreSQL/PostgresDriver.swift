import Foundation
import PostgresNIO

/// Runs the shared plans on PostgreSQL: the statements' `?` become `$1, $2, …` and their
/// values PostgresNIO's bindings; statements a plan marks `together` go as one.
extension PostgresSession {
    func run<Outcome>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        var cursor = PlanCursor(plan)
        while let request = cursor.next() { try cursor.answer(try await perform(request)) }
        return cursor.outcome!
    }

    private func perform<Outcome>(_ request: PlanCursor<Outcome>.Request) async throws -> [any ColumnReading] {
        switch request {
        case .query(let query):
            return try await rows(query.postgres)
        case .execute(let statements, true) where statements.count > 1:
            try await execute(SQLStatement.chained(statements).postgres)  // one round trip for all
        case .execute(let statements, _):
            for statement in statements { try await execute(statement.postgres) }
        }
        return []
    }
}

extension SQLStatement {
    var postgres: PostgresQuery {
        // Byte by byte: this runs for every statement of every report, and the text of a
        // report's statement is a few kilobytes.
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
        return PostgresQuery(unsafeSQL: String(decoding: sql, as: UTF8.self), binds: binds)
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
