import Foundation
import RelaisCore

/// Tags, comments and escalation, written once for both backends. The tenant check is the
/// first statement of each write: another tenant's case is "not found" and nothing is written.
extension CaseNotesStore where Self: StoreDriver {
    public func caseNotes(caseId: ModerationCase.ID, tenantId: Tenant.ID) async throws -> CaseNotes? {
        try await read(.first("""
            SELECT c.escalated_at, c.escalation_reason, m.name AS escalated_by FROM cases c \
            LEFT JOIN moderators m ON m.id = c.escalated_by WHERE c.id = \(caseId) AND c.tenant_id = \(tenantId)
            """) { row in
            guard let row else { return .done(nil) }
            let escalation = try row.optionalDate("escalated_at").map { at in
                CaseEscalation(by: try row.optionalString("escalated_by") ?? "", reason: try row.optionalString("escalation_reason") ?? "", at: at)
            }
            return .query("SELECT tag FROM case_tags WHERE case_id = \(caseId) ORDER BY tag") { tags in
                let tags = try tags.map { try $0.string("tag") }
                return .single("SELECT id, author, body, created_at FROM case_comments WHERE case_id = \(caseId) ORDER BY created_at, id") { rows in
                    CaseNotes(
                        tags: tags,
                        comments: try rows.map {
                            CaseComment(id: try $0.string("id"), author: try $0.string("author"), body: try $0.string("body"), at: try $0.date("created_at"))
                        },
                        escalation: escalation)
                }
            }
        })
    }

    public func tagCase(caseId: ModerationCase.ID, tag: String, by moderator: Moderator, now: Date) async throws -> Bool {
        try await write(Self.onCase(caseId, of: moderator) {
            [
                "INSERT INTO case_tags (case_id, tenant_id, tag, added_by, added_at) VALUES (\(caseId), \(moderator.tenantId), \(tag), \(moderator.name), \(now)) ON CONFLICT DO NOTHING",
                SharedStatements.audit(
                    tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "case.tagged", caseId: caseId, after: AuditJSON.make(["tag": tag])),
            ]
        })
    }

    public func untagCase(caseId: ModerationCase.ID, tag: String, by moderator: Moderator, now: Date) async throws -> Bool {
        try await write(Self.onCase(caseId, of: moderator) {
            [
                "DELETE FROM case_tags WHERE case_id = \(caseId) AND tag = \(tag)",
                SharedStatements.audit(
                    tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "case.untagged", caseId: caseId, before: AuditJSON.make(["tag": tag])),
            ]
        })
    }

    /// The audit entry names the comment, not its text: the audit log is read more widely
    /// than the case.
    public func commentOnCase(caseId: ModerationCase.ID, comment: String, by moderator: Moderator, now: Date) async throws -> Bool {
        let id = UUID().uuidString.lowercased()
        return try await write(Self.onCase(caseId, of: moderator) {
            [
                "INSERT INTO case_comments (id, case_id, tenant_id, author, body, created_at) VALUES (\(id), \(caseId), \(moderator.tenantId), \(moderator.name), \(comment), \(now))",
                SharedStatements.audit(
                    tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "case.commented", caseId: caseId,
                    after: AuditJSON.make(["commentId": id])),
            ]
        })
    }

    public func escalateCase(caseId: ModerationCase.ID, reason: String, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        let dialect = self.dialect
        let outcome = try await write(LeaseChange.check(caseId: caseId, moderator: moderator, now: now, dialect: dialect).then { check -> StorePlan<LeaseCheck> in
            guard check == .held else { return .done(check) }
            return LeaseChange.state(caseId: caseId).then { before in
                .write([
                    """
                    UPDATE cases SET escalated_at = \(now), escalation_reason = \(reason), escalated_by = \(moderator.id), \
                    lease_owner = NULL, lease_expires_at = NULL WHERE id = \(caseId)
                    """,
                    SharedStatements.audit(
                        tenantId: moderator.tenantId, actor: moderator.name, at: now, action: "case.escalated", caseId: caseId, before: before,
                        after: AuditJSON.make(["escalatedTo": Moderator.Role.seniorRole.rawValue, "reason": reason])),
                ], answering: .held)
            }
        })
        switch outcome {
        case .held: return .released
        case .notFound: return .notFound
        case .notLeasedByCaller: return .notLeasedByCaller
        }
    }

    /// The writes, when the moderator's tenant has the case; `false` and nothing otherwise.
    private static func onCase(_ caseId: ModerationCase.ID, of moderator: Moderator, _ statements: @escaping @Sendable () -> [SQLStatement]) -> StorePlan<Bool> {
        .first("SELECT 1 AS found FROM cases WHERE id = \(caseId) AND tenant_id = \(moderator.tenantId)") { found in
            found == nil ? .done(false) : .write(statements(), answering: true)
        }
    }
}
