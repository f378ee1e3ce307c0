import Foundation
import GRDB

/// GRDB rows read by the shared mappings (`StoredRows`).
extension Row: ColumnReading {
    func string(_ column: String) throws -> String { self[column] }
    func optionalString(_ column: String) throws -> String? { self[column] }
    func bool(_ column: String) throws -> Bool { self[column] }
    func int(_ column: String) throws -> Int { self[column] }
    func double(_ column: String) throws -> Double { self[column] }
    func date(_ column: String) throws -> Date { self[column] }
    func optionalDate(_ column: String) throws -> Date? { self[column] }
}
