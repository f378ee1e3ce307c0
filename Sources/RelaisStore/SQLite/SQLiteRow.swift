import Foundation
import GRDB

/// A GRDB row read by the shared mappings (`StoredRows`). The rows a plan reads are copies
/// (`Row.fetchAll`), never changed afterwards, so they may be handed across the plan's steps.
struct SQLiteRow: ColumnReading, @unchecked Sendable {
    let row: Row

    func string(_ column: String) throws -> String { row[column] }
    func optionalString(_ column: String) throws -> String? { row[column] }
    func bool(_ column: String) throws -> Bool { row[column] }
    func int(_ column: String) throws -> Int { row[column] }
    func double(_ column: String) throws -> Double { row[column] }
    func date(_ column: String) throws -> Date { row[column] }
    func optionalDate(_ column: String) throws -> Date? { row[column] }
}
