/// What an operator watches of the storage, read at each scrape of `/metrics` and by `/readyz`.
public protocol StorageObservability: Sendable {
    /// Whether writes currently fail (a full disk), and why.
    var writeHealth: WriteHealth { get }
    /// Connections or writer slots in use and waiters, now.
    var poolUse: PoolUse { get }
    /// Open cases and the age of the oldest.
    func queueGauges() async throws -> QueueGauges
}
