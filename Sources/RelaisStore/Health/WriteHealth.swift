import Foundation
import Logging
import Metrics

/// Whether the database can be written: set when a write fails for want of space or an I/O
/// error, cleared by the next write that succeeds.
///
/// A full disk fails every write the same way. Logged per request it would bury the one line
/// that says why under thousands, so the change is logged once each way (failing, then
/// writable again) and each failed write is only counted (`relais_storage_write_failures_total`).
/// While writes fail `/readyz` tries a write itself (`RelaisStorage.ping`), so an instance a load
/// balancer stopped sending to still finds out when space is back.
public final class WriteHealth: @unchecked Sendable {
    private let logger: Logger
    private let failures = Counter(label: "relais_storage_write_failures_total")
    // Guarded by `lock`: the reason writes fail, nil while they succeed.
    private let lock = NSLock()
    private var reason: String?

    public init(logger: Logger = Logger(label: "relais.storage")) {
        self.logger = logger
    }

    /// Why writes fail, or nil when the last one succeeded.
    public var failure: String? { lock.withLock { reason } }

    func failed(_ why: String, location: String) {
        failures.increment()
        let first = lock.withLock {
            defer { reason = why }
            return reason == nil
        }
        if first {
            logger.error(
                "storage unavailable: writes fail; answering 503 until a write succeeds",
                metadata: ["reason": "\(why)", "database": "\(location)"])
        }
    }

    func succeeded(location: String) {
        // Most writes find nothing to clear: one lock, no log.
        let recovered = lock.withLock {
            defer { reason = nil }
            return reason != nil
        }
        if recovered { logger.notice("storage writable again", metadata: ["database": "\(location)"]) }
    }
}
