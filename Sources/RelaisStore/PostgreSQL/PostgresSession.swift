import Foundation
import Logging
import PostgresNIO

/// One leased connection, in a transaction when `PostgresStorage.write`/`read` opened one.
/// Statements are PostgresNIO's interpolated queries: every value is a bind parameter.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// All rows of the statement.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    /// Runs a statement whose rows (if any) do not matter.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    /// The first column of the first row.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? {
        guard let cell = try await row(query)?[0], cell.bytes != nil else { return nil }
        return try cell.decode(T.self)
    }
}

/// PostgresNIO rows read by the shared mappings (`StoredRows`).
extension PostgresRandomAccessRow: ColumnReading {
    func string(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalString(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func bool(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
    func int(_ column: String) throws -> Int { try self[column].decode(Int.self) }
    func double(_ column: String) throws -> Double { try self[column].decode(Double.self) }
    func date(_ column: String) throws -> Date { try self[column].decode(Date.self) }
    func optionalDate(_ column: String) throws -> Date? { try self[column].decode(Date?.self) }
}

extension PSQLError {
    /// The server's SQLSTATE, when the server answered with an error.
    var sqlState: String? { serverInfo?[.sqlState] }
}
