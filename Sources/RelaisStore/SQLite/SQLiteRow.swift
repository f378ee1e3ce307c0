import Foundation
import GRDB
import GRDBSQLite

/// A row a plan read on SQLite, for the shared mappings (`StoredRows`): the statement's column
/// names, shared by all its rows, and the row's values, read once from SQLite.
///
/// Not GRDB's copied `Row`: copying one copies the column names into every row, and GRDB finds
/// a column by comparing lowercased copies of every name until one matches (a string made for
/// each); nor its row cursor, which lowercases every name of the statement each time it runs
/// it. The plans read the names they wrote, so a column is found by its exact name, and by
/// a comparison ignoring case only when that fails. A value that cannot be read as asked throws
/// (GRDB's subscript stops the process). Dates in the text SQLite stores are read by arithmetic
/// (`SQLiteDateText.date`), not through GRDB's calendar.
struct SQLiteRow: ColumnReading {
    let names: [String]
    let values: [DatabaseValue]

    /// The rows of a bound statement.
    static func fetchAll(_ statement: Statement) throws -> [any ColumnReading] {
        var rows: [any ColumnReading] = []
        let cursor = SQLiteRowCursor(statement)
        while let row = try cursor.next() { rows.append(row) }
        return rows
    }

    private func value(_ column: String) throws -> DatabaseValue {
        if let index = names.firstIndex(of: column) { return values[index] }
        let lowercased = column.lowercased()
        guard let index = names.firstIndex(where: { $0.lowercased() == lowercased }) else { throw ReadError.noColumn(column) }
        return values[index]
    }

    private func decode<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        guard let decoded = Value.fromDatabaseValue(try value(column)) else { throw ReadError.unreadable(column, "\(Value.self)") }
        return decoded
    }

    private func decodeOptional<Value: DatabaseValueConvertible>(_ column: String) throws -> Value? {
        let stored = try value(column)
        if stored.isNull { return nil }
        guard let decoded = Value.fromDatabaseValue(stored) else { throw ReadError.unreadable(column, "\(Value.self)") }
        return decoded
    }

    func string(_ column: String) throws -> String { try decode(column) }
    func optionalString(_ column: String) throws -> String? { try decodeOptional(column) }
    func bool(_ column: String) throws -> Bool { try decode(column) }
    func int(_ column: String) throws -> Int { try decode(column) }
    func double(_ column: String) throws -> Double { try decode(column) }
    func date(_ column: String) throws -> Date { try storedDate(column) ?? decode(column) }
    func optionalDate(_ column: String) throws -> Date? { try storedDate(column) ?? decodeOptional(column) }

    /// A date in the text SQLite stores, by arithmetic; nil for anything else (GRDB reads it).
    private func storedDate(_ column: String) throws -> Date? {
        guard case .string(let text) = try value(column).storage else { return nil }
        return SQLiteDateText.date(text)
    }

    /// A column a plan asked for that its statement did not return, or could not be read as asked.
    enum ReadError: Error, CustomStringConvertible {
        case noColumn(String)
        case unreadable(String, String)

        var description: String {
            switch self {
            case .noColumn(let column): "no column \(column) in the row"
            case .unreadable(let column, let type): "column \(column) cannot be read as \(type)"
            }
        }
    }
}

/// Steps a bound statement through GRDB (which tracks what it runs) and reads each row's
/// values straight from SQLite.
private final class SQLiteRowCursor: DatabaseCursor {
    typealias Element = SQLiteRow
    let _statement: Statement
    var _isDone = false
    private let names: [String]

    init(_ statement: Statement) {
        _statement = statement
        names = statement.columnNames
    }

    deinit {
        // As GRDB's cursors do: a statement left mid-way would hold its read open.
        sqlite3_reset(_statement.sqliteStatement)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> SQLiteRow {
        var values: [DatabaseValue] = []
        values.reserveCapacity(names.count)
        for index in names.indices { values.append(DatabaseValue(sqliteStatement: sqliteStatement, index: CInt(index))) }
        return SQLiteRow(names: names, values: values)
    }
}
