import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisServer
import Testing

/// A tenant can name the sites that may show its report sheet in a frame; the sheet's CSP
/// then allows only those (clickjacking), and the config refuses anything that is not a
/// plain origin, since it ends up in a response header.
@Suite("Embed framing per tenant")
struct EmbedFramingTests {
    static func load(_ json: String) throws -> RelaisConfig {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relais-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(json.utf8).write(to: file)
        return try RelaisConfig.load(path: file.path)
    }

    @Test(arguments: [
        "javascript:alert(1)", "https://app.example/path", "https://app.example; script-src *", "*", "http://app.example",
        "https://localhost", "https://app.example:99999", "https://-bad.example", "app.example",
    ])
    func anythingButAnOriginIsRefused(_ origin: String) throws {
        let json = #"{"tenants": {"acme": {"embed": {"frameAncestors": ["https://ok.example", "\#(origin)"]}}}}"#
        #expect { try Self.load(json) } throws: { error in
            "\(error)".contains("frameAncestors") && "\(error)".contains("is not an origin")
        }
    }

    @Test func anEmptyListIsRefused() throws {
        #expect(throws: ConfigError.self) { try Self.load(#"{"tenants": {"acme": {"embed": {"frameAncestors": []}}}}"#) }
    }

    @Test func onlyTheNamedSitesMayFrameTheTenantsSheet() async throws {
        let config = try Self.load(#"""
            {"tenants": {"acme": {"embed": {"frameAncestors": ["https://app.example", "https://*.app.example", "http://localhost:3000"]},
                                  "rollout": {"percentage": 100}}}}
            """#)
        #expect(config.frameAncestors["acme"]?.count == 3)
        #expect(config.tenants["acme"]?.rollout.percentage == 100, "the help-card settings beside it still load")
        let server = try await LiveServer(config: config)
        try await server.run { client in
            let query = "subjectKind=comment&subjectId=c-1&country=FR&lang=en"
            for path in ["/embed/report", "/embed/help"] {
                let acme = try await client.get("\(path)?tenant=acme&\(query)", key: nil)
                #expect(acme.status == .ok)
                let policy = acme.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.hasSuffix("frame-ancestors https://app.example https://*.app.example http://localhost:3000"), "\(path)")
                let other = try await client.get("\(path)?tenant=other&\(query)", key: nil)
                #expect(other.headers[.contentSecurityPolicy]?.hasSuffix("frame-ancestors *") == true, "\(path)")
            }
        }
    }
}
