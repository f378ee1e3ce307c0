import Foundation
import RelaisCore

/// Relais's receipt for a report (`201` of `POST /v1/reports`).
public struct FiledReport: Sendable, Equatable, Decodable {
    /// The report's id, for `report(id:)` and the support events.
    public var id: String
    /// When Relais stored it, ISO 8601.
    public var receivedAt: String
    /// "received".
    public var status: String
    /// The case: reports about the same subject share one.
    public var caseId: String
    /// The card Relais decided; `nil` outside the tenant's rollout or for categories
    /// without one.
    public var support: SupportCard?
    /// The server had already filed this report under this idempotency key (a retry after a
    /// lost answer, or a queued report sent again): it was not filed twice.
    public var replayed: Bool = false

    enum CodingKeys: String, CodingKey { case id, receivedAt, status, caseId, support }
}
