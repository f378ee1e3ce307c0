import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default transport: Foundation's `URLSession` (FoundationNetworking on Linux).
///
/// Its default session keeps no HTTP cache: the client keeps the directory and its ETag
/// itself, and a cache in between would answer `304` for it and hide what changed.
public struct URLSessionTransport: RelaisTransport, @unchecked Sendable {
    // `@unchecked`: URLSession is thread-safe, but FoundationNetworking does not mark it
    // Sendable on every toolchain.
    private let session: URLSession

    /// - Parameter session: the app's own session; by default an ephemeral one without cache.
    public init(session: URLSession? = nil) {
        self.session = session ?? Self.makeSession()
    }

    static func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }

    /// Sends the request; throws the `URLError` when no response arrived. Cancelling the task cancels the request.
    public func send(_ request: RelaisHTTPRequest) async throws -> RelaisHTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        // The completion-handler form exists on every platform's Foundation; the async one
        // does not on older ones. The callback stays inside this function.
        let box = URLSessionTaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<RelaisHTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let http = response as? HTTPURLResponse {
                        var headers: [String: String] = [:]
                        for (name, value) in http.allHeaderFields {
                            if let name = name as? String, let value = value as? String { headers[name] = value }
                        }
                        continuation.resume(returning: RelaisHTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }
}
