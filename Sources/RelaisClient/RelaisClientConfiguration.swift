import Foundation

/// Where the client finds Relais and keeps its files.
public struct RelaisClientConfiguration: Sendable {
    /// The server's base URL, such as `https://relais.example.org` (the paths `/v1/…` are
    /// added to it).
    public var server: URL
    /// The tenant's API key (`relais tenants create NAME` prints one). Sent only as
    /// `Authorization: Bearer`, to `server`.
    public var apiKey: String
    /// A folder of the app's own: the cached directory and the queue of unsent reports are
    /// files in it. Created when missing.
    public var storage: URL
    /// When calls are retried (`RetryPolicy.default`).
    public var retry: RetryPolicy
    /// Seconds to wait for each answer.
    public var timeout: TimeInterval
    /// Seconds after which the cached directory is fetched again (with its ETag, so an
    /// unchanged directory costs a `304`). The server's `Cache-Control: max-age` wins when sent.
    public var directoryMaxAge: TimeInterval
    /// The device clock: the offline card is decided at this instant. Tests pin it.
    public var now: @Sendable () -> Date

    /// Only `server` and `apiKey` are required.
    public init(
        server: URL, apiKey: String, storage: URL = RelaisClientConfiguration.defaultStorage, retry: RetryPolicy = .default,
        timeout: TimeInterval = 10, directoryMaxAge: TimeInterval = 3600, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.server = server
        self.apiKey = apiKey
        self.storage = storage
        self.retry = retry
        self.timeout = timeout
        self.directoryMaxAge = directoryMaxAge
        self.now = now
    }

    /// `Application Support/Relais` of the app (on Linux, `~/.local/share/Relais`).
    public static var defaultStorage: URL {
        let base = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask).first
            ?? FileManager.default.temporaryDirectory
        return base.appendingPathComponent("Relais", isDirectory: true)
    }
}
