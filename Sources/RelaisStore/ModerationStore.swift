import Foundation
import RelaisCore
import Tagged

/// A person who moderates one tenant's cases, through the API or the console.
public struct Moderator: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Everything a moderator does, and later the console's user management.
        case admin
        /// Claims, decides, releases.
        case moderator
        /// Reads cases and statements of reasons (exports, regulators' requests); decides nothing.
        case compliance

        /// The role a case is escalated to ("decide this one for us"): admins, who also
        /// manage the console's users. An escalated case is claimed by seniors only.
        public static let seniorRole: Role = .admin
        public var isSenior: Bool { self == Self.seniorRole }

        /// Whether the role may claim, lease and decide cases.
        public var decides: Bool { self != .compliance }
    }

    public typealias ID = Tagged<Moderator, String>

    public var id: ID
    public var tenantId: Tenant.ID
    public var name: String
    public var role: Role
    /// The first characters of the current personal token, `nil` before one is issued.
    public var tokenPrefix: String?
    public var createdAt: Date

    public init(id: ID, tenantId: Tenant.ID, name: String, role: Role, tokenPrefix: String?, createdAt: Date) {
        self.id = id
        self.tenantId = tenantId
        self.name = name
        self.role = role
        self.tokenPrefix = tokenPrefix
        self.createdAt = createdAt
    }
}

/// How the queue and the leases behave. The storage holds it because the time-independent
/// part of each case's priority is computed with these weights when a report arrives.
public struct ModerationPolicy: Sendable, Equatable {
    public var weights: PriorityWeights
    /// How long a claim holds a case; renewable. Ten minutes: long enough to read a case,
    /// short enough that an abandoned case comes back quickly.
    public var leaseDuration: TimeInterval
    public var repeatOffenders: RepeatOffenderPolicy
    /// The time to review a complaint, from its receipt: its due time in the appeal queue.
    /// Seven days by default ("without undue delay", Art. 20(4)).
    public var appealReviewTime: TimeInterval
    /// When a new report reopens a decided case.
    public var reopening: ReopeningRule
    /// Warnings and lower priority for reporters of manifestly unfounded notices (Art. 23(2)).
    public var misuse: MisusePolicy
    /// When reports about one person, against several authors, make a pile-on.
    public var pileOn: PileOnPolicy
    /// When the console suggests a break to a moderator (sensitive cases in a row).
    public var breakPrompt: BreakPrompt = .default

    public init(
        weights: PriorityWeights = .default, leaseDuration: TimeInterval = 600, repeatOffenders: RepeatOffenderPolicy = .default,
        appealReviewTime: TimeInterval = 7 * 86400, reopening: ReopeningRule = .default, misuse: MisusePolicy = .default,
        pileOn: PileOnPolicy = .default
    ) {
        self.misuse = misuse
        self.pileOn = pileOn
        self.weights = weights
        self.leaseDuration = leaseDuration
        self.repeatOffenders = repeatOffenders
        self.appealReviewTime = appealReviewTime
        self.reopening = reopening
    }

    public static let `default` = ModerationPolicy()
}

/// A claim on a case by one moderator until `expiresAt`.
public struct Lease: Sendable, Equatable {
    public var moderatorId: Moderator.ID
    public var moderatorName: String
    public var expiresAt: Date
}

/// A decision as recorded, with who took it and its statement of reasons (none for no action).
public struct RecordedDecision: Sendable, Equatable {
    public var id: String
    public var caseId: ModerationCase.ID
    public var moderatorName: String
    public var decidedAt: Date
    public var decision: Decision
    public var statement: StatementOfReasons?
    /// Who took it: a complaint against it is reviewed by someone else.
    public var moderatorId: Moderator.ID? = nil
    /// The outbox event that told the platform (`case.decided`, or `appeal.decided` for a
    /// decision made on review), and when it was delivered.
    public var noticeEventId: String? = nil
    public var noticeDeliveredAt: Date? = nil
    /// The platform's confirmations that parties were told.
    public var notifications: [PartyNotification] = []
    /// The decision this one replaced after a complaint, and the complaint.
    public var replacesDecisionId: String? = nil
    public var appealId: String? = nil
    /// The decision that replaced this one; `nil` while it is in force.
    public var supersededBy: String? = nil

    public var isInForce: Bool { supersededBy == nil }

    /// When the party was told, which starts their complaint window (DSA Art. 20(2)): the
    /// platform's confirmation (for this person or for the whole party), else the delivery of
    /// the event that carried the decision; `nil` while neither happened.
    public func informedAt(party: AppealParty, userId: String?) -> Date? {
        // A decision has one author, so any confirmation for the author is theirs.
        let confirmed = notifications.filter { $0.party == party && (party == .author || $0.userId == nil || $0.userId == userId) }
            .map(\.informedAt).min()
        return confirmed ?? noticeDeliveredAt
    }

    /// The last instant a complaint is received from the party; `nil` while the window has not started.
    public func complaintWindowCloses(party: AppealParty, userId: String?) -> Date? {
        informedAt(party: party, userId: userId).map(AppealWindow.closes(informedAt:))
    }
}

/// A case as a moderator sees it: every report (content snapshot included), the priority
/// with each term, the target, the lease, earlier decisions and the repeat-offender count.
public struct ModerationCase: Sendable {
    public typealias ID = Tagged<ModerationCase, String>

    public var id: ID
    public var tenantId: Tenant.ID
    /// "open" or "decided" (a decided case reopened by a new report is "open" again).
    public var status: String
    public var facts: CaseFacts
    public var authorId: String?
    public var subjectId: String
    public var reports: [StoredReport]
    public var priority: CasePriority
    public var lease: Lease?
    public var decisions: [RecordedDecision]
    public var repeatOffender: RepeatOffenderAssessment

    /// The decision that applies now: the last one not replaced after a complaint.
    public var decisionInForce: RecordedDecision? { decisions.last(where: \.isInForce) }
}

public enum LeaseOutcome: Sendable {
    case leased(ModerationCase)
    case released
    /// No such case for this tenant.
    case notFound
    /// The caller holds no live lease on the case (none, expired, or someone else's).
    case notLeasedByCaller
}

public enum DecisionOutcome: Sendable {
    case decided(RecordedDecision)
    case notFound
    case notLeasedByCaller
    /// The statement of reasons would be invalid: nothing stored.
    case refused(ValidationFailure)
}

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Equatable {
    public var seq: Int64
    public var tenantId: Tenant.ID
    /// The moderator's name, or "cli" for administration from the command line.
    public var actor: String
    public var at: Date
    /// "case.claimed", "case.lease_renewed", "case.released", "case.decided", "case.reopened", "case.party_informed",
    /// "appeal.received", "appeal.claimed", "appeal.lease_renewed", "appeal.released", "appeal.decided",
    /// "moderator.created", "moderator.token_issued", ….
    public var action: String
    public var caseId: ModerationCase.ID?
    public var before: String?
    public var after: String?
}

/// Moderators, the queue with leases, decisions with their statements of reasons, and the
/// audit log. Every change that matters is one transaction with its audit entry.
public protocol ModerationStore: Sendable {
    /// Creates a moderator of a tenant with a first personal token, shown this once.
    func createModerator(name: String, tenantName: String, role: Moderator.Role, now: Date) async throws -> (Moderator, token: String)
    /// Issues a new personal token: the old one stops working at once.
    func issueToken(moderatorName: String, now: Date) async throws -> (Moderator, token: String)
    func moderators() async throws -> [Moderator]
    func moderator(token: String) async throws -> Moderator?

    /// Leases the most urgent open case of the moderator's tenant that nobody holds, or
    /// `nil` when there is none. The choice and the lease are one write transaction.
    func claimNextCase(for moderator: Moderator, now: Date) async throws -> ModerationCase?
    /// Leases one chosen open case of the moderator's tenant, when nobody else holds a live
    /// lease on it: `.leased`, or `.notLeasedByCaller` when it is held or decided. The check and
    /// the lease are one write transaction, the row locked first.
    func claimCase(id: ModerationCase.ID, for moderator: Moderator, now: Date) async throws -> LeaseOutcome
    /// `nil` when the tenant has no such case.
    func moderationCase(id: ModerationCase.ID, tenantId: Tenant.ID, now: Date) async throws -> ModerationCase?
    /// Extends the caller's live lease by the lease duration.
    func renewLease(caseId: ModerationCase.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome
    func releaseLease(caseId: ModerationCase.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome
    /// Releases every live lease of the moderator, cases and complaints (`LeaveRules`); how many.
    func releaseLeases(of moderator: Moderator, now: Date) async throws -> Int
    /// Validates the decision against the case (`ModerationRules.statement`), then stores the
    /// decision, its statement, the audit entry and the `case.decided` outbox event, marks the
    /// case decided and releases the lease, in one transaction.
    func decide(caseId: ModerationCase.ID, decision: Decision, by moderator: Moderator, now: Date) async throws -> DecisionOutcome
    /// The statements of reasons of a case, oldest first; `nil` when the tenant has no such case.
    func statements(caseId: ModerationCase.ID, tenantId: Tenant.ID) async throws -> [StatementOfReasons]?
    func auditLog(tenantId: Tenant.ID) async throws -> [AuditEntry]
}

public enum ModerationError: Error, Equatable, CustomStringConvertible {
    case moderatorExists(String)
    case moderatorNotFound(String)
    case invalidModeratorName(String)

    public var description: String {
        switch self {
        case .moderatorExists(let name): "a user named '\(name)' already exists"
        case .moderatorNotFound(let name): "no user named '\(name)'"
        case .invalidModeratorName(let name): "'\(name)' is not a valid user name: use 1–64 letters, digits, '-' or '_'"
        }
    }
}
