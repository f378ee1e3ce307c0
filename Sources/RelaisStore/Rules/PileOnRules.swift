import Foundation
import RelaisCore

/// Reading and closing the pile-ons, on either backend. They are opened and extended by the
/// report's own transaction (`PileOnDetection`), never here.
extension PileOnStore where Self: StoreDriver {
    public func pileOns(tenantId: Tenant.ID, status: String, limit: Int, offset: Int) async throws -> [PileOn] {
        try await read(StorePlan.single("""
            SELECT p.*, (SELECT COUNT(*) FROM pile_on_cases pc WHERE pc.pile_on_id = p.id) AS case_count FROM pile_ons p
            WHERE p.tenant_id = \(tenantId) AND p.status = \(status)
            ORDER BY p.opened_at DESC, p.id DESC LIMIT \(max(1, limit)) OFFSET \(max(0, offset))
            """) { try $0.map(Self.pileOn) })
    }

    /// Under the person's lock (the one a report about them takes), so a report cannot extend
    /// the pile-on while it closes, and under the row's lock, so two closings write one
    /// audit entry and one event.
    public func closePileOn(id: PileOn.ID, by moderator: Moderator, reason: String, now: Date) async throws -> PileOnClosing {
        let dialect = self.dialect, tenantId = moderator.tenantId
        return try await write(StorePlan<PileOnClosing>.first("SELECT target_id FROM pile_ons WHERE id = \(id) AND tenant_id = \(tenantId)") { row in
            guard let targetId = try row?.string("target_id") else { return .done(.notFound) }
            let close = StorePlan<PileOnClosing>.first("""
                SELECT p.*, (SELECT COUNT(*) FROM pile_on_cases pc WHERE pc.pile_on_id = p.id) AS case_count FROM pile_ons p
                WHERE p.id = \(id) AND p.tenant_id = \(tenantId)\(raw: dialect.lockRow)
                """) { row in
                guard let row else { return .done(.notFound) }
                let found = try Self.pileOn(row)
                guard found.isOpen else { return .done(.alreadyClosed(found)) }
                var closed = found
                closed.status = PileOn.closed
                closed.closedAt = now
                closed.closedBy = moderator.name
                closed.closingReason = reason
                let pileOn = closed
                return .query("SELECT case_id FROM pile_on_cases WHERE pile_on_id = \(id) ORDER BY linked_at, case_id") { rows in
                    let caseIds = try rows.map { try $0.string("case_id") }
                    return .write([
                        """
                        UPDATE pile_ons SET status = \(PileOn.closed), closed_at = \(now), closed_by = \(moderator.name), closing_reason = \(reason)
                        WHERE id = \(id) AND status = \(PileOn.open)
                        """,
                        SharedStatements.audit(
                            tenantId: tenantId, actor: moderator.name, at: now, action: "pile_on.closed",
                            before: AuditJSON.make(["pileOnId": id.rawValue, "status": PileOn.open]),
                            after: AuditJSON.make(["pileOnId": id.rawValue, "status": PileOn.closed, "reason": reason])),
                        SharedStatements.outbox(OutboxEvent(
                            tenantId: tenantId, type: PileOnClosedPayload.event, payload: try PileOnClosedPayload(pileOn, caseIds: caseIds, closedAt: now).json(), createdAt: now)),
                    ], answering: .closed(pileOn))
                }
            }
            guard let lock = PileOnDetection.lock(tenantId: tenantId, targetId: targetId, dialect: dialect) else { return close }
            return .write([lock]) { close }
        })
    }

    public func pileOn(id: PileOn.ID, tenantId: Tenant.ID) async throws -> PileOnTimeline? {
        try await read(StorePlan<PileOnTimeline?>.first("""
            SELECT p.*, (SELECT COUNT(*) FROM pile_on_cases pc WHERE pc.pile_on_id = p.id) AS case_count FROM pile_ons p
            WHERE p.id = \(id) AND p.tenant_id = \(tenantId)
            """) { row in
            guard let row else { return .done(nil) }
            let pileOn = try Self.pileOn(row)
            return .query(PileOnRules.timeline(pileOnId: id, targetId: pileOn.targetId, tenantId: tenantId, dialect: dialect)) { rows in
                var cases: [PileOnTimeline.LinkedCase] = []
                for row in rows {
                    let caseId: ModerationCase.ID = try row.id("case_id")
                    let report = PileOnTimeline.Report(
                        reportId: try row.string("report_id"), receivedAt: try row.date("received_at"),
                        authorId: try row.optionalString("subject_author_id"),
                        category: ReportCategory(rawValue: try row.string("category")) ?? .other,
                        text: try row.optionalString("subject_text"))
                    if let index = cases.firstIndex(where: { $0.caseId == caseId }) {
                        cases[index].reports.append(report)
                    } else {
                        cases.append(PileOnTimeline.LinkedCase(
                            caseId: caseId, status: try row.string("status"), subjectKind: try row.string("subject_kind"),
                            subjectId: try row.string("subject_id"), authorId: try row.optionalString("author_id"),
                            linkedAt: try row.date("linked_at"), reports: [report]))
                    }
                }
                return .done(PileOnTimeline(pileOn: pileOn, cases: cases))
            }
        })
    }

    private static func pileOn(_ row: any ColumnReading) throws -> PileOn {
        PileOn(
            id: try row.id("id"), tenantId: try row.id("tenant_id"), targetId: try row.string("target_id"), status: try row.string("status"),
            authorCount: try row.int("author_count"), caseCount: try row.int("case_count"), firstReportAt: try row.date("first_report_at"),
            lastReportAt: try row.date("last_report_at"), openedAt: try row.date("opened_at"), closedAt: try row.optionalDate("closed_at"),
            closedBy: try row.optionalString("closed_by"), closingReason: try row.optionalString("closing_reason"))
    }
}

enum PileOnRules {
    /// A pile-on's cases with their reports about its target, in the order they arrived.
    static func timeline(pileOnId id: PileOn.ID, targetId: String, tenantId: Tenant.ID, dialect: SQLDialect) -> SQLStatement {
        """
        SELECT c.id AS case_id, c.status, c.subject_kind, c.subject_id, c.author_id, pc.linked_at,
          r.id AS report_id, r.received_at, r.subject_author_id, r.category, r.subject_text
        FROM pile_on_cases pc JOIN cases c ON c.id = pc.case_id
        JOIN reports r ON r.case_id = c.id AND r.target_id = \(targetId) AND r.tenant_id = \(tenantId)
        WHERE pc.pile_on_id = \(id)
        ORDER BY r.received_at, r.\(raw: dialect.reportSequence)
        """
    }
}
