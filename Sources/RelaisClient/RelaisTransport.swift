import Foundation

/// How the client speaks HTTP. `URLSessionTransport` is the default; an app passes its own
/// (a session with its proxy or certificate pinning) and tests pass one that drops
/// connections on purpose.
///
/// A transport sends one request and returns the response, whatever its status; it throws
/// only when no response arrived (the network failed, the connection dropped, it timed
/// out). Retries, errors and idempotency are the client's job, not the transport's.
public protocol RelaisTransport: Sendable {
    func send(_ request: RelaisHTTPRequest) async throws -> RelaisHTTPResponse
}

/// One HTTP request, as plain values so any HTTP stack can send it.
public struct RelaisHTTPRequest: Sendable, Equatable {
    /// "GET" or "POST".
    public var method: String
    /// The full URL, query included.
    public var url: URL
    /// Header names as Relais documents them ("Idempotency-Key"); HTTP compares them
    /// case-insensitively.
    public var headers: [String: String]
    /// JSON, for a POST.
    public var body: Data?
    /// Seconds to wait for the answer before giving up on this attempt.
    public var timeout: TimeInterval

    /// A request; the client builds these.
    public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 10) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// One HTTP response.
public struct RelaisHTTPResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    /// The body, empty for a `304` or a `204`.
    public var body: Data

    /// A response, as a transport returns it; header names are lower-cased here.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The value of a header, by any spelling of its name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
