import Foundation
import Testing

@testable import RelaisCore

/// Shared helpers for the RelaisCore tests.
enum Fixture {
    /// An instant from an ISO 8601 text with an explicit offset ("2026-11-29T15:00:00+01:00").
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
        return date
    }

    static let paris = TimeZone(identifier: "Europe/Paris")!

    /// The directory shipped with Relais, loaded once.
    static let bundled: HelplineDirectory = {
        do { return try HelplineDirectory.bundled() } catch { fatalError("bundled directory does not load: \(error)") }
    }()

    /// Decodes a JSON text with JSONSerialization, the way the server reads request bodies.
    static func json(_ text: String) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch { fatalError("bad test JSON: \(error)\n\(text)") }
    }

    /// Decodes a value from a JSON text with JSONDecoder.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A weekly schedule decoded from JSON, as the directory writes it.
    static func hours(_ text: String) -> OpeningHours {
        do { return try decode(OpeningHours.self, text) } catch { fatalError("bad test hours: \(error)\n\(text)") }
    }
}

extension Result where Failure == ValidationFailure {
    /// The field errors, empty on success.
    var fieldErrors: [FieldError] {
        if case .failure(let failure) = self { return failure.errors }
        return []
    }

    /// The dotted paths of the field errors.
    var errorFields: [String] { fieldErrors.map(\.field) }

    var value: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
