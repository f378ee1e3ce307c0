import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// An RFC 9457 problem: every error Relais answers is one, as `application/problem+json`,
/// with the field errors listed so a client can show them next to the fields.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String?
    public var errors: [FieldError]
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, title: String, detail: String? = nil, errors: [FieldError] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// A stable type URI per status, documented in `openapi.yaml`.
    var type: String {
        switch status.code {
        case 400: "urn:relais:problem:bad-request"
        case 401: "urn:relais:problem:unauthorized"
        case 403: "urn:relais:problem:forbidden"
        case 404: "urn:relais:problem:not-found"
        case 405: "urn:relais:problem:method-not-allowed"
        case 409: "urn:relais:problem:conflict"
        case 413: "urn:relais:problem:too-large"
        case 415: "urn:relais:problem:unsupported-media-type"
        case 422: "urn:relais:problem:validation"
        case 503: "urn:relais:problem:unavailable"
        default: "about:blank"
        }
    }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var errors: [FieldError]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: type, title: title, status: Int(status.code), detail: detail, errors: errors.isEmpty ? nil : errors)
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.encoder.encode(body))))
    }

    static func validation(_ failure: ValidationFailure) -> Problem {
        let fields = failure.errors.map(\.field).joined(separator: ", ")
        return Problem(.unprocessableContent, title: "The request has invalid fields", detail: "Fix these fields: \(fields).", errors: failure.errors)
    }

    /// The database refuses writes (a full disk, an I/O error); `/readyz` says so too.
    static let storageUnavailable = Problem(
        .serviceUnavailable, title: "Storage unavailable",
        detail: "Storage is unavailable: Relais cannot write to its database right now (out of space or an I/O error). Nothing was stored; retry later with the same Idempotency-Key.",
        headers: [.retryAfter: "30"])

    /// Too much work waiting already (the write queue or the in-flight bound is full):
    /// refused at once so the caller can back off instead of timing out in a queue.
    static let overloaded = Problem(
        .serviceUnavailable, title: "Server busy",
        detail: "Relais is at capacity and did not take this request. Retry in a second with the same Idempotency-Key.",
        headers: [.retryAfter: "1"])

    static let unauthorized = Problem(
        .unauthorized, title: "Missing or wrong API key",
        detail: "Send the tenant's API key as 'Authorization: Bearer <key>'. `relais tenants create NAME` prints a new one.",
        headers: [.wwwAuthenticate: "Bearer"])
}

/// Turns every error into a problem: Hummingbird's own (404 for unknown routes, 413 for large
/// bodies) and unexpected ones, which become a 500 without details (and are logged without
/// request content).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            throw Self.problem(for: error, request, context)
        }
    }

    /// The problem+json answer for any error; headers that an inner middleware attached to an
    /// error (CORS) stay on it.
    static func problem(for error: any Error, _ request: Request, _ context: Context) -> any Error {
        switch error {
        case let problem as Problem:
            return problem
        case let wrapped as ErrorWithHeaders:
            return ErrorWithHeaders(underlying: problem(for: wrapped.underlying, request, context), headers: wrapped.headers)
        case let error as any HTTPResponseError:
            let status = error.status
            switch status {
            case .notFound:
                return Problem(.notFound, title: "Not found", detail: "No resource at \(request.method) \(request.uri.path).")
            case .contentTooLarge:
                return Problem(.contentTooLarge, title: "Request body too large", detail: "The body must be at most \(RelaisLimits.maxBodyBytes) bytes.")
            case .methodNotAllowed:
                return Problem(.methodNotAllowed, title: "Method not allowed", detail: "\(request.method) is not allowed on \(request.uri.path).")
            default:
                return Problem(status, title: status.reasonPhrase)
            }
        case is CancellationError:
            return Problem(.serviceUnavailable, title: "Request cancelled")
        case StorageError.unavailable:
            // The database is down or overloaded (PostgreSQL gave no connection in time). The
            // request was not acknowledged; a retry with the same key is always safe.
            context.logger.warning("database unavailable", metadata: ["path": "\(request.uri.path)"])
            return Problem(
                .serviceUnavailable, title: "Database unavailable",
                detail: "Relais cannot reach its database right now. Retry in a few seconds with the same Idempotency-Key.",
                headers: [.retryAfter: "5"])
        case StorageError.unwritable:
            // A full disk: `WriteHealth` logged why once and counts each failure, so nothing per
            // request here. Not acknowledged, so the same request can be sent again later.
            return Problem.storageUnavailable
        case StorageError.overloaded:
            return Problem.overloaded
        default:
            // Only the error's type: its description could contain request content.
            context.logger.error("unexpected error", metadata: ["error.type": "\(type(of: error))", "path": "\(request.uri.path)"])
            return Problem(.internalServerError, title: "Internal error", detail: "The request was not stored. Retry with the same Idempotency-Key.")
        }
    }
}

public enum RelaisLimits {
    /// Largest accepted request body: a report with the maximum text and details fits.
    public static let maxBodyBytes = 64 * 1024
    /// Longest accepted Idempotency-Key.
    public static let maxIdempotencyKeyLength = 255
}
