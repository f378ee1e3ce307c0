import Foundation
import RelaisCore

/// Relais's receipt for a report (`201` of `POST /v1/reports`).
public struct FiledReport: Sendable, Equatable, Decodable {
    public var id: String
    public var receivedAt: String
    public var status: String
    public var caseId: String
    /// The card Relais decided; `nil` outside the tenant's rollout or for categories
    /// without one.
    public var support: SupportCard?
    /// The server had already filed this report under this idempotency key (a retry after a
    /// lost answer, or a queued report sent again): it was not filed twice.
    public var replayed: Bool = false

    enum CodingKeys: String, CodingKey { case id, receivedAt, status, caseId, support }
}
