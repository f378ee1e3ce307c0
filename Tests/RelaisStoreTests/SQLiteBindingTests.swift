import Foundation
import GRDB
@testable import RelaisStore
import Testing

/// The writer binds a plan's values with SQLite's own functions (`Statement.bind`): each kind
/// of value must be stored exactly as GRDB's `StatementArguments` store it, byte for byte and
/// type for type, or stored rows would compare differently depending on who wrote them.
@Suite struct SQLiteBindingTests {
    @Test func everyKindOfValueIsStoredAsGRDBStoresIt() throws {
        let values: [SQLValue] = [
            .null, .text(""), .text("plain"), .text("é, 🙂, \"quoted\", 'single', ?"), .integer(0), .integer(.min), .integer(.max),
            .real(0.1), .real(-1e300), .bool(true), .bool(false), .date(Date(timeIntervalSince1970: 1_796_000_000.1234)),
            .date(.distantPast), .date(Date(timeIntervalSince1970: 0)),
        ]
        let grdb: [DatabaseValue] = values.map { value in
            switch value {
            case .null: .null
            case .text(let text): text.databaseValue
            case .integer(let integer): integer.databaseValue
            case .real(let real): real.databaseValue
            case .bool(let bool): bool.databaseValue
            case .date(let date): date.databaseValue
            }
        }
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (who TEXT, n INTEGER, v)")
            let insert = try db.makeStatement(sql: "INSERT INTO t (who, n, v) VALUES (?, ?, ?)")
            for (index, value) in values.enumerated() {
                try insert.execute(arguments: ["grdb", index, grdb[index]])
                try insert.bind([.text("relais"), .integer(index), value])
                try insert.execute()
            }
            let stored = try Row.fetchAll(db, sql: "SELECT who, n, typeof(v) AS type, quote(v) AS bytes FROM t ORDER BY n, who")
            #expect(stored.count == values.count * 2)
            for pair in stride(from: 0, to: stored.count, by: 2) {
                let (byGRDB, byRelais) = (stored[pair], stored[pair + 1])
                #expect(byGRDB["who"] == "grdb" && byRelais["who"] == "relais")
                #expect(byRelais["type"] as String == byGRDB["type"] as String, "value \(pair / 2)")
                #expect(byRelais["bytes"] as String == byGRDB["bytes"] as String, "value \(pair / 2)")
            }
            // A query reads what is bound, and a statement bound again forgets the old values.
            let select = try db.makeStatement(sql: "SELECT COUNT(*) FROM t WHERE who = ? AND n < ?")
            try select.bind([.text("relais"), .integer(3)])
            #expect(try Int.fetchOne(select) == 3)
            try select.bind([.text("grdb"), .integer(1)])
            #expect(try Int.fetchOne(select) == 1)
            #expect(throws: DatabaseError.self) { try select.bind([.text("too few")]) }
        }
    }

    /// The rows a plan reads: by the exact name, by a name in another case, and a column that
    /// is missing or cannot be read as asked throws instead of stopping the process.
    @Test func rowsReadTheirColumnsAsGRDBDoes() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let statement = try db.makeStatement(sql: """
                SELECT ? AS id, NULL AS gone, 1 AS flag, 2.5 AS score, ? AS at, 'x' AS Mixed UNION ALL SELECT 'b', NULL, 0, 3, ?, 'y'
                """)
            let at = Date(timeIntervalSince1970: 1_796_000_000.5)
            try statement.bind([.text("a"), .date(at), .date(at)])
            let rows = try SQLiteRow.fetchAll(statement)
            let grdb = try Row.fetchAll(statement)
            #expect(rows.count == 2 && grdb.count == 2)
            for (row, reference) in zip(rows, grdb) {
                #expect(try row.string("id") == reference["id"] as String)
                #expect(try row.optionalString("gone") == nil && (try row.optionalDate("gone")) == nil)
                #expect(try row.bool("flag") == reference["flag"] as Bool)
                #expect(try row.double("score") == reference["score"] as Double && (try row.int("flag")) == reference["flag"] as Int)
                #expect(try row.date("at") == reference["at"] as Date)
                #expect(try row.string("mixed") == reference["mixed"] as String, "another case still finds the column")
                #expect(throws: SQLiteRow.ReadError.self) { try row.string("missing") }
                #expect(throws: SQLiteRow.ReadError.self) { try row.string("gone") }
            }
        }
    }
}
