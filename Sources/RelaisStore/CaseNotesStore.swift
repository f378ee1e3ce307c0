import Foundation
import RelaisCore

/// The team's private notes on a case, and its escalation to a senior. Each change is one
/// transaction with its audit entry; none of it leaves Relais.
public protocol CaseNotesStore: Sendable {
    /// `nil` when the tenant has no such case.
    func caseNotes(caseId: ModerationCase.ID, tenantId: Tenant.ID) async throws -> CaseNotes?
    /// Adds a tag (already validated by `CaseNoteRules.tag`); adding it again changes nothing.
    /// False when the moderator's tenant has no such case.
    func tagCase(caseId: ModerationCase.ID, tag: String, by moderator: Moderator, now: Date) async throws -> Bool
    func untagCase(caseId: ModerationCase.ID, tag: String, by moderator: Moderator, now: Date) async throws -> Bool
    func commentOnCase(caseId: ModerationCase.ID, comment: String, by moderator: Moderator, now: Date) async throws -> Bool
    /// Hands the case to the senior role (`Moderator.Role.isSenior`): the caller must hold its
    /// lease, which is released; from then on only seniors claim it. The reason is kept on
    /// the case and in the audit entry (`case.escalated`).
    func escalateCase(caseId: ModerationCase.ID, reason: String, by moderator: Moderator, now: Date) async throws -> LeaseOutcome
}

public struct CaseNotes: Sendable, Equatable {
    public var tags: [String]
    /// Oldest first.
    public var comments: [CaseComment]
    public var escalation: CaseEscalation?

    public init(tags: [String], comments: [CaseComment], escalation: CaseEscalation?) {
        self.tags = tags
        self.comments = comments
        self.escalation = escalation
    }
}

public struct CaseComment: Sendable, Equatable {
    public var id: String
    public var author: String
    public var body: String
    public var at: Date
}

public struct CaseEscalation: Sendable, Equatable {
    public var by: String
    public var reason: String
    public var at: Date

    public init(by: String, reason: String, at: Date) {
        self.by = by
        self.reason = reason
        self.at = at
    }
}
