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
}
