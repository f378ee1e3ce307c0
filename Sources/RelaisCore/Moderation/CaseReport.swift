import Foundation

/// One report in a case, with only what moderation needs.
public struct CaseReport: Sendable, Codable, Equatable {
    /// The platform's opaque id for the reporter. Personal data: never put in a statement.
    public var reporterId: String
    public var category: ReportCategory
    public var ageBracket: AgeBracket
    /// The reporter is the person targeted.
    public var isTarget: Bool
    /// Sent through the trusted-flagger channel (DSA Art. 22).
    public var isTrustedFlagger: Bool
    /// The trusted flagger's organisation ("e-Enfance"), an entity designated in public by a
    /// Digital Services Coordinator, so not personal data; it may become `source_identity`.
    public var trustedFlaggerName: String?
    public var receivedAt: Date
    /// The reporter was new to the tenant when they reported (`CoordinatedReportingPolicy.isNew`).
    public var isNewToTenant: Bool
    /// The reporter was under lower priority for manifestly unfounded notices (`MisusePolicy`).
    public var isDeprioritized: Bool

    public init(
        reporterId: String, category: ReportCategory, ageBracket: AgeBracket = .unknown, isTarget: Bool = false,
        isTrustedFlagger: Bool = false, trustedFlaggerName: String? = nil, receivedAt: Date, isNewToTenant: Bool = false,
        isDeprioritized: Bool = false
    ) {
        self.isNewToTenant = isNewToTenant
        self.isDeprioritized = isDeprioritized
        self.reporterId = reporterId
        self.category = category
        self.ageBracket = ageBracket
        self.isTarget = isTarget
        self.isTrustedFlagger = isTrustedFlagger
        self.trustedFlaggerName = trustedFlaggerName
        self.receivedAt = receivedAt
    }
}
