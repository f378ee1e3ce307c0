import Foundation
import RelaisClient

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A transport in front of the real one that misbehaves on purpose, by a script of faults
/// applied to the matching requests in order.
final class FaultyTransport: RelaisTransport, @unchecked Sendable {
    enum Fault {
        /// The request reaches the server, but the answer is lost (the connection drops).
        case dropAnswer
        /// The request never leaves: no network.
        case noNetwork
        /// An answer made up here, without reaching the server.
        case answer(status: Int, retryAfter: String?)
    }

    private let inner = URLSessionTransport()
    private let lock = NSLock()
    private var faults: [Fault]
    private let applies: @Sendable (RelaisHTTPRequest) -> Bool
    private(set) var sent: [RelaisHTTPRequest] = []

    init(_ faults: [Fault], when applies: @escaping @Sendable (RelaisHTTPRequest) -> Bool = { $0.method == "POST" }) {
        self.faults = faults
        self.applies = applies
    }

    var requests: [RelaisHTTPRequest] { lock.withLock { sent } }

    func send(_ request: RelaisHTTPRequest) async throws -> RelaisHTTPResponse {
        let fault: Fault? = lock.withLock {
            sent.append(request)
            guard applies(request), !faults.isEmpty else { return nil }
            return faults.removeFirst()
        }
        switch fault {
        case nil: return try await inner.send(request)
        case .dropAnswer?:
            _ = try await inner.send(request)
            throw URLError(.networkConnectionLost)
        case .noNetwork?: throw URLError(.notConnectedToInternet)
        case .answer(let status, let retryAfter)?:
            return RelaisHTTPResponse(
                status: status, headers: retryAfter.map { ["Retry-After": $0] } ?? [:],
                body: Data(#"{"type":"about:blank","title":"made up by the test","status":\#(status)}"#.utf8))
        }
    }
}
