import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The two calls Relais makes to the Transparency Database (dsa-notes §1.1). Tests may
/// substitute their own; production uses URLSession.
public protocol TransparencyClient: Sendable {
    /// `POST /api/v1/statements` with `{"statements": […]}`.
    func postStatements(_ body: Data) async -> TransparencyResponse
    /// `GET /api/v1/statement/existing-puid/{puid}`: 302 when the platform has it, 404 when not.
    func existingPuid(_ puid: String) async -> TransparencyResponse
}

/// Foundation's URLSession, as for webhooks: ephemeral, a hard timeout, and redirects not
/// followed (the existing-puid check answers 302 as its "found", and the token must never be
/// carried elsewhere).
public final class URLSessionTransparencyClient: TransparencyClient {
    private let session: URLSession
    private let endpoint: String
    private let token: TransparencyToken
    private let timeout: TimeInterval

    public init(endpoint: String, token: TransparencyToken, timeout: TimeInterval = 30) {
        self.endpoint = endpoint
        self.token = token
        self.timeout = timeout
        session = URLSessionWebhookTransport.session(timeout: timeout, userAgent: "Relais-DSA/1")
    }

    deinit { session.finishTasksAndInvalidate() }

    public func postStatements(_ body: Data) async -> TransparencyResponse {
        await call("POST", "/api/v1/statements", body: body)
    }

    public func existingPuid(_ puid: String) async -> TransparencyResponse {
        // A puid is ASCII letters, digits, '-' and '_' (the Database's rule), so it needs no escaping.
        await call("GET", "/api/v1/statement/existing-puid/\(puid)", body: nil)
    }

    private func call(_ method: String, _ path: String, body: Data?) async -> TransparencyResponse {
        guard let url = URL(string: endpoint + path) else { return .failed("invalid URL") }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP response") }
            return .answered(status: http.statusCode, body: data)
        } catch let error as URLError {
            return .failed(URLSessionWebhookTransport.kind(error))
        } catch is CancellationError {
            return .failed("cancelled")
        } catch {
            return .failed("error \(type(of: error))")
        }
    }
}
