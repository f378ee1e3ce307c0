import Foundation
import HTTPTypes
import Hummingbird
import Logging

extension HTTPField.Name {
    static let requestId = Self("X-Request-Id")!
}

/// One log line per request: method, route (the route's pattern, never the path or query,
/// which can carry a signed token), status, duration, tenant id and request id. Never a body,
/// a header value, a reporter id or an address. `X-Request-Id` is taken from the caller when
/// it is 1–128 visible ASCII characters (a proxy's id), else made here, and is echoed on the
/// answer so a platform can quote it; every log line of the request carries it.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let requestId = Self.requestId(request.headers[.requestId])
        var context = context
        // Only where request lines are written: setting logger metadata costs a few µs a
        // request (the handler rebuilds its metadata text), which a quiet server need not pay.
        if context.logger.logLevel <= .info { context.logger[metadataKey: "request_id"] = .string(requestId) }
        let record = AccessRecord()
        context.access = record
        do {
            var response = try await next(request, context)
            response.headers[.requestId] = requestId
            log(request, context, record, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context, record, status: status, since: started)
            throw ErrorWithHeaders(underlying: error, headers: [.requestId: requestId])
        }
    }

    private func log(_ request: Request, _ context: Context, _ record: AccessRecord, status: Int, since started: ContinuousClock.Instant) {
        // Nothing is built when the line would not be written (benchmarks and quiet servers).
        guard context.logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - started
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(status),
            "duration_ms": .string("\(micros / 1000).\(String(micros % 1000 + 1000).dropFirst())"),
        ]
        if let tenantId = record.tenantId { metadata["tenant_id"] = .string(tenantId) }
        context.logger.info("request", metadata: metadata)
    }

    static func requestId(_ given: String?) -> String {
        if let given, !given.isEmpty, given.utf8.count <= 128, given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return given }
        return RequestIdSource.shared.next()
    }
}

/// Request ids made here: this process's random prefix and a counter, unique across
/// instances and cheap (a UUID per request costs a random-number system call).
final class RequestIdSource: @unchecked Sendable {
    static let shared = RequestIdSource()
    private let prefix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
    private let lock = NSLock()
    private var counter: UInt64 = 0

    func next() -> String {
        let n = lock.withLock {
            counter &+= 1
            return counter
        }
        return prefix + "-" + String(n, radix: 16)
    }
}

/// What inner middleware learn about a request for its log line (the tenant, once
/// authenticated); shared by reference because each middleware gets its own context copy.
final class AccessRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var tenant: String?

    var tenantId: String? {
        get { lock.withLock { tenant } }
        set { lock.withLock { tenant = newValue } }
    }
}

/// An error answered with extra headers (the request id, CORS), so a caller reads an error
/// answer like a success.
struct ErrorWithHeaders: HTTPResponseError {
    let underlying: any Error
    let headers: HTTPFields

    var status: HTTPResponse.Status { (underlying as? any HTTPResponseError)?.status ?? .internalServerError }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        guard let error = underlying as? any HTTPResponseError else { throw underlying }
        var response = try error.response(from: request, context: context)
        for field in headers where response.headers[field.name] == nil { response.headers.append(field) }
        return response
    }
}
