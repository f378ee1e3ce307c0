import Foundation

/// How the client speaks HTTP. `URLSessionTransport` is the default; an app passes its own
/// (a session with its proxy or certificate pinning) and tests pass one that drops
/// connections on purpose.
///
/// A transport sends one request and returns the response, whatever its status; it throws
/// only when no response arrived (the network failed, the connection dropped, it timed
/// out). Retries, errors and idempotency are the client's job, not the transport's.
public protocol RelaisTransport: Sendable {
    /// Sends `request` once and returns the response, whatever its status; throws only when
    /// no response arrived.
    func send(_ request: RelaisHTTPRequest) async throws -> RelaisHTTPResponse
}
