import Foundation
import Hummingbird

/// Fields of an `application/x-www-form-urlencoded` query or body, parsed by hand so that the
/// query string and the POST body follow exactly the same rules ('+' is a space, percent
/// escapes are decoded, the first value of a repeated name wins).
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]
    /// Every name and value decoded to the text that was sent: false when one was not UTF-8
    /// or had a broken percent escape (it is then skipped or read as empty).
    private(set) var isExact = true

    init(_ values: [String: String] = [:]) { self.values = values }

    init(urlEncoded text: Substring) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if name == nil || value == nil { isExact = false }
            guard let name, !name.isEmpty else { continue }
            if values[name] == nil { values[name] = value ?? "" }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The value with surrounding white space removed, `nil` when empty.
    func nonEmpty(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func query(of request: Request) -> FormFields {
        FormFields(urlEncoded: Substring(request.uri.query ?? ""))
    }

    /// Reads a form body; 415 for another content type, 413 above the limit, and 400 for a
    /// body that is not exactly text (bytes that are not UTF-8, a broken percent escape):
    /// what a form files is what was sent, never text with a part replaced or dropped.
    static func body(of request: Request) async throws -> FormFields {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType)
        }
        var buffer = try await request.body.collect(upTo: RelaisLimits.maxBodyBytes)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let text = String(validating: bytes, as: UTF8.self) else { throw notText }
        let fields = FormFields(urlEncoded: Substring(text))
        guard fields.isExact else { throw notText }
        return fields
    }

    static let notText = HTTPError(.badRequest, message: "The form is not valid UTF-8 text (or has a broken percent escape).")
}

/// Builds query strings for links the pages render (language switch, back, help).
enum QueryString {
    static func make(_ pairs: [(String, String?)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.compactMap { name, value in
            guard let value else { return nil }
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            return name + "=" + encoded
        }.joined(separator: "&")
    }
}
