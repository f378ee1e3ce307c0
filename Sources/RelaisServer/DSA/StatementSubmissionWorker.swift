import Foundation
import Logging
import Metrics
import RelaisStore
import ServiceLifecycle

/// Sends each configured tenant's statements of reasons to the Transparency Database: a
/// background service of `relais serve`, beside the webhook worker and on the same claim and
/// lease design, so several instances on one database never send one statement at the same
/// time (`StatementSubmitter` has the rules).
///
/// A tenant whose token the Database refuses (401/403) is stopped: an error line in the log,
/// the gauge `relais_dsa_submission_stopped{tenant}` at 1, and its statements' `lastError`
/// saying so. At each poll the worker reads a stopped tenant's token file again; once it holds
/// another token, sending resumes (a notice in the log, the gauge back at 0). A token from an
/// environment variable cannot change under a running process: that tenant resumes at restart.
public struct StatementSubmissionWorker: Service {
    let storage: any RelaisStorage
    let links: [TransparencyLink]
    let pollInterval: Duration
    /// Longer than a batch takes to send: a sender that dies holding statements delays them by this much.
    let claimLease: TimeInterval
    public let workerId: String
    let logger: Logger

    public init(
        storage: any RelaisStorage, links: [TransparencyLink], pollInterval: Duration = .seconds(5), claimLease: TimeInterval = 120, workerId: String = WebhookWorker.makeId(),
        logger: Logger = Logger(label: "relais.dsa")
    ) {
        self.storage = storage
        self.links = links
        self.pollInterval = pollInterval
        self.claimLease = claimLease
        self.workerId = workerId
        self.logger = logger
    }

    public func run() async throws {
        // Nothing to send: wait for the end (a service that returns early would stop the server).
        guard !links.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        logger.info(
            "Transparency Database submission started",
            metadata: ["worker": "\(workerId)", "tenants": "\(links.map { "\($0.tenantName) (\($0.mode.rawValue))" }.joined(separator: ", "))"])
        var links = links
        var stopped: Set<String> = []
        for link in links { Gauge(label: "relais_dsa_submission_stopped", dimensions: [("tenant", link.tenantName)]).record(0) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            for (index, link) in links.enumerated() where stopped.contains(link.tenantName) {
                guard let fresh = link.tokenChanged() else { continue }
                links[index] = fresh
                stopped.remove(link.tenantName)
                Gauge(label: "relais_dsa_submission_stopped", dimensions: [("tenant", link.tenantName)]).record(0)
                logger.notice("the Transparency Database token changed: sending resumed for this tenant", metadata: ["tenant": "\(link.tenantName)"])
            }
            for link in links where !stopped.contains(link.tenantName) {
                do {
                    guard let tenant = try await storage.tenant(named: link.tenantName) else { continue }
                    let submitter = StatementSubmitter(
                        store: storage, client: link.client, tenantId: tenant.id, tenantName: link.tenantName, worker: workerId, lease: claimLease, logger: logger)
                    let tally = try await submitter.drain()
                    if tally.sent + tally.alreadyThere + tally.rejected > 0 {
                        logger.info(
                            "statements sent to the Transparency Database",
                            metadata: [
                                "tenant": "\(link.tenantName)", "sent": "\(tally.sent)", "alreadyThere": "\(tally.alreadyThere)",
                                "rejected": "\(tally.rejected)",
                            ])
                    }
                    if let status = tally.tokenRefused {
                        stopped.insert(link.tenantName)
                        Gauge(label: "relais_dsa_submission_stopped", dimensions: [("tenant", link.tenantName)]).record(1)
                        logger.error(
                            "the Transparency Database refused the token (HTTP \(status)): sending stopped for this tenant until its token file holds a new token (or the process restarts)",
                            metadata: ["tenant": "\(link.tenantName)"])
                    }
                } catch {
                    logger.warning("Transparency Database poll failed", metadata: ["tenant": "\(link.tenantName)", "error": "\(error)"])
                }
            }
            let interval = pollInterval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        logger.info("Transparency Database submission stopped", metadata: ["worker": "\(workerId)"])
    }
}
