import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a file beside the database, held while migrating: several processes
/// starting together on one SQLite file (as PostgreSQL instances do under their advisory
/// lock) migrate one after the other, so the second finds every step recorded instead of
/// racing the first to `CREATE TABLE`. GRDB's migrator reads the applied steps before it
/// takes the write lock, so it cannot exclude another process by itself.
struct MigrationLock: ~Copyable {
    private let descriptor: Int32

    /// Blocks until the lock is free.
    init(beside databasePath: String) throws {
        descriptor = open(databasePath + ".migration-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            close(descriptor)
            throw CocoaError(.fileLocking)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
