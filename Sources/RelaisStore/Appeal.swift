import Foundation
import RelaisCore
import Tagged

/// A complaint against a decision (DSA Art. 20), as stored: who filed it against which
/// decision, in their words, and once reviewed, the outcome and its texts.
public struct Appeal: Sendable, Equatable {
    public typealias ID = Tagged<Appeal, String>

    public var id: ID
    public var tenantId: Tenant.ID
    public var caseId: ModerationCase.ID
    public var decisionId: String
    public var party: AppealParty
    /// The platform's id of the person who complains: the case's author or one of its reporters.
    public var appellantId: String
    public var explanation: String
    public var language: String
    /// "open" or "decided".
    public var status: String
    public var receivedAt: Date
    public var dueAt: Date
    public var lease: Lease?
    public var review: Review?

    /// What the reviewer decided.
    public struct Review: Sendable, Equatable {
        public var outcome: AppealOutcome
        public var textForAppellant: String
        public var reason: String?
        /// For moderators only; never in a webhook.
        public var internalNote: String?
        public var reviewerName: String
        public var decidedAt: Date
        /// The decision that replaced the one under review (`reversed`, `modified`).
        public var newDecisionId: String?
    }
}

/// One complaint to store, validated, with everything decided before the transaction.
public struct AppealFiling: Sendable {
    public var tenantId: Tenant.ID
    public var appealId: Appeal.ID
    public var request: AppealRequest
    public var receivedAt: Date
    public var idempotencyKey: String?
    /// Hash of the validated request, to tell a retry from another request with the same key.
    public var requestHash: String

    public init(tenantId: Tenant.ID, appealId: Appeal.ID = Appeal.ID(rawValue: UUID().uuidString.lowercased()), request: AppealRequest,
        receivedAt: Date, idempotencyKey: String?, requestHash: String) {
        self.tenantId = tenantId
        self.appealId = appealId
        self.request = request
        self.receivedAt = receivedAt
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
    }
}

public enum AppealFilingOutcome: Sendable, Equatable {
    /// Stored and committed, with its `appeal.received` event.
    case created(Appeal)
    /// The same key with the same request: the appeal stored the first time, nothing twice.
    case replayed(Appeal)
    case keyReusedWithDifferentRequest
    /// Refused, nothing stored: no such decision, no standing, the window closed, one open already.
    case refused(ValidationFailure)
}

/// An appeal as its reviewer sees it: the complaint beside the case, the decision under
/// review and its statement of reasons.
public struct AppealReview: Sendable {
    public var appeal: Appeal
    public var moderationCase: ModerationCase
    public var decision: RecordedDecision
}

public enum AppealDecisionOutcome: Sendable {
    case decided(Appeal, newDecision: RecordedDecision?)
    case notFound
    case notLeasedByCaller
    /// The reviewer took the decision under review: Art. 20(6) wants it examined again by
    /// someone else.
    case reviewerDecidedOriginal
    /// Nothing stored: the replacement decision breaks a rule, or the decision under review
    /// was replaced meanwhile.
    case refused(ValidationFailure)
}

/// The platform confirms that a party was told a decision (Art. 16(5), 17): the complaint
/// window starts there.
public struct PartyNotification: Sendable, Equatable {
    public var party: AppealParty
    /// `nil`: every person of that party (all reporters at once).
    public var userId: String?
    public var informedAt: Date

    public init(party: AppealParty, userId: String?, informedAt: Date) {
        self.party = party
        self.userId = userId
        self.informedAt = informedAt
    }
}

public enum NotificationOutcome: Sendable, Equatable {
    /// Recorded against the decision in force (its id); an earlier confirmation is kept.
    case recorded(decisionId: String)
    case notFound
    /// The case has no decision yet.
    case notDecided
    /// The time given is before the decision was taken.
    case informedBeforeDecision(decidedAt: Date)
}

/// Where the outcome of a review can be taken next (Art. 21): set per tenant, shown when set.
public struct OutOfCourtBody: Sendable, Equatable, Codable {
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

/// Complaints against decisions: filing, the review queue with leases, outcomes, and what the
/// transparency report counts. Each change is one transaction with its audit entry and event.
public protocol AppealStore: Sendable {
    func recordNotification(caseId: ModerationCase.ID, tenantId: Tenant.ID, _ notification: PartyNotification, now: Date) async throws -> NotificationOutcome
    func fileAppeal(_ filing: AppealFiling) async throws -> AppealFilingOutcome
    /// One decision of the tenant, with how it was told; `nil` when there is none (the appeal
    /// page shows what is contested).
    func decision(id: String, tenantId: Tenant.ID) async throws -> RecordedDecision?
    /// `nil` when the tenant has no such appeal.
    func appeal(id: Appeal.ID, tenantId: Tenant.ID, now: Date) async throws -> Appeal?
    /// The tenant's appeals, newest first, at most `limit`.
    func appeals(tenantId: Tenant.ID, status: String?, limit: Int, now: Date) async throws -> [Appeal]
    /// One person's complaints about one case, oldest first: what their status page shows.
    func appeals(caseId: ModerationCase.ID, tenantId: Tenant.ID, appellantId: String, now: Date) async throws -> [Appeal]
    /// Leases the most urgent open appeal on a decision the moderator did not take.
    func claimNextAppeal(for moderator: Moderator, now: Date) async throws -> AppealReview?
    func appealReview(id: Appeal.ID, tenantId: Tenant.ID, now: Date) async throws -> AppealReview?
    func renewAppealLease(id: Appeal.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome
    func releaseAppealLease(id: Appeal.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome
    /// Records the review's outcome and, for `reversed` and `modified`, the decision that
    /// replaces the one under review (its statement of reasons names the one it replaces),
    /// with the audit entry and the `appeal.decided` event, in one transaction.
    func decideAppeal(id: Appeal.ID, _ resolution: AppealResolution, by moderator: Moderator, outOfCourt: OutOfCourtBody?, now: Date) async throws
        -> AppealDecisionOutcome
    /// What the transparency report counts of the appeals received in `[from, to)`.
    func appealStatistics(tenantId: Tenant.ID, from: Date, to: Date) async throws -> AppealStatistics
    /// The same appeals one by one, as the statistics count them (the transparency report
    /// tallies them twice: all, and those about a trusted flagger's notice).
    func appealEntries(tenantId: Tenant.ID, from: Date, to: Date) async throws -> [AppealStatistics.Entry]
}
