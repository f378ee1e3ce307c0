import Foundation
import RelaisCore

/// What went wrong with a call, typed so an app can react to each case.
public enum RelaisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `422` or `400`: the request has fields at fault, each with Relais's message, as the
    /// server listed them ("reporter.country: 'XX' is not an ISO 3166-1 alpha-2 country code").
    case invalid([FieldError])
    /// `401` or `403`: the API key is missing, wrong or revoked.
    case unauthorized
    /// `404`: no such report for this tenant.
    case notFound
    /// `429` after every retry the policy allows; `retryAfter` is the server's `Retry-After`
    /// in seconds, when it sent one.
    case rateLimited(retryAfter: TimeInterval?)
    /// `5xx` after every retry the policy allows: Relais (or its database) is down.
    case unavailable(status: Int, retryAfter: TimeInterval?)
    /// No answer at all after every retry: no network, the connection dropped, a timeout.
    /// `reason` names the error's type and code, never the request's content.
    case unreachable(reason: String)
    /// Any other status (a `409`, a `413`), with the problem's title.
    case unexpected(status: Int, title: String?)
    /// A `2xx` whose body the client could not read: a server of another version, or not
    /// Relais at all.
    case badResponse(String)

    /// For logs: the case and the server's messages for the fields at fault; never a body, a URL or a reporter id.
    public var description: String {
        switch self {
        case .invalid(let errors): "invalid request: " + errors.map(\.description).joined(separator: "; ")
        case .unauthorized: "missing or wrong API key"
        case .notFound: "not found"
        case .rateLimited(let after): "rate limited" + (after.map { ", retry after \(Int($0)) s" } ?? "")
        case .unavailable(let status, _): "Relais unavailable (\(status))"
        case .unreachable(let reason): "Relais unreachable (\(reason))"
        case .unexpected(let status, let title): "unexpected answer \(status)" + (title.map { ": \($0)" } ?? "")
        case .badResponse(let what): "unreadable answer: \(what)"
        }
    }

    /// Whether the report should stay in the queue and be sent again later: the server was
    /// not reached or could not take it, as opposed to refusing it for what it is.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .unavailable, .unreachable: true
        case .invalid, .unauthorized, .notFound, .unexpected, .badResponse: false
        }
    }

    /// An RFC 9457 problem body, as Relais answers every error.
    struct Problem: Decodable {
        var title: String?
        var errors: [FieldError]?
    }

    /// The error for a non-2xx response.
    static func from(_ response: RelaisHTTPResponse, retryAfter: TimeInterval?) -> RelaisError {
        let problem = try? JSONDecoder().decode(Problem.self, from: response.body)
        switch response.status {
        case 400, 422: return .invalid(problem?.errors ?? [FieldError("body", problem?.title ?? "was refused")])
        case 401, 403: return .unauthorized
        case 404: return .notFound
        case 429: return .rateLimited(retryAfter: retryAfter)
        case 500...599: return .unavailable(status: response.status, retryAfter: retryAfter)
        default: return .unexpected(status: response.status, title: problem?.title)
        }
    }

    /// A transport failure, named by type and code only: descriptions may quote URLs.
    static func transportFailure(_ error: any Error) -> RelaisError {
        let ns = error as NSError
        return .unreachable(reason: "\(ns.domain) \(ns.code)")
    }
}
