import Foundation
import PostgresNIO

/// Runs the shared plans on PostgreSQL: the statements' `?` become `$1, $2, …` and their
/// values PostgresNIO's bindings; statements a plan marks `together` go as one.
extension PostgresSession {
    func run<Outcome>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        var step = plan.step
        while true {
            switch step {
            case .done(let outcome):
                return outcome
            case .query(let statement, let next):
                step = try next(try await rows(statement.postgres)).step
            case .execute(let statements, let together, let next):
                if together, !statements.isEmpty {
                    try await execute(SQLStatement.chained(statements).postgres)
                } else {
                    for statement in statements { try await execute(statement.postgres) }
                }
                step = try next().step
            }
        }
    }
}

extension SQLStatement {
    var postgres: PostgresQuery {
        var sql = ""
        sql.unicodeScalars.reserveCapacity(text.unicodeScalars.count + arguments.count * 3)
        var number = 0
        for scalar in text.unicodeScalars {
            if scalar == "?" {
                number += 1
                sql += "$\(number)"
            } else {
                sql.unicodeScalars.append(scalar)
            }
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
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

extension PostgresStorage: StoreDriver {
    public var dialect: SQLDialect { .postgres }

    public func write<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        if plan.isSingleStatement { return try await withSession { db in try await db.run(plan) } }
        return try await inTransaction { db in try await db.run(plan) }
    }

    public func read<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome {
        if plan.isSingleStatement { return try await withSession { db in try await db.run(plan) } }
        return try await inSnapshot { db in try await db.run(plan) }
    }
}
