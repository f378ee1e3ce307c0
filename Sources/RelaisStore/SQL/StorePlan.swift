import Foundation

/// A store operation written once: the statements it reads and writes, and the pure code
/// that decides between them. Each backend runs a plan inside its own transaction with its
/// own driver (`Database.run` on SQLite, `PostgresSession.run` on PostgreSQL) and holds no
/// rule of its own. A plan is a value, so the rules it encodes are tested without a
/// database (`StorePlanTests` runs plans against scripted rows).
public struct StorePlan<Outcome: Sendable>: Sendable {
    enum Step: Sendable {
        /// Finished: nothing more to read or write.
        case done(Outcome)
        /// Runs the statement and hands its rows to the rest of the plan.
        case query(SQLStatement, @Sendable ([any ColumnReading]) throws -> StorePlan)
        /// Runs the statements in order, then the rest of the plan. `together`: they touch
        /// different rows, so PostgreSQL may send them as one (`SQLStatement.chained`).
        case execute([SQLStatement], together: Bool, then: @Sendable () throws -> StorePlan)
    }

    let step: Step
    /// One statement and nothing after it: it needs no transaction around it (PostgreSQL
    /// then saves the BEGIN and COMMIT round trips).
    let isSingleStatement: Bool

    init(_ step: Step, isSingleStatement: Bool = false) {
        self.step = step
        self.isSingleStatement = isSingleStatement
    }

    static func done(_ outcome: Outcome) -> StorePlan { StorePlan(.done(outcome)) }

    /// Reads the rows of `statement`, then goes on with `next`.
    static func query(_ statement: SQLStatement, _ next: @escaping @Sendable ([any ColumnReading]) throws -> StorePlan) -> StorePlan {
        StorePlan(.query(statement, next))
    }

    /// Reads the first row (or none) of `statement`, then goes on with `next`.
    static func first(_ statement: SQLStatement, _ next: @escaping @Sendable ((any ColumnReading)?) throws -> StorePlan) -> StorePlan {
        StorePlan(.query(statement) { rows in try next(rows.first) })
    }

    /// One statement whose rows are the answer, mapped by `transform`.
    static func single(_ statement: SQLStatement, _ transform: @escaping @Sendable ([any ColumnReading]) throws -> Outcome) -> StorePlan {
        StorePlan(.query(statement) { rows in .done(try transform(rows)) }, isSingleStatement: true)
    }

    /// Writes the statements, then goes on with `next`.
    static func write(
        _ statements: [SQLStatement], together: Bool = false, then next: @escaping @Sendable () throws -> StorePlan
    ) -> StorePlan {
        StorePlan(.execute(statements, together: together, then: next))
    }

    /// Writes the statements, then answers `outcome`.
    static func write(_ statements: [SQLStatement], together: Bool = false, answering outcome: Outcome) -> StorePlan {
        StorePlan(.execute(statements, together: together) { .done(outcome) }, isSingleStatement: statements.count == 1)
    }

    /// This plan, then `next` with its outcome: how smaller plans (reading a case's facts)
    /// compose into larger ones (deciding it).
    func then<Next>(_ next: @escaping @Sendable (Outcome) throws -> StorePlan<Next>) -> StorePlan<Next> {
        switch step {
        case .done(let outcome):
            // Deferred behind an empty write so that `then` itself never throws.
            return StorePlan<Next>(.execute([], together: false) { try next(outcome) })
        case .query(let statement, let rest):
            return StorePlan<Next>(.query(statement) { rows in try rest(rows).then(next) })
        case .execute(let statements, let together, let rest):
            return StorePlan<Next>(.execute(statements, together: together) { try rest().then(next) })
        }
    }

    /// Runs `plan(element)` for each element in order, collecting the outcomes.
    static func forEach<Element: Sendable, Each: Sendable>(
        _ elements: [Element], _ plan: @escaping @Sendable (Element) throws -> StorePlan<Each>
    ) -> StorePlan<[Each]> where Outcome == [Each] {
        StorePlan<[Each]>(.execute([], together: false) { try each(elements[...], collected: [], plan) })
    }

    private static func each<Element: Sendable, Each: Sendable>(
        _ rest: ArraySlice<Element>, collected: [Each], _ plan: @escaping @Sendable (Element) throws -> StorePlan<Each>
    ) throws -> StorePlan<[Each]> where Outcome == [Each] {
        guard let first = rest.first else { return .done(collected) }
        return try plan(first).then { try each(rest.dropFirst(), collected: collected + [$0], plan) }
    }
}

/// Walks a plan for a driver: `next()` says what to run, `answer(_:)` hands back the rows
/// (none for writes). A driver is then a loop of a few lines around `perform`, the only part
/// that differs between the two databases.
struct PlanCursor<Outcome: Sendable> {
    enum Request {
        case query(SQLStatement)
        case execute([SQLStatement], together: Bool)
    }

    private var step: StorePlan<Outcome>.Step
    private(set) var outcome: Outcome?

    init(_ plan: StorePlan<Outcome>) { step = plan.step }

    /// What the driver runs next, or nil when the plan is finished (`outcome` is then set).
    mutating func next() -> Request? {
        switch step {
        case .done(let finished):
            outcome = finished
            return nil
        case .query(let statement, _): return .query(statement)
        case .execute(let statements, let together, _): return .execute(statements, together: together)
        }
    }

    /// The rows the request returned; the plan moves on.
    mutating func answer(_ rows: [any ColumnReading]) throws {
        switch step {
        case .done: break
        case .query(_, let rest): step = try rest(rows).step
        case .execute(_, _, let rest): step = try rest().step
        }
    }
}

/// What a database backend gives the shared store: transactions that run plans, and its
/// dialect. Every store operation is written once (the `…Rules` files) on top of it.
public protocol StoreDriver: Sendable {
    var dialect: SQLDialect { get }
    /// Queue weights, lease duration, repeat-offender threshold.
    var moderation: ModerationPolicy { get }
    /// Runs the plan in one read-write transaction; when it returns, the writes are committed.
    func write<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome
    /// Runs the plan on one consistent snapshot, writing nothing.
    func read<Outcome: Sendable>(_ plan: StorePlan<Outcome>) async throws -> Outcome
    /// A report's write. SQLite shares one transaction among the reports arriving together
    /// (group commit); answered only after the commit, like `write`.
    func writeReport(_ plan: StorePlan<SubmissionOutcome>) async throws -> SubmissionOutcome
}

extension StoreDriver {
    public func writeReport(_ plan: StorePlan<SubmissionOutcome>) async throws -> SubmissionOutcome { try await write(plan) }
}
