import Foundation

/// A value bound to a statement's placeholder, the same for both databases. Each backend
/// turns it into its driver's type (GRDB's `DatabaseValue`, PostgresNIO's bindings), so a
/// statement written once carries its values to either.
enum SQLValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int)
    case real(Double)
    case bool(Bool)
    case date(Date)

    /// Which case, without the value: what a prepared statement's parameter types depend on.
    enum Kind: UInt8, Sendable, Hashable { case null, text, integer, real, bool, date }

    var kind: Kind {
        switch self {
        case .null: .null
        case .text: .text
        case .integer: .integer
        case .real: .real
        case .bool: .bool
        case .date: .date
        }
    }
}

/// Swift values that can stand in a statement.
protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
}

extension String: SQLValueConvertible { var sqlValue: SQLValue { .text(self) } }
extension Int: SQLValueConvertible { var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLValueConvertible { var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLValueConvertible { var sqlValue: SQLValue { .bool(self) } }
extension Date: SQLValueConvertible { var sqlValue: SQLValue { .date(self) } }

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    var sqlValue: SQLValue { map(\.sqlValue) ?? .null }
}

import Tagged

/// Typed ids bind as their raw value.
extension Tagged: SQLValueConvertible where RawValue: SQLValueConvertible {
    var sqlValue: SQLValue { rawValue.sqlValue }
}
