import Foundation
import Hummingbird

/// Reads a JSON request body: 415 for another content type, 413 above the limit, 400 for
/// bytes that are not JSON.
enum JSONBody {
    static func read(_ request: Request) async throws -> Any {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let mediaType = String(contentType.prefix { $0 != ";" && $0 != " " })
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
            throw Problem(
                .unsupportedMediaType, title: "Unsupported content type",
                detail: "Send the body as JSON with 'Content-Type: application/json'" + (mediaType.isEmpty ? "." : " (got '\(mediaType)')."))
        }
        var buffer = try await request.body.collect(upTo: RelaisLimits.maxBodyBytes)
        let bytes = buffer.readData(length: buffer.readableBytes) ?? Data()
        guard !bytes.isEmpty else {
            throw Problem(.badRequest, title: "Empty body", detail: "The request needs a JSON body.")
        }
        do {
            return try JSONSerialization.jsonObject(with: bytes, options: [])
        } catch {
            throw Problem(.badRequest, title: "The body is not valid JSON", detail: "Check the JSON syntax (quotes, commas, braces).")
        }
    }
}
