import Foundation
import HTTPTypes
import Hummingbird
import Mustache

extension String {
    /// Replaces `{key}` placeholders in the web texts.
    func substituting(_ values: [String: String]) -> String {
        var result = self
        for (key, value) in values { result = result.replacingOccurrences(of: "{\(key)}", with: value) }
        return result
    }
}

/// The web pages' templates and static files, read once at start from the bundle.
///
/// Templates escape every `{{value}}` (`<`, `>`, `&`, `"`, `'`), and no template uses the
/// unescaped `{{{…}}}` form: subject ids and details are attacker-controlled.
public struct WebAssets: Sendable {
    let library: MustacheLibrary
    let staticFiles: [String: StaticFile]
    /// What reporters, victims and appellants read, in each of their languages.
    let messages: MessageCatalogueSet
    /// What moderators read in the console, in English and French.
    let consoleMessages: MessageCatalogueSet

    struct StaticFile: Sendable {
        var bytes: ByteBuffer
        var contentType: String
    }

    /// Reads and checks every template, static file and message catalogue (a serve reads
    /// them while its database opens: `ServeCommand`).
    public static func bundled() throws -> WebAssets {
        guard let templates = Bundle.module.url(forResource: "templates", withExtension: nil),
            let statics = Bundle.module.url(forResource: "static", withExtension: nil)
        else { throw WebAssetError("the templates or static folder is missing from the RelaisServer bundle") }
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: templates.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            do { try library.register(text, named: String(file.dropLast(".mustache".count))) } catch {
                throw WebAssetError("template \(file) does not parse: \(error)")
            }
        }
        var files: [String: StaticFile] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: statics.path) {
            let data = try Data(contentsOf: statics.appendingPathComponent(file))
            let type: String =
                switch (file as NSString).pathExtension {
                case "css": "text/css; charset=utf-8"
                case "js": "text/javascript; charset=utf-8"
                case "png": "image/png"
                case "svg": "image/svg+xml"
                default: "application/octet-stream"
                }
            files[file] = StaticFile(bytes: ByteBuffer(bytes: data), contentType: type)
        }
        // A catalogue with a missing text or a wrong placeholder stops the start here.
        let messages = try MessageCatalogueSet.bundled("web", languages: WebLanguage.allCases.map(\.rawValue))
        let consoleMessages = try MessageCatalogueSet.bundled("console", languages: ConsoleLanguage.all.map(\.rawValue))
        return WebAssets(library: library, staticFiles: files, messages: messages, consoleMessages: consoleMessages)
    }

    /// Renders a page. `framing` says who may show it in a frame.
    func page(
        _ template: String, _ view: Any, status: HTTPResponse.Status = .ok, framing: Framing = .anyone
    ) throws -> Response {
        guard let html = library.render(view, withTemplate: template) else {
            throw WebAssetError("no template named \(template)")
        }
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            // No inline script or style anywhere: an injected tag would not run even if
            // escaping failed somewhere.
            .contentSecurityPolicy:
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                + "base-uri 'none'; frame-src 'self'; frame-ancestors \(framing.directive)",
            // Subject ids and reporter ids are in the URL: never send them to the sites linked.
            // ("same-origin", not "no-referrer": with no-referrer Chrome sends `Origin: null`
            // on the form POST, and the origin check would refuse the sheet its own form.)
            .referrerPolicy: "same-origin",
            .xContentTypeOptions: "nosniff",
            // Pages carry a form token and an idempotency key: never reuse them from a cache.
            .cacheControl: "no-store",
        ]
        headers[.vary] = "Accept-Language, User-Agent"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The embed pages are meant to be framed by the platforms' sites; the demo is not.
    enum Framing {
        case anyone
        case sameOrigin
        /// Only these origins (a tenant's `embed.frameAncestors`, checked when loaded).
        case origins([String])

        var directive: String {
            switch self {
            case .anyone: "*"
            case .sameOrigin: "'self'"
            case .origins(let origins): origins.joined(separator: " ")
            }
        }
    }

    func staticFile(_ name: String) -> Response? {
        guard let file = staticFiles[name] else { return nil }
        return Response(
            status: .ok,
            headers: [.contentType: file.contentType, .cacheControl: "public, max-age=300", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: file.bytes))
    }
}

struct WebAssetError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
}

/// Phones get the large call button; the User-Agent is the only hint a server-rendered page
/// has before any script runs.
enum DeviceKind {
    static func isPhone(_ request: Request) -> Bool {
        guard let agent = request.headers[.userAgent] else { return false }
        return agent.contains("Mobi") || agent.contains("Android") || agent.contains("iPhone")
    }
}
