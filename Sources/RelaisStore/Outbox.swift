import Foundation
import RelaisCore

/// An event that must leave the process (a webhook), written in the same transaction as the
/// change that caused it: if the change is committed, so is the event, and a delivery
/// worker sends it at least once afterwards, with `id` as its idempotency key.
public struct OutboxEvent: Sendable, Equatable, Codable {
    /// Unique, stable across retries: receivers deduplicate on it.
    public var id: String
    public var tenantId: Tenant.ID
    /// "report.received", "case.decided", …
    public var type: String
    /// The JSON body to deliver. No content snapshots, no details: only what the platform
    /// needs to act (ids, categories, outcomes).
    public var payload: String
    public var createdAt: Date
    /// Sent to this trusted flagger's endpoint instead of the tenant's.
    public var flaggerId: String?

    public init(
        id: String? = nil, tenantId: Tenant.ID, type: String, payload: String, createdAt: Date, flaggerId: String? = nil
    ) {
        self.flaggerId = flaggerId
        self.id = id ?? TimeOrderedID.make(at: createdAt)
        self.tenantId = tenantId
        self.type = type
        self.payload = payload
        self.createdAt = createdAt
    }
}

/// Delivery state of an outbox event.
public enum OutboxStatus: String, Sendable, Codable {
    case pending, delivered, dead
}

/// `report.received`: a report was stored. Ids and category only.
enum ReportReceivedPayload {
    /// Built inside the write transaction, so without an encoder: ids are UUIDs, the surface
    /// is an identifier ([A-Za-z0-9_-]), the category an enum and the time ISO 8601, so
    /// nothing needs escaping.
    static func json(reportId: String, caseId: String, category: ReportCategory, surface: String, receivedAt: String) -> String {
        #"{"caseId":""# + caseId + #"","category":""# + category.rawValue + #"","event":"report.received","receivedAt":""#
            + receivedAt + #"","reportId":""# + reportId + #"","surface":""# + surface + #""}"#
    }
}
