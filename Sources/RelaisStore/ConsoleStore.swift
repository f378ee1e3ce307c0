import Foundation
import RelaisCore
import Tagged

/// A signed-in console session: who, until when, and the CSRF token of its forms.
public struct ConsoleSession: Sendable, Equatable {
    public var moderator: Moderator
    public var csrfToken: String
    public var expiresAt: Date
    /// The moderator chose to see the console in greyscale (`setConsoleGreyscale`).
    public var greyscale: Bool = false
}

/// What the console needs to check a password: the bcrypt hash (nil before `relais users
/// password`) and the lock-out state.
public struct ConsoleCredentials: Sendable, Equatable {
    public var moderator: Moderator
    public var passwordHash: String?
    public var lockedUntil: Date?
}

/// The lock-out rule: `maxFailures` wrong passwords in a row lock the account for `duration`.
public struct SignInPolicy: Sendable, Equatable {
    public var maxFailures: Int
    public var lockDuration: TimeInterval
    public init(maxFailures: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }
    public static let `default` = SignInPolicy()
}

public enum SignInRecord: Sendable, Equatable {
    case signedIn
    /// A wrong password, or any attempt on a locked account; `lockedUntil` is set when the
    /// account is locked (by this failure or before).
    case failed(lockedUntil: Date?)
}

/// One line of the console's queue.
public struct QueueEntry: Sendable, Equatable {
    public var caseId: ModerationCase.ID
    public var subjectKind: String
    public var categories: [String]
    public var countries: [String]
    public var reportCount: Int
    public var score: Double
    public var dueAt: Date
    public var overdue: Bool
    public var leasedBy: String?
    /// The priority's terms (`CasePriority.assess` on the case's stored summary), for its
    /// level and reasons.
    public var priority: CasePriority? = nil
    /// The earliest report's content snapshot, to be shown as a preview line (blurred for
    /// sensitive categories by the page).
    public var preview: String? = nil
    public var ageBrackets: [String] = []
    /// The hand-off reference a victim gave a helpline, when a report of the case has one.
    public var reference: String? = nil
    /// The case waits for a senior (`CaseNotesStore.escalateCase`).
    public var escalated: Bool = false
}

public struct QueueFilter: Sendable, Equatable {
    public var category: String?
    public var country: String?
    public var overdueOnly: Bool
    /// How many entries of the order to skip: paging.
    public var offset: Int = 0
    public init(category: String? = nil, country: String? = nil, overdueOnly: Bool = false, offset: Int = 0) {
        self.category = category
        self.country = country
        self.overdueOnly = overdueOnly
        self.offset = max(0, offset)
    }
}

/// An earlier decision about the same author, from another case.
public struct AuthorDecision: Sendable, Equatable {
    public var caseId: ModerationCase.ID
    public var decidedAt: Date
    public var moderatorName: String
    public var restrictions: [Decision.Restriction]
}

/// The console's own storage: passwords, sessions, the lock-out, the queue listing, and the
/// console-only action of revealing content (its audit entry written by the store, like
/// every other audited action).
public protocol ConsoleStore: Sendable {
    func setPassword(moderatorName: String, passwordHash: String, now: Date) async throws
    func consoleCredentials(name: String) async throws -> ConsoleCredentials?
    /// Counts a failure (locking at the policy's limit) or resets the count, with an audit entry.
    func recordSignIn(moderatorId: Moderator.ID, succeeded: Bool, policy: SignInPolicy, now: Date) async throws -> SignInRecord
    func createConsoleSession(idHash: String, moderatorId: Moderator.ID, csrfToken: String, now: Date, expiresAt: Date) async throws
    func consoleSession(idHash: String, now: Date) async throws -> ConsoleSession?
    func endConsoleSession(idHash: String, now: Date) async throws
    /// The moderator's own display choice, kept on their account for every session of theirs.
    func setConsoleGreyscale(moderatorId: Moderator.ID, on: Bool) async throws
    func openCases(tenantId: Tenant.ID, filter: QueueFilter, now: Date, limit: Int) async throws -> [QueueEntry]
    func authorDecisions(tenantId: Tenant.ID, authorId: String, excludingCase: ModerationCase.ID) async throws -> [AuthorDecision]
    /// Records that `moderator` showed a case's blurred content (`ContentRevealAudit`): the
    /// audit entry is the change. False, and nothing recorded, when the moderator's tenant has
    /// no such case.
    func revealContent(caseId: ModerationCase.ID, by moderator: Moderator, now: Date) async throws -> Bool
    /// The audit entries of one case, oldest first.
    func auditLog(tenantId: Tenant.ID, caseId: ModerationCase.ID) async throws -> [AuditEntry]
    /// The tenant's latest audit entries, newest first.
    func recentAudit(tenantId: Tenant.ID, limit: Int) async throws -> [AuditEntry]
    /// The tenant's audit entries that match every given filter, newest first, older than
    /// `filter.beforeSeq` (keyset paging: stable while new entries arrive).
    func auditEntries(tenantId: Tenant.ID, filter: AuditFilter, limit: Int) async throws -> [AuditEntry]
    /// The moderator's decisions on cases since `since`, newest first, at most `limit`, each
    /// with whether the case holds a report of one of `sensitive` (the break prompt's input).
    func recentDecisions(by moderator: Moderator, since: Date, limit: Int, sensitive: Set<ReportCategory>) async throws -> [BreakPrompt.Decided]
}

/// Filters of the audit log; `nil` matches everything.
public struct AuditFilter: Sendable, Equatable {
    public var actor: String?
    public var action: String?
    public var caseId: ModerationCase.ID?
    /// From this instant (included) to that one (excluded).
    public var from: Date?
    public var until: Date?
    /// Only entries older than this one: the next page starts after the last entry shown.
    public var beforeSeq: Int64?

    public init(
        actor: String? = nil, action: String? = nil, caseId: ModerationCase.ID? = nil, from: Date? = nil, until: Date? = nil, beforeSeq: Int64? = nil
    ) {
        self.actor = actor
        self.action = action
        self.caseId = caseId
        self.from = from
        self.until = until
        self.beforeSeq = beforeSeq
    }
}

/// Sorted-key JSON of a small state snapshot, for audit entries.
public enum AuditJSON {
    public static func make(_ object: [String: String?]) -> String { json(object) }

    /// A case's lease as the audit log's "before" or "after".
    /// `appealId`: the lease is on a complaint of the appeal queue (the entry's case is its case).
    static func lease(owner: String?, expiresAt: Date?, status: String = "open", appealId: String? = nil) -> String {
        var state: [String: Any?] = ["status": status, "leaseOwner": owner, "leaseExpiresAt": expiresAt.map(Timestamp.format)]
        if let appealId { state["appealId"] = appealId }
        return json(state)
    }

    /// Sorted-key JSON of a small state snapshot (`nil` values are written as null).
    static func json(_ object: [String: Any?]) -> String {
        let cleaned = object.mapValues { $0 ?? NSNull() }
        let data = (try? JSONSerialization.data(withJSONObject: cleaned, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
