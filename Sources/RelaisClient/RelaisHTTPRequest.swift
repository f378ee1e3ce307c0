import Foundation

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
