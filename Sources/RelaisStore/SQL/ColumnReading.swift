import Foundation

/// Reads a column by name. GRDB's `Row` and PostgresNIO's random-access row both conform, so
/// the two backends turn rows into values with the same code and cannot drift apart.
protocol ColumnReading: Sendable {
    func string(_ column: String) throws -> String
    func optionalString(_ column: String) throws -> String?
    func bool(_ column: String) throws -> Bool
    func int(_ column: String) throws -> Int
    func double(_ column: String) throws -> Double
    func date(_ column: String) throws -> Date
    func optionalDate(_ column: String) throws -> Date?
}

import Tagged

extension ColumnReading {
    /// A typed id read from a text column.
    func id<Tag>(_ column: String) throws -> Tagged<Tag, String> { Tagged(rawValue: try string(column)) }
    func optionalID<Tag>(_ column: String) throws -> Tagged<Tag, String>? { try optionalString(column).map(Tagged.init(rawValue:)) }
}
