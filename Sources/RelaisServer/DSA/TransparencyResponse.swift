import Foundation

/// What the Transparency Database answered: the status and the body (its JSON, or the plain
/// text of a 429), or no answer at all. Bodies are read to learn the outcome and never logged:
/// a 201 echoes the statements.
public enum TransparencyResponse: Sendable, Equatable {
    case answered(status: Int, body: Data)
    /// "connection refused", "timeout", …
    case failed(String)
}
