import Foundation
import RelaisCore

/// A filed report as Relais shows it later (`GET /v1/reports/{id}`): its status and case,
/// without the content, the details or the reporter's id.
public struct ReportStatus: Sendable, Equatable, Decodable {
    public var id: String
    public var receivedAt: String
    /// "received", then what moderation made of it.
    public var status: String
    public var caseId: String
    /// Reports about the same subject, this one included.
    public var caseReportCount: Int
    public var category: ReportCategory
    public var surface: String
    public var support: SupportCard?
}
