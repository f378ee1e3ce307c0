import Foundation

/// One SQL statement with its values, written once for both databases.
///
/// Written as an interpolated string: every interpolated value becomes a `?` placeholder
/// and a bound value, never text, so no value can change the statement. `\(raw:)` inserts
/// SQL text (a dialect's fragment, a column list), and `\(statement)` a whole statement
/// with its values. SQLite reads the `?` as they are; PostgreSQL numbers them `$1, $2, …`.
struct SQLStatement: Sendable, ExpressibleByStringInterpolation {
    private(set) var text: String
    private(set) var arguments: [SQLValue]
    /// Kept prepared on PostgreSQL (`PostgresStatementNames`): only for statements whose
    /// plan is the same whatever their values (a lookup by a key, an insert), so that the plan
    /// PostgreSQL makes once serves every execution. A query that several indexes could serve
    /// is planned with its values each time, as every other statement is: a plan made without
    /// them once read a tenant's every report for each report (`reports_by_tenant` for the
    /// pile-on window, before the table's first ANALYZE).
    private(set) var isPrepared = false

    /// This statement, kept prepared on PostgreSQL (see `isPrepared`).
    func prepared() -> SQLStatement {
        var statement = self
        statement.isPrepared = true
        return statement
    }

    init(text: String, arguments: [SQLValue]) {
        self.text = text
        self.arguments = arguments
    }

    init(stringLiteral value: String) {
        text = value
        arguments = []
    }

    init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        arguments = stringInterpolation.arguments
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var arguments: [SQLValue] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount)
            arguments.reserveCapacity(interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        mutating func appendInterpolation(_ value: some SQLValueConvertible) {
            text += "?"
            arguments.append(value.sqlValue)
        }

        mutating func appendInterpolation<Value: SQLValueConvertible>(_ value: Value?) {
            text += "?"
            arguments.append(value.sqlValue)
        }

        mutating func appendInterpolation(raw sql: String) { text += sql }

        mutating func appendInterpolation(_ statement: SQLStatement) {
            text += statement.text
            arguments += statement.arguments
        }
    }

    /// Parts written one after the other with `separator` between them (a `VALUES` list).
    static func joined(_ parts: some Collection<SQLStatement>, separator: String) -> SQLStatement {
        var combined = SQLStatement(text: "", arguments: [])
        for (index, part) in parts.enumerated() {
            if index > 0 { combined.text += separator }
            combined.text += part.text
            combined.arguments += part.arguments
        }
        return combined
    }

    /// Several statements run as one (PostgreSQL's data-modifying `WITH`): one round trip
    /// where each would cost its own. The parts must touch different rows, since they all
    /// see the same snapshot; only the plans that say so are sent this way.
    static func chained(_ statements: [SQLStatement]) -> SQLStatement {
        guard statements.count > 1, let last = statements.last else { return statements.first ?? "SELECT 1" }
        var combined = SQLStatement(text: "WITH ", arguments: [])
        combined.isPrepared = statements.allSatisfy(\.isPrepared)
        for (index, part) in statements.dropLast().enumerated() {
            if index > 0 { combined.text += ", " }
            combined.text += "step\(index) AS (" + part.text + ")"
            combined.arguments += part.arguments
        }
        combined.text += " " + last.text
        combined.arguments += last.arguments
        return combined
    }
}
