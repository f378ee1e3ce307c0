import Foundation
import RelaisCore

/// A filed report as Relais shows it later (`GET /v1/reports/{id}`): its status and case,
/// without the content, the details or the reporter's id.
public struct ReportStatus: Sendable, Equatable, Decodable {
    /// The report's id.
    public var id: String
    /// When Relais stored it, ISO 8601.
    public var receivedAt: String
    /// "received", then what moderation made of it.
    public var status: String
    /// The case it belongs to.
    public var caseId: String
    /// Reports about the same subject, this one included.
    public var caseReportCount: Int
    /// As reported.
    public var category: ReportCategory
    /// As reported.
    public var surface: String
    /// The card Relais decided when the report was filed.
    public var support: SupportCard?
}
