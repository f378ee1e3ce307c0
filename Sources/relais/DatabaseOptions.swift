import ArgumentParser
import Foundation
import RelaisStore

/// `--database`, shared by every command that touches storage.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where data lives: sqlite:PATH. Default: $RELAIS_DATABASE_URL, else \(DatabaseURL.defaultValue).",
            valueName: "url"))
    var database: String?

    var url: String { database ?? ProcessInfo.processInfo.environment["RELAIS_DATABASE_URL"] ?? DatabaseURL.defaultValue }

    /// Opens and migrates the storage; a clear message instead of a stack trace on failure.
    func open(durability: SQLiteStorage.Durability = .normal, writeBatch: Int = 64, moderation: ModerationPolicy = .default) async throws -> any RelaisStorage {
        do {
            let storage = try DatabaseURL.open(url, durability: durability, writeBatch: writeBatch, moderation: moderation)
            try await storage.migrate()
            return storage
        } catch let error as StorageError {
            throw ValidationError(error.description)
        }
    }
}

/// Prints JSON with sorted keys, for scripts.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
