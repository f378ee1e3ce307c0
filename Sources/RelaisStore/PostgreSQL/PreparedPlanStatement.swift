import PostgresNIO

/// A plan's statement executed as a named prepared statement (`PostgresStatementNames`
/// says which, and why).
///
/// PostgresNIO prepares through `PostgresPreparedStatement`, whose name and SQL are static
/// (one type per statement written in the source); a plan's SQL is a value. So this one
/// type reads both from a task-local value, which `PostgresSession.rows(_:)` sets around
/// the single `execute` call that reads them (PostgresNIO reads them before it sends the
/// statement, and again for the error it throws).
struct PreparedPlanStatement: PostgresPreparedStatement {
    struct Identity: Sendable {
        let name: String
        let sql: String
    }

    @TaskLocal static var identity: Identity?

    static var name: String { identity?.name ?? "" }
    static var sql: String { identity?.sql ?? "" }

    typealias Row = PostgresRow

    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
