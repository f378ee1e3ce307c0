import Foundation
import RelaisCore

/// Complaints against decisions, on either backend: each operation is a plan (the filing and
/// the review in their own files), run by the backend's driver.
///
/// **The appeal queue uses the cases' lease machinery** (`LeaseChange` over
/// `LeasedQueue.appeals`): one write transaction picks the complaint due first that nobody
/// holds and whose decision the claimant did not take, and leases it; on PostgreSQL the pick
/// ends in `FOR UPDATE SKIP LOCKED`, so two reviewers never get the same complaint.
extension AppealStore where Self: StoreDriver {
    public func recordNotification(caseId: ModerationCase.ID, tenantId: Tenant.ID, _ notification: PartyNotification, now: Date) async throws
        -> NotificationOutcome
    {
        try await write(DecisionNotices.record(caseId: caseId, tenantId: tenantId, notification, now: now, dialect: dialect))
    }

    public func fileAppeal(_ filing: AppealFiling) async throws -> AppealFilingOutcome {
        try await write(AppealFilingPlan(filing: filing, reviewTime: moderation.appealReviewTime).plan)
    }

    public func decision(id: String, tenantId: Tenant.ID) async throws -> RecordedDecision? {
        try await read(CaseReading.decision(id: id, tenantId: tenantId))
    }

    public func appeal(id: Appeal.ID, tenantId: Tenant.ID, now: Date) async throws -> Appeal? {
        try await read(AppealReading.appeal(id: id, tenantId: tenantId, now: now))
    }

    public func appeals(tenantId: Tenant.ID, status: String?, limit: Int, now: Date) async throws -> [Appeal] {
        let filter: SQLStatement = status.map { "AND a.status = \($0)" } ?? ""
        return try await read(StorePlan.single("""
            SELECT \(raw: AppealReading.columns) WHERE a.tenant_id = \(tenantId) \(filter) ORDER BY a.received_at DESC, a.id LIMIT \(limit)
            """) { rows in try rows.map { try AppealReading.appeal($0, now: now) } })
    }

    public func appeals(caseId: ModerationCase.ID, tenantId: Tenant.ID, appellantId: String, now: Date) async throws -> [Appeal] {
        try await read(StorePlan.single("""
            SELECT \(raw: AppealReading.columns) WHERE a.tenant_id = \(tenantId) AND a.case_id = \(caseId) AND a.appellant_id = \(appellantId)
            ORDER BY a.received_at, a.id
            """) { rows in try rows.map { try AppealReading.appeal($0, now: now) } })
    }

    public func claimNextAppeal(for moderator: Moderator, now: Date) async throws -> AppealReview? {
        let leaseDuration = moderation.leaseDuration, dialect = self.dialect
        let claimed = try await write(StorePlan<ModerationCase.ID?>.first("""
            SELECT a.id FROM appeals a
            WHERE a.tenant_id = \(moderator.tenantId) AND a.status = 'open' AND (a.lease_expires_at IS NULL OR a.lease_expires_at <= \(now))
              AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = a.decision_id AND d.moderator_id = \(moderator.id))
            ORDER BY a.due_at, a.received_at, a.id
            LIMIT 1\(raw: dialect.skipLocked)
            """) { row in
            guard let id: ModerationCase.ID = try row?.id("id") else { return .done(nil) }
            return LeaseChange.claim(id, queue: .appeals, moderator: moderator, now: now, leaseDuration: leaseDuration).then { .done($0) }
        })
        guard let claimed else { return nil }
        return try await appealReview(id: Appeal.ID(rawValue: claimed.rawValue), tenantId: moderator.tenantId, now: now)
    }

    public func appealReview(id: Appeal.ID, tenantId: Tenant.ID, now: Date) async throws -> AppealReview? {
        try await read(AppealReading.review(id: id, tenantId: tenantId, now: now, policy: moderation, dialect: dialect))
    }

    public func renewAppealLease(id: Appeal.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        switch try await changeAppealLease(.renew, id: id, by: moderator, now: now) {
        case .notFound: return .notFound
        case .notLeasedByCaller: return .notLeasedByCaller
        case .changed:
            guard let review = try await appealReview(id: id, tenantId: moderator.tenantId, now: now) else { return .notFound }
            return .leased(review.moderationCase)
        }
    }

    public func releaseAppealLease(id: Appeal.ID, by moderator: Moderator, now: Date) async throws -> LeaseOutcome {
        switch try await changeAppealLease(.release, id: id, by: moderator, now: now) {
        case .notFound: return .notFound
        case .notLeasedByCaller: return .notLeasedByCaller
        case .changed: return .released
        }
    }

    private func changeAppealLease(_ kind: LeaseChange.Kind, id: Appeal.ID, by moderator: Moderator, now: Date) async throws -> LeaseChange.Result {
        let change = LeaseChange(
            kind: kind, caseId: ModerationCase.ID(rawValue: id.rawValue), moderator: moderator, now: now, leaseDuration: moderation.leaseDuration,
            queue: .appeals)
        return try await write(change.plan(dialect: dialect))
    }

    public func decideAppeal(id: Appeal.ID, _ resolution: AppealResolution, by moderator: Moderator, outOfCourt: OutOfCourtBody?, now: Date)
        async throws -> AppealDecisionOutcome
    {
        try await write(AppealDecisionPlan(appealId: id, resolution: resolution, reviewer: moderator, outOfCourt: outOfCourt, now: now).plan(dialect: dialect))
    }

    public func appealStatistics(tenantId: Tenant.ID, from: Date, to: Date) async throws -> AppealStatistics {
        AppealStatistics.tally(try await appealEntries(tenantId: tenantId, from: from, to: to))
    }

    /// The complaints received in `from..<to`, as the statistics count them.
    public func appealEntries(tenantId: Tenant.ID, from: Date, to: Date) async throws -> [AppealStatistics.Entry] {
        try await read(StorePlan.single("""
            SELECT a.party, a.received_at, a.decided_at, a.outcome, a.restrictions_imposed, d.decision_json,
              CASE WHEN EXISTS (SELECT 1 FROM reports r WHERE r.case_id = a.case_id AND r.reporter_trusted_flagger IS NOT NULL)
                THEN 1 ELSE 0 END AS on_trusted_flagger_notice
            FROM appeals a JOIN decisions d ON d.id = a.decision_id
            WHERE a.tenant_id = \(tenantId) AND a.received_at >= \(from) AND a.received_at < \(to)
            """) { rows in
            try rows.map { row in
                AppealStatistics.Entry(
                    party: AppealParty(rawValue: try row.string("party")) ?? .reporter,
                    decisionUnderReview: try JSONDecoder().decode(Decision.self, from: Data(try row.string("decision_json").utf8)),
                    receivedAt: try row.date("received_at"), decidedAt: try row.optionalDate("decided_at"),
                    outcome: try row.optionalString("outcome").flatMap(AppealOutcome.init(rawValue:)),
                    imposedNewRestriction: try row.bool("restrictions_imposed"),
                    onTrustedFlaggerNotice: try row.int("on_trusted_flagger_notice") == 1)
            }
        })
    }
}
