import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One POST to a receiver.
public struct WebhookRequest: Sendable {
    public var url: URL
    public var headers: [String: String]
    public var body: Data
}

/// What came back: a status code, or the kind of failure. Never the response body.
public enum WebhookResponse: Sendable, Equatable {
    case status(Int)
    /// "connection refused", "timeout", … short and free of data.
    case failed(String)

    public var isSuccess: Bool {
        if case .status(let code) = self { return (200..<300).contains(code) }
        return false
    }

    /// What `last_error` records.
    public var errorDescription: String {
        switch self {
        case .status(let code): "HTTP \(code)"
        case .failed(let kind): kind
        }
    }
}

/// Sends webhook requests. Tests may substitute their own; production uses URLSession.
public protocol WebhookTransport: Sendable {
    func send(_ request: WebhookRequest) async -> WebhookResponse
}

/// Foundation's URLSession: no extra HTTP client dependency. Ephemeral (no cookies, no
/// cache), a hard timeout per request, and redirects refused: a redirected POST would be
/// turned into a GET by many stacks and could point the signed body anywhere, so a 3xx
/// counts as a failure the tenant must fix.
public final class URLSessionWebhookTransport: WebhookTransport {
    private let session: URLSession
    private let timeout: TimeInterval

    public init(timeout: TimeInterval = 10) {
        self.timeout = timeout
        session = Self.session(timeout: timeout, userAgent: "Relais-Webhooks/1")
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Ephemeral (no cookies, no cache), a hard timeout per request, redirects not followed:
    /// the sessions Relais calls other services with (webhooks, the Transparency Database).
    static func session(timeout: TimeInterval, userAgent: String) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.httpAdditionalHeaders = ["User-Agent": userAgent]
        return URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
    }

    public func send(_ request: WebhookRequest) async -> WebhookResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = "POST"
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        do {
            let (_, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP response") }
            return .status(http.statusCode)
        } catch let error as URLError {
            return .failed(Self.kind(error))
        } catch is CancellationError {
            return .failed("cancelled")
        } catch {
            return .failed("error \(type(of: error))")
        }
    }

    /// A short, stable name for what went wrong, for `last_error` and the status listing.
    static func kind(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused"
        case .timedOut: "timeout"
        case .cannotFindHost, .dnsLookupFailed: "host not found"
        case .networkConnectionLost: "connection lost"
        case .notConnectedToInternet: "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
            "TLS failure"
        case .badServerResponse: "bad response"
        case .cancelled: "cancelled"
        default: "network error \(error.code.rawValue)"
        }
    }
}

/// Answers every redirect with "don't follow": the 3xx itself becomes the response.
final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
