import Foundation
import RelaisCore
import Tagged

/// A pile-on: reports about one person against several distinct authors within the window
/// (`PileOnPolicy`), opened by the report that crossed the threshold and extended by those
/// after it. One open pile-on per person and tenant.
public struct PileOn: Sendable, Equatable {
    public typealias ID = Tagged<PileOn, String>

    public var id: ID
    public var tenantId: Tenant.ID
    /// The platform's id of the person targeted.
    public var targetId: String
    /// "open", or "closed" by a moderator (`closedAt`, `closedBy`, `closingReason`).
    public var status: String
    /// Distinct authors of the reported content about the target, in the linked cases.
    public var authorCount: Int
    public var caseCount: Int
    public var firstReportAt: Date
    public var lastReportAt: Date
    public var openedAt: Date
    public var closedAt: Date?
    /// The moderator's name, as in the audit log.
    public var closedBy: String?
    public var closingReason: String?

    public var isOpen: Bool { status == PileOn.open }

    public static let open = "open"
    public static let closed = "closed"
}

/// What closing a pile-on did.
public enum PileOnClosing: Sendable, Equatable {
    /// Closed now, by this call: the audit entry and the `target.pile_on_closed` event are written.
    case closed(PileOn)
    /// It was closed before (by someone else, or by a retry): nothing was written.
    case alreadyClosed(PileOn)
    /// No such pile-on in the moderator's tenant.
    case notFound
}

/// A pile-on with what a moderator reads to see the attack as a whole: each linked case,
/// its state and its reports about the target, oldest first.
public struct PileOnTimeline: Sendable, Equatable {
    public var pileOn: PileOn
    /// In the order of their first report about the target.
    public var cases: [LinkedCase]

    public struct LinkedCase: Sendable, Equatable {
        public var caseId: ModerationCase.ID
        /// "open" or "decided".
        public var status: String
        public var subjectKind: String
        public var subjectId: String
        public var authorId: String?
        public var linkedAt: Date
        public var reports: [Report]
    }

    /// One report about the target, without its reporter: when, against whom, what for, and
    /// the content snapshot for the console (the API never shows it).
    public struct Report: Sendable, Equatable {
        public var reportId: String
        public var receivedAt: Date
        public var authorId: String?
        public var category: ReportCategory
        public var text: String?
    }
}

/// The pile-ons found on report writes (`PileOnDetection`), read by the API and the console.
public protocol PileOnStore: Sendable {
    /// The tenant's pile-ons in a state ("open" or "closed"), newest first (by opening time, then id).
    func pileOns(tenantId: Tenant.ID, status: String, limit: Int, offset: Int) async throws -> [PileOn]
    /// `nil` when the tenant has no such pile-on.
    func pileOn(id: PileOn.ID, tenantId: Tenant.ID) async throws -> PileOnTimeline?
    /// Closes an open pile-on once the attack is dealt with: audited, and the platform is told
    /// (`target.pile_on_closed`) so it may lift what it did to protect the person. Its cases
    /// stay as they are (an open one stays in the queue); reports about the person from then
    /// on count towards a new pile-on, those before do not.
    func closePileOn(id: PileOn.ID, by moderator: Moderator, reason: String, now: Date) async throws -> PileOnClosing
}

extension PileOnStore {
    /// The tenant's open pile-ons, newest first.
    public func pileOns(tenantId: Tenant.ID, limit: Int, offset: Int) async throws -> [PileOn] {
        try await pileOns(tenantId: tenantId, status: PileOn.open, limit: limit, offset: offset)
    }
}

/// `target.pile_on`: queued once, when the pile-on opens, so the platform can protect the
/// person (limit who may comment on or message them) and offer help again. Ids, counts and
/// times only: no reported content, nothing about any reporter.
struct PileOnPayload: Encodable {
    static let event = "target.pile_on"

    var event = PileOnPayload.event
    var pileOnId: String
    var targetId: String
    var caseIds: [String]
    var authorCount: Int
    var firstReportAt: String
    var lastReportAt: String
    var openedAt: String

    init(pileOnId: String, targetId: String, caseIds: [String], authorCount: Int, firstReportAt: String, lastReportAt: String, openedAt: String) {
        self.pileOnId = pileOnId
        self.targetId = targetId
        self.caseIds = caseIds
        self.authorCount = authorCount
        self.firstReportAt = firstReportAt
        self.lastReportAt = lastReportAt
        self.openedAt = openedAt
    }

    func json() throws -> String { try StoredJSON.encode(self) }
}

/// `target.pile_on_closed`: a moderator closed the pile-on; the platform may lift the
/// protection it put in place. Ids, counts and times only, and never the moderator's reason
/// (it may quote the content) nor their name.
struct PileOnClosedPayload: Encodable {
    static let event = "target.pile_on_closed"

    var event = PileOnClosedPayload.event
    var pileOnId: String
    var targetId: String
    var caseIds: [String]
    var authorCount: Int
    var openedAt: String
    var closedAt: String

    init(_ pileOn: PileOn, caseIds: [String], closedAt: Date) {
        pileOnId = pileOn.id.rawValue
        targetId = pileOn.targetId
        self.caseIds = caseIds
        authorCount = pileOn.authorCount
        openedAt = Timestamp.format(pileOn.openedAt)
        self.closedAt = Timestamp.format(closedAt)
    }

    func json() throws -> String { try StoredJSON.encode(self) }
}
