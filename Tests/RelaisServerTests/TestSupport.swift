import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RelaisCore
import RelaisServer
import RelaisStore
import RelaisTestSupport

/// A real server on a loopback port over a fresh database on the backend under test (a
/// SQLite file, or a PostgreSQL schema with RELAIS_TEST_BACKEND=postgres), with two tenants.
struct LiveServer {
    let storage: any RelaisStorage
    let database: TestDatabase
    let acme: Tenant
    let acmeKey: String
    let other: Tenant
    let otherKey: String
    let env: RelaisEnvironment

    /// 2026-11-29 15:00 Paris: the 3018 is open.
    static let afternoon = Timestamp.parse("2026-11-29T15:00:00+01:00")!
    /// 2026-11-29 23:30 Paris: the 3018 is closed.
    static let lateEvening = Timestamp.parse("2026-11-29T23:30:00+01:00")!

    /// `clock` replaces the fixed `now` (a `TestClock` that the test advances).
    init(now: Date = LiveServer.afternoon, config: RelaisConfig = .empty, clock: RelaisClock? = nil) async throws {
        database = try await TestDatabase.make()
        storage = database.storage
        (acme, acmeKey) = try await storage.createTenant(name: "acme", now: now)
        (other, otherKey) = try await storage.createTenant(name: "other", now: now)
        env = RelaisEnvironment(storage: storage, directory: try HelplineDirectory.bundled(), config: config, clock: clock ?? .fixed(now))
    }

    func run<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        var logger = Logger(label: "relais-test")
        logger.logLevel = .warning
        let app = RelaisApplication.application(env, host: "127.0.0.1", port: 0, logger: logger)
        do {
            let value = try await app.test(.live, body)
            await database.remove()
            return value
        } catch {
            await database.remove()
            throw error
        }
    }
}

extension TestClientProtocol {
    func post(_ uri: String, key: String?, json: String, headers extra: HTTPFields = [:], contentType: String = "application/json") async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = contentType
        if let key { headers[.authorization] = "Bearer \(key)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func get(_ uri: String, key: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[.authorization] = "Bearer \(key)" }
        return try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    var text: String { String(buffer: body) }

    /// The `field` names of a problem's errors.
    var problemFields: [String] {
        (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }
}

/// A valid report body, with fields replaced by `patch` (JSON fragments by top-level key).
func reportJSON(
    category: String = "harassment", subject: String = "c-1", reporter: String = "u-1", country: String = "FR",
    locale: String = "fr-FR", age: String = "13-17", surface: String = "instagram", text: String = "t'es nul·le"
) -> String {
    let body: [String: Any] = [
        "surface": surface,
        "reporter": ["id": reporter, "country": country, "locale": locale, "ageBracket": age, "isTarget": true],
        "subject": ["kind": "comment", "id": subject, "authorId": "u-9", "text": text],
        "category": category,
        "goodFaith": true,
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
}
