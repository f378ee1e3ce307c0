import Foundation

/// Chooses the backend from `--database` / `RELAIS_DATABASE_URL`.
public enum DatabaseURL {
    /// The embedded default, relative to the working directory.
    public static let defaultValue = "sqlite:relais-data/relais.sqlite"

    /// Opens the storage named by `url`:
    /// - `sqlite:PATH` (or a bare path ending in .sqlite or .db): the embedded file;
    ///   `durability` and `writeBatch` (reports written per transaction at most) apply;
    /// - `postgres://…` or `postgresql://…` (see `PostgresURL`): a pool of at most
    ///   `poolSize` connections.
    /// `writeQueue`: SQLite's bounded group-commit queue (`SQLiteStorage`).
    public static func open(
        _ url: String, durability: SQLiteStorage.Durability = .normal, writeBatch: Int = 64, writeQueue: Int = 1024, poolSize: Int = 10,
        moderation: ModerationPolicy = .default
    ) throws -> any RelaisStorage {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return try PostgresStorage(url: url, poolSize: poolSize, moderation: moderation)
        }
        var path: String?
        if url.hasPrefix("sqlite:") {
            path = String(url.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard path?.isEmpty == false else { throw StorageError.unsupportedDatabase(url) }
        } else if url.hasSuffix(".sqlite") || url.hasSuffix(".db") {
            path = url
        }
        if let path { return try SQLiteStorage(path: path, durability: durability, moderation: moderation, writeBatch: writeBatch, writeQueue: writeQueue) }
        throw StorageError.unsupportedDatabase(url)
    }
}
