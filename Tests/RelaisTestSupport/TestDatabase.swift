import Foundation
import GRDB
import PostgresNIO
@testable import RelaisStore

/// The backend the storage and API suites run on: `RELAIS_TEST_BACKEND=sqlite` (the default)
/// or `postgres`, with `RELAIS_TEST_POSTGRES_URL` naming a server the tests may create
/// schemas on. `scripts/test` runs the suites once on each, against a throwaway cluster.
public enum TestBackend: String, Sendable {
    case sqlite, postgres

    public static var current: TestBackend {
        ProcessInfo.processInfo.environment["RELAIS_TEST_BACKEND"].flatMap(TestBackend.init(rawValue:)) ?? .sqlite
    }
}

public struct TestDatabaseError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A fresh, empty, migrated database for one test, on the backend under test: a SQLite file
/// in its own folder, or a PostgreSQL schema of its own (tests run in parallel, and each
/// sees only its own rows). `remove()` closes every storage opened on it and deletes it.
public final class TestDatabase: @unchecked Sendable {
    public let backend: TestBackend
    public let storage: any RelaisStorage
    /// The SQLite file, or the PostgreSQL server's URL (the schema is set per connection).
    public let location: String
    let folder: URL?
    let schema: String?
    private let lock = NSLock()
    private var others: [any RelaisStorage] = []

    private init(backend: TestBackend, storage: any RelaisStorage, location: String, folder: URL?, schema: String?) {
        self.backend = backend
        self.storage = storage
        self.location = location
        self.folder = folder
        self.schema = schema
    }

    /// `migrated: false` leaves the database empty, for tests of migrating itself.
    public static func make(moderation: ModerationPolicy = .default, writeBatch: Int = 64, migrated: Bool = true) async throws -> TestDatabase {
        let database: TestDatabase
        switch TestBackend.current {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-test-\(UUID().uuidString)")
            let path = folder.appendingPathComponent("relais.sqlite").path
            database = TestDatabase(
                backend: .sqlite, storage: try SQLiteStorage(path: path, moderation: moderation, writeBatch: writeBatch), location: path,
                folder: folder, schema: nil)
        case .postgres:
            let url = try serverURL()
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await admin().inTransaction { db in try await db.execute("CREATE SCHEMA \(unescaped: schema)") }
            database = TestDatabase(
                backend: .postgres, storage: try PostgresStorage(url: url, poolSize: 4, moderation: moderation, searchPath: schema),
                location: url, folder: nil, schema: schema)
        }
        if migrated { try await database.storage.migrate() }
        return database
    }

    /// Another storage on the same data, as a second `relais serve` process has (its own
    /// connections), closed by `remove()`. Not migrated: the first one did.
    public func openAnother(moderation: ModerationPolicy = .default) throws -> any RelaisStorage {
        let other: any RelaisStorage =
            switch backend {
            case .sqlite: try SQLiteStorage(path: location, moderation: moderation)
            case .postgres: try PostgresStorage(url: location, poolSize: 4, moderation: moderation, searchPath: schema)
            }
        lock.withLock { others.append(other) }
        return other
    }

    public func remove() async {
        for other in lock.withLock({ others }) { await other.shutdown() }
        await storage.shutdown()
        if let folder { try? FileManager.default.removeItem(at: folder) }
        if let schema { _ = try? await Self.admin().inTransaction { db in try await db.execute("DROP SCHEMA \(unescaped: schema) CASCADE") } }
    }

    /// Runs `body` with a fresh database and removes it afterwards, also when `body` throws.
    public static func with<T: Sendable>(
        moderation: ModerationPolicy = .default, _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let database = try await make(moderation: moderation)
        do {
            let value = try await body(database)
            await database.remove()
            return value
        } catch {
            await database.remove()
            throw error
        }
    }

    // MARK: Raw SQL for assertions (statements valid on both backends)

    public func rows(_ sql: String) async throws -> [TestRow] {
        switch storage {
        case let sqlite as SQLiteStorage:
            return try await sqlite.pool.read { db in
                try Row.fetchAll(db, sql: sql).map { row in
                    TestRow(values: Dictionary(uniqueKeysWithValues: row.columnNames.map { name in (name, TestValue(row[name] as DatabaseValue)) }))
                }
            }
        case let postgres as PostgresStorage:
            return try await postgres.inSnapshot { db in
                try await db.rows(PostgresQuery(unsafeSQL: sql)).map { row in
                    TestRow(values: Dictionary(uniqueKeysWithValues: try row.map { cell in (cell.columnName, try TestValue(cell)) }))
                }
            }
        default:
            throw TestDatabaseError(description: "unknown storage \(type(of: storage))")
        }
    }

    public func execute(_ sql: String) async throws {
        switch storage {
        case let sqlite as SQLiteStorage: try await sqlite.pool.write { db in try db.execute(sql: sql) }
        case let postgres as PostgresStorage: try await postgres.inTransaction { db in try await db.execute(PostgresQuery(unsafeSQL: sql)) }
        default: throw TestDatabaseError(description: "unknown storage \(type(of: storage))")
        }
    }

    /// An instant as a SQL literal's text for this backend: GRDB's UTC text on SQLite, ISO 8601
    /// on PostgreSQL, for tests that set a time by hand (`execute`).
    public func dateLiteral(_ date: Date) -> String {
        switch backend {
        case .sqlite: date.databaseValue.storage.value as? String ?? ""
        case .postgres: ISO8601DateFormatter().string(from: date)
        }
    }

    /// The first column of the first row, as an integer.
    public func int(_ sql: String) async throws -> Int? { try await rows(sql).first?.values.first.flatMap { $0.value.int } }

    // MARK: PostgreSQL server

    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["RELAIS_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw TestDatabaseError(
                description: "RELAIS_TEST_BACKEND=postgres needs RELAIS_TEST_POSTGRES_URL: scripts/test starts a throwaway cluster and sets both")
        }
        return url
    }

    /// One pool for creating and dropping the tests' schemas, for the whole test process
    /// (a static `let` is made once, on first use, whichever test comes first).
    private static let adminStorage = Result { try PostgresStorage(url: try serverURL(), poolSize: 4) }

    static func admin() throws -> PostgresStorage { try adminStorage.get() }
}

/// A value read by raw SQL, whichever backend.
public enum TestValue: Sendable, Equatable {
    case null, int(Int), double(Double), text(String), date(Date), bool(Bool)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let v): self = .int(Int(v))
        case .double(let v): self = .double(v)
        case .string(let v): self = .text(v)
        case .blob: self = .null
        }
    }

    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8: self = .int(try cell.decode(Int.self))
        case .float4, .float8: self = .double(try cell.decode(Double.self))
        case .bool: self = .bool(try cell.decode(Bool.self))
        case .timestamptz, .timestamp: self = .date(try cell.decode(Date.self))
        default: self = .text(try cell.decode(String.self))
        }
    }

    public var int: Int? {
        switch self {
        case .int(let v): v
        case .bool(let v): v ? 1 : 0
        default: nil
        }
    }
}

/// A row read by raw SQL: typed accessors that accept each backend's representation
/// (SQLite stores booleans as integers and dates as text).
public struct TestRow: Sendable {
    public let values: [String: TestValue]

    public func string(_ column: String) -> String? {
        if case .text(let v) = values[column] { return v }
        return nil
    }

    public func int(_ column: String) -> Int? { values[column]?.int }

    public func double(_ column: String) -> Double? {
        switch values[column] {
        case .double(let v): v
        case .int(let v): Double(v)
        default: nil
        }
    }

    public func bool(_ column: String) -> Bool? { int(column).map { $0 != 0 } }

    public func date(_ column: String) -> Date? {
        switch values[column] {
        case .date(let v): v
        case .text(let v): Date.fromDatabaseValue(v.databaseValue)
        default: nil
        }
    }
}

extension TestDatabase {
    /// `remove()` in the background, for `defer` in a test body.
    public func removeLater() { Task { await self.remove() } }

    /// Whether `text` appears anywhere in the stored data: the SQLite files' bytes, or any
    /// row of any table of the test's PostgreSQL schema.
    public func stores(_ text: String) async throws -> Bool {
        switch backend {
        case .sqlite:
            for suffix in ["", "-wal"] {
                guard let bytes = FileManager.default.contents(atPath: location + suffix) else { continue }
                if bytes.range(of: Data(text.utf8)) != nil { return true }
            }
            return false
        case .postgres:
            let tables = try await rows("SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()")
            let literal = text.replacingOccurrences(of: "'", with: "''")
            for table in tables.compactMap({ $0.string("name") }) {
                if try await int("SELECT COUNT(*) FROM \(table) x WHERE position('\(literal)' in x::text) > 0") ?? 0 > 0 { return true }
            }
            return false
        }
    }
}
