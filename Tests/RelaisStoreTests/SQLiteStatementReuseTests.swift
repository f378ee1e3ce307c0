import Foundation
import GRDB
import GRDBSQLite
import RelaisCore
import Testing

@testable import RelaisStore

/// The writer prepares each statement of a report once and reuses it. SQLite compiles a
/// statement again when a bound value can change its plan (a value compared with a partial
/// index's condition), which once made the pile-on query compile on every report.
@Suite struct SQLiteStatementReuseTests {
    @Test func reportsAboutAPersonAreWrittenWithoutCompilingTheirStatementsAgain() async throws {
        try await withSQLiteStorage { storage in
            let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
            for index in 0..<30 {
                // A report about the reporter, naming the content's author: the pile-on path.
                var report = draft(subject: "c-\(index % 3)", reporter: "r-\(index % 5)")
                report.reporter.isTarget = true
                report.subject.authorId = "author-\(index)"
                _ = try await storage.submit(submission(tenant, report))
            }
            let recompiled = try await storage.pool.writeWithoutTransaction { db -> [String] in
                var found: [String] = []
                var statement = sqlite3_next_stmt(db.sqliteConnection, nil)
                while let current = statement {
                    if sqlite3_stmt_status(current, SQLITE_STMTSTATUS_REPREPARE, 0) > 1 {
                        found.append(String(cString: sqlite3_sql(current)).prefix(120) + "…")
                    }
                    statement = sqlite3_next_stmt(db.sqliteConnection, current)
                }
                return found
            }
            #expect(recompiled.isEmpty, "compiled again and again: \(recompiled)")
        }
    }
}
