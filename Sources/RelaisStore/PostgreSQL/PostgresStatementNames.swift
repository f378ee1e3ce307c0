import Foundation
import PostgresNIO

/// The names of the plans' statements PostgreSQL keeps prepared (those marked
/// `SQLStatement.isPrepared`).
///
/// Under the report load, parsing and planning each statement again was most of
/// PostgreSQL's time (`base_yyparse`, `expression_tree_walker`, the catalog lookups of the
/// planner in `perf`): a report's statements are the same few texts every time, with other
/// values. A named prepared statement is parsed once per connection, and after a few
/// executions PostgreSQL keeps its generic plan.
///
/// A name stands for one text **and** the types of its values: PostgreSQL fixes a prepared
/// statement's parameter types when it prepares it, and infers the type of a parameter bound
/// as NULL from its context. So the same text executed once with a NULL and once with a text
/// in one place is two prepared statements, never one whose inferred type the other's value
/// would not fit.
///
/// Bounded (`capacity`): texts built from lists (an `IN` of n values) could otherwise grow
/// the set on every connection without end; past it, a statement runs unnamed as before.
/// A statement that failed to prepare or to execute as prepared for a reason of its text or
/// of the schema (SQLSTATE class 42, `0A000` "cached plan must not change result type",
/// `26000`) is never prepared again by this process: PostgresNIO remembers a failed
/// preparation on its connection for good, and a table created after that failure (a
/// migration by another instance) must not leave the statement failing there.
final class PostgresStatementNames: @unchecked Sendable {
    /// The prepared name of a statement, and its text with `$n` placeholders.
    struct Entry: Sendable {
        let name: String?
        let sql: String
    }

    struct Key: Hashable, Sendable {
        let text: String
        /// The kind of each value (`SQLValue.Kind`): a NULL, a text, an integer…
        let kinds: [SQLValue.Kind]
    }

    static let shared = PostgresStatementNames(capacity: 200)

    let capacity: Int
    // Guarded by `lock`.
    private let lock = NSLock()
    private var state = State()

    private struct State {
        var entries: [Key: Entry] = [:]
        var refused: Set<Key> = []
    }

    init(capacity: Int) { self.capacity = capacity }

    /// Names unique in the process: a connection's prepared statements are shared by every
    /// registry that uses it (the tests make their own).
    private static let serial = NameSerial()

    /// The entry for this text and these kinds of values: named while there is room and the text
    /// never failed as prepared, unnamed otherwise. `convert` makes the `$n` text, once.
    func entry(text: String, kinds: [SQLValue.Kind], convert: () -> String) -> Entry {
        let key = Key(text: text, kinds: kinds)
        if let known = lock.withLock({ state.entries[key] }) { return known }
        let sql = convert()
        return lock.withLock {
            if let known = state.entries[key] { return known }
            // Every entry was named once (a refused one keeps its place): the count is the names given.
            guard state.entries.count < capacity, !state.refused.contains(key) else { return Entry(name: nil, sql: sql) }
            let entry = Entry(name: "relais_\(Self.serial.next())", sql: sql)
            state.entries[key] = entry
            return entry
        }
    }

    /// This statement failed as prepared for a reason that would make it fail so on this
    /// connection from now on: run it unnamed from now on, on every connection.
    func refuse(text: String, kinds: [SQLValue.Kind]) {
        let key = Key(text: text, kinds: kinds)
        lock.withLock {
            state.refused.insert(key)
            if let entry = state.entries[key] { state.entries[key] = Entry(name: nil, sql: entry.sql) }
        }
    }

    /// Errors of a statement's text or of the schema it names, which PostgresNIO keeps for a
    /// failed preparation: syntax and names (class 42), a changed result type (`0A000`), an
    /// unknown prepared statement (`26000`).
    static func isStatementFailure(_ error: PSQLError) -> Bool {
        guard let state = error.sqlState else { return false }
        return state.hasPrefix("42") || state == "0A000" || state == "26000"
    }
}

/// The next number for a prepared statement's name.
private final class NameSerial: @unchecked Sendable {
    private let lock = NSLock()
    private var last = 0

    func next() -> Int {
        lock.withLock {
            last += 1
            return last
        }
    }
}
