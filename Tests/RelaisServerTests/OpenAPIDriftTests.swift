import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisServer
import Testing

/// The OpenAPI document is the contract platforms code against: its paths and the
/// server's routes must be the same set, and every route must really answer.
@Suite("OpenAPI document and routes")
struct OpenAPIDriftTests {
    /// "METHOD /path" for every operation in the document. The document's layout is ours:
    /// paths at two spaces of indentation, methods at four.
    static func documentedRoutes() throws -> Set<String> {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RelaisServer/Resources/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(String(key)) { routes.insert("\(key.uppercased()) \(path)") }
            }
        }
        return routes
    }

    @Test func documentAndRouteTableAgree() throws {
        let documented = try Self.documentedRoutes()
        #expect(documented.count >= 7)
        #expect(documented == Set(RelaisApplication.routes))
    }

    @Test func everyListedRouteIsServed() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            for route in RelaisApplication.routes {
                let parts = route.split(separator: " ")
                let method = HTTPRequest.Method(String(parts[0]))!
                let path = String(parts[1]).replacingOccurrences(of: "{id}", with: "probe")
                let response = try await client.execute(
                    uri: path, method: method, headers: [.authorization: "Bearer \(server.acmeKey)", .contentType: "application/json"],
                    body: method == .post ? .init(string: "{}") : nil)
                // A route that does not exist answers the router's "No resource at …" 404.
                #expect(!response.text.contains("No resource at"), "\(route) is not served")
                #expect(response.status != .methodNotAllowed, "\(route)")
            }
        }
    }

    @Test func theDocumentIsServed() async throws {
        let server = try await LiveServer()
        try await server.run { client in
            let response = try await client.get("/openapi.yaml", key: nil)
            #expect(response.status == .ok)
            #expect(response.text.hasPrefix("openapi: 3.1"))
        }
    }
}
