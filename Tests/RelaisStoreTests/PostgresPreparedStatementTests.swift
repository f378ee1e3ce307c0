import Foundation
import PostgresNIO
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// The plans' statements as prepared statements on PostgreSQL (`PostgresStatementNames`,
/// `PreparedPlanStatement`): parsed once per connection, one name per text and kinds of
/// values, bounded, and never left failing on a connection by a failed preparation.
@Suite("PostgreSQL prepared statements")
struct PostgresPreparedStatementTests {
    @Test func aNameStandsForOneTextAndTheKindsOfItsValues() {
        let names = PostgresStatementNames(capacity: 3)
        var conversions = 0
        let convert = { () -> String in conversions += 1; return "SELECT $1" }
        let first = names.entry(text: "SELECT ?", kinds: [.text], convert: convert)
        let again = names.entry(text: "SELECT ?", kinds: [.text], convert: convert)
        let withNull = names.entry(text: "SELECT ?", kinds: [.null], convert: convert)
        #expect(first.name != nil && first.name == again.name, "the same text and kinds: one prepared statement")
        #expect(withNull.name != nil && withNull.name != first.name, "a NULL where a text was: another one (its type is inferred)")
        #expect(conversions == 2, "the $n text is made once per entry, not per execution")
        #expect(first.sql == "SELECT $1")
    }

    @Test func pastItsCapacityAStatementRunsUnnamed() {
        let names = PostgresStatementNames(capacity: 2)
        let named = (0..<2).map { names.entry(text: "SELECT \($0)", kinds: [], convert: { "SELECT" }).name }
        let third = names.entry(text: "SELECT 2", kinds: [], convert: { "SELECT 2" })
        #expect(named.allSatisfy { $0 != nil })
        #expect(third.name == nil && third.sql == "SELECT 2", "unnamed, with its text")
        #expect(names.entry(text: "SELECT 0", kinds: [], convert: { "" }).name == named[0], "the named ones stay named")
    }

    @Test func aRefusedStatementIsNeverNamedAgain() {
        let names = PostgresStatementNames(capacity: 10)
        #expect(names.entry(text: "SELECT x FROM t", kinds: [], convert: { "SELECT x FROM t" }).name != nil)
        names.refuse(text: "SELECT x FROM t", kinds: [])
        let after = names.entry(text: "SELECT x FROM t", kinds: [], convert: { "unused" })
        #expect(after.name == nil && after.sql == "SELECT x FROM t")
    }

    @Test(.enabled(if: TestBackend.current == .postgres, "prepared statements are PostgreSQL's"))
    func aStatementRunTwiceIsPreparedOnceOnItsConnection() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let postgres = try #require(storage as? PostgresStorage)
        let names = PostgresStatementNames(capacity: 10)
        let statement = SQLStatement("SELECT \("a") || \("b") AS joined, \(41) + 1 AS answer").prepared()
        let unmarked: SQLStatement = "SELECT \("a") || \("b") AS joined, \(41) + 2 AS answer"
        let (answers, prepared) = try await postgres.withSession { session in
            let first = try await session.rows(statement, names: names)
            let second = try await session.rows(statement, names: names)
            _ = try await session.rows(unmarked, names: names)
            let prepared = try await session.rows(PostgresQuery(unsafeSQL: """
                SELECT name FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1 || $2 AS joined, $3 + _ AS answer'
                """))
            return (
                try [first, second].map { try ($0[0].string("joined"), $0[0].int("answer")) }.map { "\($0.0) \($0.1)" },
                try prepared.map { try $0.string("name") })
        }
        #expect(answers == ["ab 42", "ab 42"])
        let name = names.entry(text: statement.text, kinds: statement.arguments.map(\.kind), convert: { "" }).name
        // Only the marked one: the unmarked statement (`+ 2`) ran unnamed.
        #expect(prepared == [try #require(name)], "one prepared statement on the connection, under its name")
    }

    @Test(.enabled(if: TestBackend.current == .postgres, "prepared statements are PostgreSQL's"))
    func aStatementThatFailedToPrepareRunsOnceItsTableExists() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let postgres = try #require(storage as? PostgresStorage)
        let names = PostgresStatementNames(capacity: 10)
        let table = "later_\(UUID().uuidString.prefix(8).lowercased())"
        let statement = SQLStatement(text: "SELECT count(*)::bigint AS n FROM \(table) WHERE x = ?", arguments: [.integer(1)]).prepared()
        let count = try await postgres.withSession { session in
            // As when another instance has not yet migrated: the table is not there.
            await #expect(throws: PSQLError.self) { try await session.rows(statement, names: names) }
            try await session.execute(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (x bigint)"))
            try await session.execute(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES (1), (1), (2)"))
            // The same connection: PostgresNIO keeps the failed preparation under its name.
            return try await session.rows(statement, names: names)[0].int("n")
        }
        #expect(count == 2)
        #expect(names.entry(text: statement.text, kinds: [.integer], convert: { "" }).name == nil, "unnamed from then on")
    }

    @Test(.enabled(if: TestBackend.current == .postgres, "prepared statements are PostgreSQL's"))
    func aNullAndAValueInOnePlaceAreTwoStatementsThatBothRun() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let postgres = try #require(storage as? PostgresStorage)
        let names = PostgresStatementNames(capacity: 10)
        let values = try await postgres.withSession { session in
            var values: [String] = []
            for value in [nil, "given", nil, "again"] as [String?] {
                let rows = try await session.rows(
                    SQLStatement("SELECT COALESCE(\(value), 'none') AS v, \(Date(timeIntervalSince1970: 0)) AS at").prepared(), names: names)
                values.append(try rows[0].string("v"))
                #expect(try rows[0].date("at") == Date(timeIntervalSince1970: 0))
            }
            return values
        }
        #expect(values == ["none", "given", "none", "again"])
        #expect(names.entry(text: "SELECT COALESCE(?, 'none') AS v, ? AS at", kinds: [.null, .date], convert: { "" }).name
            != names.entry(text: "SELECT COALESCE(?, 'none') AS v, ? AS at", kinds: [.text, .date], convert: { "" }).name)
    }
}
