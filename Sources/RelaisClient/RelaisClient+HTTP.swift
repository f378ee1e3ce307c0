import Foundation
import RelaisCore

extension RelaisClient {
    /// `POST /v1/reports` with the report's key, retried by the policy.
    func send(_ draft: ReportDraft, key: String) async throws -> FiledReport {
        let body = try JSONEncoder().encode(draft)
        let response = try await call("POST", "/v1/reports", headers: ["Idempotency-Key": key], body: body)
        var filed = try decode(FiledReport.self, from: response)
        filed.replayed = response.header("Idempotent-Replayed") == "true"
        return filed
    }

    /// One call with the retry policy: the same request (same key, same body) on every
    /// attempt. Returns a 2xx response (or a status in `accepting`); throws `RelaisError`.
    func call(
        _ method: String, _ path: String, query: [URLQueryItem] = [], headers: [String: String] = [:], body: Data? = nil,
        accepting: Set<Int> = []
    ) async throws -> RelaisHTTPResponse {
        let request = try makeRequest(method, path, query: query, headers: headers, body: body)
        let policy = configuration.retry
        let started = configuration.now()
        var attempt = 0
        while true {
            attempt += 1
            let canRetry = attempt < policy.maxAttempts
            let response: RelaisHTTPResponse
            do {
                response = try await transport.send(request)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let delay = policy.backoff(after: attempt)
                guard canRetry, within(policy, started: started, waiting: delay) else { throw RelaisError.transportFailure(error) }
                try await policy.sleep(delay)
                continue
            }
            if (200..<300).contains(response.status) || accepting.contains(response.status) { return response }
            let retryAfter = RetryPolicy.retryAfter(response.header("Retry-After"), now: configuration.now())
            if [429, 502, 503, 504].contains(response.status) {
                let delay = retryAfter ?? policy.backoff(after: attempt)
                if canRetry, within(policy, started: started, waiting: delay) {
                    try await policy.sleep(delay)
                    continue
                }
            }
            throw RelaisError.from(response, retryAfter: retryAfter)
        }
    }

    /// Whether a retry after `waiting` seconds still starts within the policy's budget.
    private func within(_ policy: RetryPolicy, started: Date, waiting: TimeInterval) -> Bool {
        configuration.now().timeIntervalSince(started) + waiting <= policy.budget
    }

    private func makeRequest(_ method: String, _ path: String, query: [URLQueryItem], headers: [String: String], body: Data?) throws
        -> RelaisHTTPRequest
    {
        var base = configuration.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard var components = URLComponents(string: base + path) else { throw RelaisError.badResponse("server URL \(base) is not a URL") }
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw RelaisError.badResponse("server URL \(base) is not a URL") }
        var all = headers
        all["Authorization"] = "Bearer " + configuration.apiKey
        all["Accept"] = "application/json"
        if body != nil { all["Content-Type"] = "application/json" }
        return RelaisHTTPRequest(method: method, url: url, headers: all, body: body, timeout: configuration.timeout)
    }

    func decode<T: Decodable>(_ type: T.Type, from response: RelaisHTTPResponse) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw RelaisError.badResponse("\(T.self) could not be read (\(response.status))")
        }
    }
}
