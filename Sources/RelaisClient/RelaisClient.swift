import Foundation
import RelaisCore

/// The library an app links to file reports with Relais and show the help card, online or
/// not.
///
/// ```swift
/// let relais = RelaisClient(configuration: .init(server: url, apiKey: key))
/// let outcome = try await relais.fileReport(draft)
/// if let help = outcome.help { show(HelpWindow(help, device: .phone, surface: "ios", country: draft.reporter.country)) }
/// ```
///
/// Every call is `async` and safe to use from any task. When Relais cannot be reached (or
/// answers `5xx`), `fileReport` and `support(for:)` still return a card: decided on the
/// device by the same `SupportPolicy.decide` as the server, from the tenant's directory
/// cached on disk (or the one shipped with the library), marked `decidedOffline`.
public final class RelaisClient: Sendable {
    /// Where Relais is, the key, the storage folder, the retry policy, the clock.
    public let configuration: RelaisClientConfiguration
    let transport: any RelaisTransport
    let cache: DirectoryCache
    let queue: ReportQueue

    /// One client per app (or per tenant): it holds the cached directory and the queue in memory.
    /// - Parameter transport: how requests are sent; an ephemeral `URLSession` by default.
    public init(configuration: RelaisClientConfiguration, transport: any RelaisTransport = URLSessionTransport()) {
        self.configuration = configuration
        self.transport = transport
        cache = DirectoryCache(folder: configuration.storage)
        queue = ReportQueue(folder: configuration.storage)
    }

    // MARK: - Reports

    /// Files a report and returns the help card to show.
    ///
    /// The report gets a new idempotency key, kept on every retry: a retry after a dropped
    /// connection returns the first receipt instead of filing again. It is written to the
    /// on-device queue before the first attempt and removed once Relais has it, so when
    /// Relais cannot be reached the report waits there (`deliverQueued()` sends it later with
    /// the same key) and the card is decided on the device.
    ///
    /// - Throws: `RelaisError.invalid` with the server's field errors (the report is not
    ///   kept: sending it again would fail the same way), `.unauthorized`, `.unexpected`.
    ///   Transient failures never throw; they queue.
    public func fileReport(_ draft: ReportDraft) async throws -> ReportOutcome {
        let key = UUID().uuidString.lowercased()
        // A queue that cannot be written (a full disk) must not keep the report from being
        // sent, nor the person from help: the report is then sent without it.
        let kept: Bool
        do {
            try await queue.add(QueuedReport(idempotencyKey: key, draft: draft, queuedAt: configuration.now()))
            kept = true
        } catch {
            kept = false
        }
        do {
            let filed = try await send(draft, key: key)
            if kept { try? await queue.finish(key, remove: true) }
            return ReportOutcome(
                delivery: .filed(filed), help: filed.support.map { HelpCard(card: $0, origin: .server, decidedAt: configuration.now()) })
        } catch let error as RelaisError where error.isTransient {
            if kept { try? await queue.finish(key, remove: false) }
            return ReportOutcome(
                delivery: kept ? .queued(idempotencyKey: key, reason: error) : .notSent(reason: error), help: try await offlineHelp(for: draft))
        } catch let error as RelaisError {
            if kept { try? await queue.finish(key, remove: true) }
            throw error
        } catch {
            // Cancelled (the app went away mid-call): the report stays queued.
            if kept { try? await queue.finish(key, remove: false) }
            throw error
        }
    }

    /// One queued report's fate in `deliverQueued()`.
    public struct Delivery: Sendable, Equatable {
        /// The report's key, the same as on its first attempt.
        public var idempotencyKey: String
        /// What became of it.
        public var result: Result
        /// Filed, dropped, or kept for later.
        public enum Result: Sendable, Equatable {
            /// Filed now, or found already filed under its key (`replayed`).
            case filed(FiledReport)
            /// Refused for what it is (`invalid`, `unauthorized`): removed from the queue.
            case dropped(RelaisError)
            /// Still not reachable: kept for the next pass.
            case kept(RelaisError)
        }
    }

    /// Sends the reports waiting in the queue, oldest first, each with the key it was first
    /// sent with. Call it when the app starts and when the network comes back; the first
    /// report that cannot be delivered for a transient reason ends the pass (the rest would
    /// fail the same way). Safe to call while `fileReport` runs: a report is sent by one of
    /// them at a time, and Relais files a key once in any case.
    public func deliverQueued() async throws -> [Delivery] {
        var deliveries: [Delivery] = []
        var pending = try await queue.claimAll()[...]
        while let report = pending.popFirst() {
            do {
                let filed = try await send(report.draft, key: report.idempotencyKey)
                try await queue.finish(report.idempotencyKey, remove: true)
                deliveries.append(Delivery(idempotencyKey: report.idempotencyKey, result: .filed(filed)))
            } catch let error as RelaisError where error.isTransient {
                try await queue.finish(report.idempotencyKey, remove: false)
                deliveries.append(Delivery(idempotencyKey: report.idempotencyKey, result: .kept(error)))
                break
            } catch let error as RelaisError {
                try await queue.finish(report.idempotencyKey, remove: true)
                deliveries.append(Delivery(idempotencyKey: report.idempotencyKey, result: .dropped(error)))
            } catch {
                // Cancelled: this report and the rest stay queued, free for the next pass.
                await queue.release([report.idempotencyKey] + pending.map(\.idempotencyKey))
                throw error
            }
        }
        await queue.release(pending.map(\.idempotencyKey))
        return deliveries
    }

    /// The two calls an app makes at start and when the network comes back: the directory
    /// refreshed when stale (`refreshDirectory()`), then the queued reports sent
    /// (`deliverQueued()`). Neither failure stops the other.
    public func synchronize() async -> (directory: Swift.Result<DirectoryRefresh, any Error>, deliveries: Swift.Result<[Delivery], any Error>) {
        let directory: Swift.Result<DirectoryRefresh, any Error>
        do { directory = .success(try await refreshDirectory()) } catch { directory = .failure(error) }
        let deliveries: Swift.Result<[Delivery], any Error>
        do { deliveries = .success(try await deliverQueued()) } catch { deliveries = .failure(error) }
        return (directory, deliveries)
    }

    /// The reports waiting on the device, oldest first.
    public func queuedReports() async throws -> [QueuedReport] { try await queue.all() }

    /// A filed report's status (`GET /v1/reports/{id}`).
    public func report(id: String) async throws -> ReportStatus {
        let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
        let response = try await call("GET", "/v1/reports/" + escaped)
        return try decode(ReportStatus.self, from: response)
    }

    // MARK: - Help

    /// The card for "get help" without a report (`GET /v1/support`), or decided on the
    /// device when Relais cannot be reached; `nil` when no card applies.
    public func support(for query: HelpQuery) async throws -> HelpCard? {
        do {
            let response = try await call("GET", "/v1/support", query: query.queryItems)
            struct Body: Decodable { var support: SupportCard? }
            return try decode(Body.self, from: response).support.map { HelpCard(card: $0, origin: .server, decidedAt: configuration.now()) }
        } catch let error as RelaisError where error.isTransient {
            return try await offlineHelp(query.supportRequest(tenant: ""))
        }
    }

    /// The card for a report, decided on the device from the cached (or bundled) directory
    /// at the device's clock, as `fileReport` does when Relais cannot be reached.
    public func offlineHelp(for draft: ReportDraft) async throws -> HelpCard? {
        try await offlineHelp(draft.supportRequest(tenant: ""))
    }

    func offlineHelp(_ request: SupportRequest) async throws -> HelpCard? {
        let directory = try await cache.current()
        let now = configuration.now()
        return directory.decide(request, now: now).map { HelpCard(card: $0, origin: .device(directory: directory.source), decidedAt: now) }
    }

    /// One country's lines as a card shows them now (`GET /v1/helplines`).
    public func helplines(country: CountryCode, locale: String? = nil) async throws -> HelplineList {
        var items = [URLQueryItem(name: "country", value: country.rawValue)]
        if let locale { items.append(URLQueryItem(name: "locale", value: locale)) }
        return try decode(HelplineList.self, from: try await call("GET", "/v1/helplines", query: items))
    }

    /// Counts what the person did with the card (`POST /v1/support/events`): no personal data,
    /// never stored one by one. Best effort: an app may ignore a failure.
    public func record(_ event: SupportEventDraft) async throws {
        var body: [String: String] = [
            "helplineId": event.helplineId, "event": event.event.rawValue, "surface": event.surface, "country": event.country.rawValue,
        ]
        if let reportId = event.reportId { body["reportId"] = reportId }
        _ = try await call("POST", "/v1/support/events", body: try JSONEncoder().encode(body))
    }

    // MARK: - Directory

    /// What `refreshDirectory` found.
    public enum DirectoryRefresh: Sendable, Equatable {
        /// A new copy was stored (`200`); its version.
        case updated(version: String)
        /// The cached copy is current (`304`).
        case notModified
        /// The cached copy is younger than its max age: nothing was asked.
        case fresh
    }

    /// Fetches the tenant's directory (`GET /v1/directory`) when the cached copy is stale
    /// (or always, with `force`), sending its ETag so that an unchanged directory costs a
    /// `304`. Call it at start and now and then; offline cards read the result.
    @discardableResult
    public func refreshDirectory(force: Bool = false) async throws -> DirectoryRefresh {
        let now = configuration.now()
        let (etag, stale) = await cache.validator(now: now, defaultMaxAge: configuration.directoryMaxAge)
        guard force || stale else { return .fresh }
        var headers: [String: String] = [:]
        if let etag { headers["If-None-Match"] = etag }
        let response = try await call("GET", "/v1/directory", headers: headers, accepting: [304])
        let maxAge = Self.maxAge(response.header("Cache-Control"))
        if response.status == 304 {
            try await cache.confirm(now: now, maxAge: maxAge)
            return .notModified
        }
        do {
            let stored = try await cache.store(response.body, etag: response.header("ETag"), maxAge: maxAge, now: now)
            return .updated(version: stored.version)
        } catch is DecodingError {
            throw RelaisError.badResponse("the directory is not in format \(HelplineDirectory.format)")
        }
    }

    /// The copy offline cards are decided from: the cached one, or the bundled one.
    public func offlineDirectory() async throws -> OfflineDirectory { try await cache.current() }

    static func maxAge(_ cacheControl: String?) -> TimeInterval? {
        guard let cacheControl else { return nil }
        for part in cacheControl.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.hasPrefix("max-age="), let seconds = TimeInterval(item.dropFirst(8)) { return seconds }
        }
        return nil
    }
}
