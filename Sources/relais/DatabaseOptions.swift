import ArgumentParser
import Foundation
import RelaisStore

/// `--database`, shared by every command that touches storage.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where data lives: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]. Default: $RELAIS_DATABASE_URL, else \(DatabaseURL.defaultValue).",
            valueName: "url"))
    var database: String?

    @Option(help: "PostgreSQL: connections in this process's pool at most (default 10).")
    var poolSize: Int?

    var url: String { database ?? ProcessInfo.processInfo.environment["RELAIS_DATABASE_URL"] ?? DatabaseURL.defaultValue }

    /// Opens and migrates the storage; a clear message instead of a stack trace on failure.
    func open(
        durability: SQLiteStorage.Durability = .normal, writeBatch: Int = 64, writeQueue: Int = 1024, moderation: ModerationPolicy = .default
    ) async throws -> any RelaisStorage {
        try await Self.open(url: url, poolSize: poolSize ?? 10, durability: durability, writeBatch: writeBatch, writeQueue: writeQueue, moderation: moderation)
    }

    /// `relais serve` resolves its URL and pool size from flags, environment and config file first.
    static func open(
        url: String, poolSize: Int, durability: SQLiteStorage.Durability, writeBatch: Int, writeQueue: Int, moderation: ModerationPolicy
    ) async throws -> any RelaisStorage {
        guard (1...1000).contains(poolSize) else { throw ValidationError("--pool-size: use 1 to 1000") }
        let storage: any RelaisStorage
        do {
            storage = try DatabaseURL.open(
                url, durability: durability, writeBatch: writeBatch, writeQueue: writeQueue, poolSize: poolSize, moderation: moderation)
        } catch let error as StorageError {
            throw ValidationError(error.description)
        }
        do {
            try await storage.migrate()
            return storage
        } catch let error as StorageError {
            await storage.shutdown()
            throw CommandFailure(error.description)
        } catch {
            // Unreachable server, wrong password, TLS refused: say where, without the password.
            // The statements here are migrations: no reported content can be in the details.
            await storage.shutdown()
            throw CommandFailure(StorageError.unreachable(location: storage.location, reason: String(reflecting: error)).description)
        }
    }
}

/// Prints JSON with sorted keys, for scripts.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// A failure that is not a usage mistake (the database is unreachable, say): printed as
/// "Error: …" without the usage text that ArgumentParser adds to a `ValidationError`.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
