import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import Prometheus
import RelaisStore

/// `GET /metrics` in Prometheus's text format, for a scraper that sends the metrics token
/// (`--metrics-token` or `RELAIS_METRICS_TOKEN`; without one the route does not exist).
///
/// What it holds: Hummingbird's request counts and durations by route pattern, method and
/// status (`MetricsMiddleware`); `relais_reports_total` and `relais_help_cards_total` by
/// category and country; `relais_group_commit_batch_size` (SQLite); and, read at each scrape,
/// `relais_outbox_events{status=…}` (pending, dead: the webhook backlog),
/// `relais_queue_open_cases` and `relais_queue_oldest_open_case_age_seconds` (the moderation
/// queue), `relais_database_pool{state=busy|waiting|capacity}` (PostgreSQL's connections, or
/// SQLite's group-commit writer and its queue) and `relais_requests_in_flight`. Counted as they
/// happen elsewhere: `relais_webhook_delivery_failures_total`, `relais_storage_write_failures_total`,
/// `relais_overload_rejections_total{reason}`. No label holds a tenant's name, an id or any
/// text a caller sent.
struct MetricsRoutes: Sendable {
    let registry: PrometheusCollectorRegistry
    let token: String
    let webhooks: any WebhookStore
    let storage: any StorageObservability
    let inFlight: InFlightLimit

    static let route = "GET /metrics"

    func register(on router: Router<RelaisRequestContext>) {
        router.get("metrics") { request, _ in try await metrics(request) }
    }

    func metrics(_ request: Request) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            Self.sameBytes(String(header.dropFirst(7)), token)
        else { throw Problem(.unauthorized, title: "Unauthorized", detail: "Send the metrics token: Authorization: Bearer <token>.") }
        let status = try await webhooks.webhookStatus(tenantName: nil)
        Gauge(label: "relais_outbox_events", dimensions: [("status", "pending")]).record(status.pending)
        Gauge(label: "relais_outbox_events", dimensions: [("status", "dead")]).record(status.dead)
        let queue = try await storage.queueGauges()
        Gauge(label: "relais_queue_open_cases").record(queue.openCases)
        Gauge(label: "relais_queue_oldest_open_case_age_seconds").record(queue.oldestOpenSince.map { max(0, Date().timeIntervalSince($0)) } ?? 0)
        let pool = storage.poolUse
        Gauge(label: "relais_database_pool", dimensions: [("state", "busy")]).record(pool.busy)
        Gauge(label: "relais_database_pool", dimensions: [("state", "waiting")]).record(pool.waiting)
        Gauge(label: "relais_database_pool", dimensions: [("state", "capacity")]).record(pool.capacity)
        Gauge(label: "relais_requests_in_flight").record(inFlight.current)
        var body: [UInt8] = []
        registry.emit(into: &body)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Constant-time comparison (of their hashes, so the lengths leak nothing either).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = SHA256.hash(data: Data(a.utf8)), y = SHA256.hash(data: Data(b.utf8))
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The metrics endpoint's settings, from `relais serve`.
public struct MetricsEndpoint: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let token: String

    public init(registry: PrometheusCollectorRegistry, token: String) {
        self.registry = registry
        self.token = token
    }
}
