/// How much of the database's capacity is in use right now, for the `relais_database_pool`
/// gauges: on PostgreSQL connections leased and requests waiting for one; on SQLite the
/// group-commit writer's batch and its queue (one writer, so `capacity` is the batch size).
public struct PoolUse: Sendable, Equatable {
    public var busy: Int
    public var waiting: Int
    public var capacity: Int

    public init(busy: Int, waiting: Int, capacity: Int) {
        self.busy = busy
        self.waiting = waiting
        self.capacity = capacity
    }
}
