import Foundation
import Hummingbird
import RelaisCore

/// The period of a figures route (`?from=…&to=…`, RFC 3339 instants): by default the last 365
/// days, up to and including now, since `to` is exclusive. Every bad field in one answer.
enum ReportingPeriod {
    static func parse(_ request: Request, now: Date) throws -> (from: Date, to: Date) {
        var errors: [FieldError] = []
        func instant(_ name: String, _ fallback: Date) -> Date {
            guard let text = request.uri.queryParameters[Substring(name)].map(String.init) else { return fallback }
            guard let date = Timestamp.parse(text) else {
                errors.append(FieldError(name, "must be an RFC 3339 time such as 2026-01-01T00:00:00Z"))
                return fallback
            }
            return date
        }
        let from = instant("from", now.addingTimeInterval(-365 * 86400)), to = instant("to", now.addingTimeInterval(1))
        if errors.isEmpty, from >= to { errors.append(FieldError("from", "must be before to")) }
        guard errors.isEmpty else { throw Problem.validation(ValidationFailure(errors)) }
        return (from, to)
    }
}
