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

    public init(
        reporterId: String, category: ReportCategory, ageBracket: AgeBracket = .unknown, isTarget: Bool = false,
        isTrustedFlagger: Bool = false, trustedFlaggerName: String? = nil, receivedAt: Date
    ) {
        self.reporterId = reporterId
        self.category = category
        self.ageBracket = ageBracket
        self.isTarget = isTarget
        self.isTrustedFlagger = isTrustedFlagger
        self.trustedFlaggerName = trustedFlaggerName
        self.receivedAt = receivedAt
    }
}
