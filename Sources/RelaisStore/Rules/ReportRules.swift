import Foundation
import RelaisCore

/// Reports and the help-card counts, on either backend.
extension ReportStore where Self: StoreDriver {
    public func submit(_ submission: ReportSubmission) async throws -> SubmissionOutcome {
        try await writeReport(try ReportWritePlan(
            submission, weights: moderation.weights, reopening: moderation.reopening, pileOnPolicy: moderation.pileOn, dialect: dialect).plan)
    }

    public func report(id: String, tenantId: Tenant.ID) async throws -> StoredReport? {
        try await read(StorePlan.single("""
            SELECT r.*, c.report_count, \(raw: SupportCardRow.column) FROM reports r JOIN cases c ON c.id = r.case_id WHERE r.id = \(id) AND r.tenant_id = \(tenantId)
            """) { try $0.first.map(StoredRows.storedReport) })
    }

    public func storedAnswer(tenantId: Tenant.ID, idempotencyKey: String, requestHash: String) async throws -> SubmissionOutcome? {
        try await read(StorePlan.single("""
            SELECT request_hash, response_json FROM idempotency_keys WHERE tenant_id = \(tenantId) AND key = \(idempotencyKey)
            """) { rows in try rows.first.map { try ReportWritePlan.replay(of: $0, requestHash: requestHash) } })
    }

    public func reportCount(tenantId: Tenant.ID) async throws -> Int {
        try await read(StorePlan.single("SELECT COUNT(*) AS reports FROM reports WHERE tenant_id = \(tenantId)") {
            try $0.first?.int("reports") ?? 0
        })
    }
}

extension SupportEventStore where Self: StoreDriver {
    public func recordSupportEvent(tenantId: Tenant.ID, event: SupportEventDraft, at: Date) async throws -> Bool {
        let day = String(Timestamp.format(at).prefix(10))
        let count = { @Sendable (category: String) -> StorePlan<Bool> in
            .write(["""
                INSERT INTO support_event_counts (tenant_id, day, surface, country, category, helpline_id, event, count)
                VALUES (\(tenantId), \(day), \(event.surface), \(event.country.rawValue), \(category), \(event.helplineId), \(event.event.rawValue), 1)
                ON CONFLICT (tenant_id, day, surface, country, category, helpline_id, event)
                DO UPDATE SET count = support_event_counts.count + 1
                """], answering: true)
        }
        guard let reportId = event.reportId else { return try await write(count("none")) }
        // A report id must be the tenant's own: its category is counted.
        return try await write(.first("SELECT category FROM reports WHERE id = \(reportId) AND tenant_id = \(tenantId)") { row in
            guard let row else { return .done(false) }
            return count(try row.string("category"))
        })
    }

    public func supportEventCounts(tenantId: Tenant.ID) async throws -> [SupportEventCount] {
        try await read(StorePlan.single("""
            SELECT * FROM support_event_counts WHERE tenant_id = \(tenantId) ORDER BY day, surface, country, category, helpline_id, event
            """) { try $0.map(StoredRows.supportEventCount) })
    }
}
