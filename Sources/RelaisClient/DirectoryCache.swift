import Foundation
import RelaisCore

/// The tenant's directory on disk: the body of `GET /v1/directory` as served, its ETag and
/// when it was fetched. Read once into memory; refreshed with `If-None-Match`.
actor DirectoryCache {
    private let bodyFile: URL
    private let metaFile: URL
    private var loaded: OfflineDirectory?
    private var meta: Meta?

    struct Meta: Codable {
        var etag: String?
        var fetchedAt: Date
        var maxAge: TimeInterval?
    }

    init(folder: URL) {
        bodyFile = folder.appendingPathComponent("directory.json")
        metaFile = folder.appendingPathComponent("directory-meta.json")
    }

    /// The copy to decide from: the cached one, or the bundled one when none was ever fetched
    /// (or the cached file cannot be read).
    func current() throws -> OfflineDirectory {
        if let loaded { return loaded }
        let directory: OfflineDirectory
        if let data = try? Data(contentsOf: bodyFile), let document = try? JSONDecoder().decode(DirectoryDocument.self, from: data) {
            directory = OfflineDirectory(document: document, source: .cached)
        } else {
            directory = try OfflineDirectory.bundled()
        }
        loaded = directory
        return directory
    }

    /// The ETag to send, and whether the copy is older than its max age.
    func validator(now: Date, defaultMaxAge: TimeInterval) -> (etag: String?, stale: Bool) {
        if meta == nil { meta = (try? Data(contentsOf: metaFile)).flatMap { try? JSONDecoder().decode(Meta.self, from: $0) } }
        guard let meta, FileManager.default.fileExists(atPath: bodyFile.path) else { return (nil, true) }
        return (meta.etag, now.timeIntervalSince(meta.fetchedAt) >= (meta.maxAge ?? defaultMaxAge))
    }

    /// Keeps a new body (a `200`): decoded first, so a body that cannot be read never
    /// replaces a good copy.
    func store(_ body: Data, etag: String?, maxAge: TimeInterval?, now: Date) throws -> OfflineDirectory {
        let document = try JSONDecoder().decode(DirectoryDocument.self, from: body)
        try FileManager.default.createDirectory(at: bodyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try body.write(to: bodyFile, options: .atomic)
        try writeMeta(Meta(etag: etag, fetchedAt: now, maxAge: maxAge))
        let directory = OfflineDirectory(document: document, source: .cached)
        loaded = directory
        return directory
    }

    /// A `304`: the copy is current again.
    func confirm(now: Date, maxAge: TimeInterval?) throws {
        guard var meta else { return }
        meta.fetchedAt = now
        meta.maxAge = maxAge ?? meta.maxAge
        try writeMeta(meta)
    }

    private func writeMeta(_ meta: Meta) throws {
        self.meta = meta
        try JSONEncoder().encode(meta).write(to: metaFile, options: .atomic)
    }
}
