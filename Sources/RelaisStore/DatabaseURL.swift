import Foundation

/// Chooses the backend from `--database` / `RELAIS_DATABASE_URL`.
public enum DatabaseURL {
    /// The embedded default, relative to the working directory.
    public static let defaultValue = "sqlite:relais-data/relais.sqlite"

    /// Opens the storage named by `url`: `sqlite:PATH` (or a bare path ending in .sqlite).
    public static func open(_ url: String, durability: SQLiteStorage.Durability = .normal) throws -> any RelaisStorage {
        if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw StorageError.unsupportedDatabase(url) }
            return try SQLiteStorage(path: path, durability: durability)
        }
        if url.hasSuffix(".sqlite") || url.hasSuffix(".db") { return try SQLiteStorage(path: url, durability: durability) }
        throw StorageError.unsupportedDatabase(url)
    }
}
