import Foundation
import RelaisServer
import Testing

/// `tenants.NAME.dsa.transparencyDatabase` in the config file: the mode, the address, and where
/// the token is, never the token itself.
@Suite("Transparency Database settings")
struct TransparencySettingsTests {
    func decode(_ settings: String) throws -> TransparencyDatabaseSettings? {
        let json = #"{"tenants": {"acme": {"dsa": {"transparencyDatabase": "# + settings + "}}}}"
        return try JSONDecoder().decode(RelaisConfig.self, from: Data(json.utf8)).dsa["acme"]?.transparencyDatabase
    }

    @Test func productionDefaultsToTheCommissionsAddressAndTheTokenIsReadOnlyWhenAsked() throws {
        let settings = try #require(try decode(#"{"mode": "production", "tokenEnv": "TDB_TOKEN"}"#))
        #expect(settings.endpoint == "https://transparency.dsa.ec.europa.eu" && settings.token == .environment("TDB_TOKEN"))
        let token = try settings.token(environment: ["TDB_TOKEN": " 7|secret-value \n"])
        #expect("\(token)" == "<redacted>" && String(reflecting: token) == "<redacted>")
        #expect(throws: ConfigError.self) { try settings.token(environment: [:]) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-\(UUID().uuidString)")
        try Data("9|from-a-file\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try #require(try decode(#"{"mode": "sandbox", "endpoint": "https://sandbox.example/", "tokenFile": ""# + file.path + #""}"#))
        #expect(fromFile.endpoint == "https://sandbox.example")
        _ = try fromFile.token(environment: [:])
    }

    @Test(arguments: [
        (#"{"mode": "sandbox", "tokenEnv": "T"}"#, "set endpoint"),
        (#"{"mode": "production", "endpoint": "http://tdb.example", "tokenEnv": "T"}"#, "not an https:// address"),
        (#"{"mode": "production"}"#, "set tokenFile"),
        (#"{"mode": "production", "tokenEnv": "T", "tokenFile": "/f"}"#, "not both"),
        (#"{"mode": "live", "tokenEnv": "T"}"#, "live"),
    ])
    func badSettingsAreRefused(settings: String, message: String) throws {
        do {
            _ = try decode(settings)
            Issue.record("accepted \(settings)")
        } catch let error as DecodingError {
            #expect("\(error)".contains(message))
        }
    }

    @Test func offNeedsNoToken() throws {
        #expect(try decode(#"{"mode": "off"}"#)?.mode == .off)
        #expect(try decode(#"{"mode": "off", "endpoint": "http://127.0.0.1:9999"}"#)?.endpoint == "http://127.0.0.1:9999")
    }
}
