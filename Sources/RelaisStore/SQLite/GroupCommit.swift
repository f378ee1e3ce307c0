import Foundation
import GRDB
import Metrics

/// Group commit: writes that arrive while the writer is busy wait together and then share
/// one transaction.
///
/// SQLite has one writer. Under a raid, reports queue for it one transaction at a time, and
/// each transaction pays a thread hop onto the writer and back, a commit, and (with
/// `--durability full`) an fsync. Batching pays those once per batch. Every caller is
/// answered only after the shared commit, so "acknowledged means committed" still holds;
/// a write that fails fails alone (the batch is then written again with each write in its own
/// savepoint, see `write`), and a failed commit fails the whole batch (nobody was acknowledged).
///
/// The queue is bounded (`maxPending`): past it a write is refused at once with
/// `StorageError.overloaded` (an API 503 with Retry-After), because an unbounded queue under
/// overload only makes every caller wait until it times out, and then retry into the same queue.
final class GroupCommit<Item: Sendable, Output: Sendable>: @unchecked Sendable {
    typealias Work = @Sendable (Database, Item) throws -> Output

    private let pool: DatabasePool
    private let maxBatch: Int
    private let maxPending: Int
    private let work: Work
    private let refusals = Counter(label: "relais_overload_rejections_total", dimensions: [("reason", "write_queue")])
    // Guarded by `lock`.
    private let lock = NSLock()
    private var pending: [(item: Item, continuation: CheckedContinuation<Output, any Error>)] = []
    private var draining = false
    private var writing = 0

    init(pool: DatabasePool, maxBatch: Int, maxPending: Int = 1024, work: @escaping Work) {
        self.pool = pool
        self.maxBatch = max(1, maxBatch)
        self.maxPending = max(1, maxPending)
        self.work = work
    }

    /// Writes being committed now, and writes waiting for the writer (the pool-use gauges).
    var depth: (writing: Int, waiting: Int) { lock.withLock { (writing, pending.count) } }

    func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let admission: GroupCommitAdmission = lock.withLock {
                guard pending.count < maxPending else { return .refused }
                pending.append((item, continuation))
                defer { draining = true }
                return draining ? .queued : .startDraining
            }
            switch admission {
            case .refused:
                refusals.increment()
                continuation.resume(throwing: StorageError.overloaded)
            case .queued: break
            case .startDraining: Task { await self.drain() }
            }
        }
    }

    /// The next batch, or nil (and the loop stops) when nothing is pending.
    private func takeBatch() -> [(item: Item, continuation: CheckedContinuation<Output, any Error>)]? {
        lock.withLock {
            if pending.isEmpty {
                draining = false
                writing = 0
                return nil
            }
            let count = min(maxBatch, pending.count)
            writing = count
            defer { pending.removeFirst(count) }
            return Array(pending.prefix(count))
        }
    }

    /// One loop at a time takes what is pending and writes it; it stops when nothing is left.
    private func drain() async {
        while let batch = takeBatch() {
            Recorder(label: "relais_group_commit_batch_size").record(batch.count)
            do {
                let results = try await write(batch.map(\.item))
                for (entry, result) in zip(batch, results) { entry.continuation.resume(with: result) }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
    }

    /// Writes the batch in one transaction, first without a savepoint per write: with one
    /// open, SQLite copies every page a write touches into its statement journal in case the
    /// write is rolled back, a dozen page images a report, and writes almost never fail. When
    /// one does, the whole transaction is rolled back (nobody has been answered) and the batch
    /// is written again with each write in its own savepoint, so that only the failing one
    /// fails. A failure of the transaction itself (begin, commit) fails the batch.
    private func write(_ items: [Item]) async throws -> [Result<Output, any Error>] {
        let work = self.work
        do {
            return try await pool.write { db in
                try items.map { item in
                    do { return .success(try work(db, item)) } catch { throw WriteFailedInBatch(error: error) }
                }
            }
        } catch let failed as WriteFailedInBatch {
            guard items.count > 1 else { return [.failure(failed.error)] }
        }
        return try await pool.write { db in
            items.map { item in
                Result {
                    var output: Output?
                    try db.inSavepoint {
                        output = try work(db, item)
                        return .commit
                    }
                    return output!
                }
            }
        }
    }
}

/// A write of the batch failed (not the transaction): roll back and write the batch again,
/// each write in its own savepoint.
private struct WriteFailedInBatch: Error { let error: any Error }

/// What `GroupCommit.submit` does with a write: refuse it, queue it, or queue it and start the writer.
private enum GroupCommitAdmission { case refused, queued, startDraining }
