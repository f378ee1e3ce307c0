import Foundation
import GRDB

/// A GRDB row read by the shared mappings (`StoredRows`). The rows a plan reads are copies
/// (`Row.fetchAll`), never changed afterwards, so they may be handed across the plan's steps.
///
/// Columns are found by their exact name first: GRDB's lookup by name compares lowercased
/// copies of every column name until it finds one (a string made for each), and the plans
/// read the names they wrote. A name in another case still falls back to GRDB's lookup.
struct SQLiteRow: ColumnReading, @unchecked Sendable {
    let row: Row

    private func value<Value: DatabaseValueConvertible>(_ column: String) -> Value {
        var index = 0
        for name in row.columnNames {
            if name == column { return row[index] }
            index += 1
        }
        return row[column]
    }

    private func optionalValue<Value: DatabaseValueConvertible>(_ column: String) -> Value? {
        var index = 0
        for name in row.columnNames {
            if name == column { return row[index] }
            index += 1
        }
        return row[column]
    }

    func string(_ column: String) throws -> String { value(column) }
    func optionalString(_ column: String) throws -> String? { optionalValue(column) }
    func bool(_ column: String) throws -> Bool { value(column) }
    func int(_ column: String) throws -> Int { value(column) }
    func double(_ column: String) throws -> Double { value(column) }
    func date(_ column: String) throws -> Date { value(column) }
    func optionalDate(_ column: String) throws -> Date? { optionalValue(column) }
}
