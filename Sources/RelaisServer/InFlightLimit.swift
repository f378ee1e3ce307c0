import Foundation
import Hummingbird
import Metrics

/// A bound on the requests being handled at once (`--max-in-flight`): past it a request is
/// answered `503` with `Retry-After` at once, before it touches the database.
///
/// Without a bound, overload shows as latency: every request waits for a connection or the
/// writer, clients time out, retry, and add to the queue. Refusing early keeps the requests
/// that were admitted fast and tells the others when to come back. The probes and the
/// scraper (`/healthz`, `/readyz`, `/metrics`) are never refused, so an overloaded instance
/// still answers its load balancer and its monitoring.
final class InFlightLimit: @unchecked Sendable {
    static let defaultMax = 1024
    let max: Int
    private let rejections = Counter(label: "relais_overload_rejections_total", dimensions: [("reason", "in_flight")])
    // Guarded by `lock`.
    private let lock = NSLock()
    private var count = 0

    init(max: Int) { self.max = Swift.max(1, max) }

    /// Requests being handled now (the `relais_requests_in_flight` gauge).
    var current: Int { lock.withLock { count } }

    func enter() -> Bool {
        let admitted = lock.withLock {
            guard count < max else { return false }
            count += 1
            return true
        }
        if !admitted { rejections.increment() }
        return admitted
    }

    func leave() { lock.withLock { count -= 1 } }
}

struct InFlightLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: InFlightLimit

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.uri.path {
        case "/healthz", "/readyz", "/metrics": return try await next(request, context)  // never refused
        default: break
        }
        guard limit.enter() else { throw Problem.overloaded }
        defer { limit.leave() }
        return try await next(request, context)
    }
}
