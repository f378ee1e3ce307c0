import Foundation
import RelaisCore
import Tagged

/// A trusted flagger (DSA Art. 22): an organisation designated by a Digital Services
/// Coordinator (e-Enfance, which runs the 3018, in France), with its own token, working with
/// the tenants that accepted it. Its notices within its areas of expertise are decided with
/// priority; outside them, like any notice.
public struct TrustedFlagger: Sendable, Equatable {
    public typealias ID = Tagged<TrustedFlagger, String>

    public var id: ID
    public var name: String
    public var designatedBy: String
    public var expertise: [ReportCategory]
    /// The time to decision the flagger and the tenants agreed on, for the share decided within it.
    public var targetHours: Double
    public var tokenPrefix: String?
    public var createdAt: Date
    /// The names of the tenants that accepted it.
    public var tenants: [String]

    public func covers(_ category: ReportCategory) -> Bool { expertise.contains(category) }
}

/// A flagger's token: the same construction as a tenant key, with its own prefix, so a
/// flagger's token never works on tenant or moderator routes, nor theirs on flagger routes.
public enum FlaggerToken {
    public static let prefix = "rlf_"

    public static func generate() -> String { APIKey.generate(prefix: prefix) }
}

/// A flagger's notice as it follows it: never the victim's report, only whether its notice
/// was linked through a reference, and the decision on the case.
public struct FlaggerNoticeStatus: Sendable, Equatable {
    public var id: String
    public var tenantName: String
    public var receivedAt: Date
    public var category: ReportCategory
    /// Decided with the priority of a trusted flagger (the category is within its expertise).
    public var withinExpertise: Bool
    public var linked: Bool
    public var status: String
    public var decision: Outcome?

    public struct Outcome: Sendable, Equatable {
        public var decidedAt: Date
        public var restrictions: [Decision.Restriction]
    }
}

public enum HandoffConsentOutcome: Sendable, Equatable {
    case recorded(reference: String, consent: HandoffConsent)
    case notFound
    /// The report has no hand-off reference (it showed no help card, or came from a flagger).
    case noReference
}

/// Trusted flaggers, their notices, the hand-off references of reports, and their figures.
public protocol FlaggerStore: Sendable {
    func createFlagger(name: String, designatedBy: String, expertise: [ReportCategory], targetHours: Double, tenantNames: [String], now: Date)
        async throws -> (TrustedFlagger, token: String)
    func issueFlaggerToken(name: String, now: Date) async throws -> (TrustedFlagger, token: String)
    /// The tenant accepts the flagger (idempotent).
    func acceptFlagger(name: String, tenantName: String, now: Date) async throws -> TrustedFlagger
    func flaggers() async throws -> [TrustedFlagger]
    func flagger(token: String) async throws -> TrustedFlagger?
    /// Where the flagger's `notice.decided` events go; the secret is new on first set or rotation.
    func setFlaggerWebhook(name: String, url: String, rotateSecret: Bool, now: Date) async throws -> (url: String, newSecret: String?)
    /// `nil` when the flagger filed no notice with this id.
    func notice(id: String, flaggerId: TrustedFlagger.ID) async throws -> FlaggerNoticeStatus?
    /// The flagger's figures with one tenant, from the notices received in `[from, to)`.
    func flaggerStatistics(flaggerId: TrustedFlagger.ID, tenantId: Tenant.ID, from: Date, to: Date) async throws -> FlaggerStatistics
    /// The person who reported says whether the helpline may use their reference.
    func recordHandoffConsent(reportId: String, tenantId: Tenant.ID, consent: HandoffConsent, now: Date) async throws -> HandoffConsentOutcome
}

public enum FlaggerError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case notFound(String)
    case invalidName(String)
    case invalidExpertise(String)

    public var description: String {
        switch self {
        case .exists(let name): "a trusted flagger named '\(name)' already exists"
        case .notFound(let name): "no trusted flagger named '\(name)'"
        case .invalidName(let name): "'\(name)' is not a valid flagger name: use 1–64 letters, digits, '-' or '_'"
        case .invalidExpertise(let text): "expertise: \(text)"
        }
    }
}
