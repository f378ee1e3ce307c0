import Foundation

/// One HTTP response.
public struct RelaisHTTPResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    /// The body, empty for a `304` or a `204`.
    public var body: Data

    /// A response, as a transport returns it; header names are lower-cased here.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The value of a header, by any spelling of its name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
