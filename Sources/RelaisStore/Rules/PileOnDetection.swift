import Foundation
import RelaisCore

/// What a report naming its target adds, in the report's own transaction, after its rows
/// are written: whether the reports about that person now make a pile-on (`PileOnPolicy`,
/// the pure rule), and if so the pile-on record, its cases and the `target.pile_on` event.
///
/// 1. the window's reports about the target that name an author, from one covering index
///    (`reports_by_target_covering`, migration v25), this report included;
/// 2. the policy decides; below the threshold nothing is written;
/// 3. the target's open pile-on is extended, or one is opened (the event is queued only
///    then, once per pile-on); its cases are linked, and each newly linked case gets the
///    pile-on term of the priority (`CaseQueueColumns.update`, the core's formula).
///
/// Two reports about one person at once must not both miss the threshold, nor open two
/// pile-ons: the report plan takes `lock` (an advisory lock on PostgreSQL, nothing on
/// SQLite's single writer) before anything else, and the partial unique index
/// `pile_ons_open_by_target` refuses a second open pile-on whatever happens.
/// Reports without a target or without an author never reach this plan.
struct PileOnDetection: Sendable {
    let tenantId: Tenant.ID
    let targetId: String
    let reportId: String
    let receivedAt: Date
    let policy: PileOnPolicy
    let weights: PriorityWeights
    let dialect: SQLDialect
    let pileOnIdCandidate: PileOn.ID

    init(
        tenantId: Tenant.ID, targetId: String, reportId: String, receivedAt: Date, policy: PileOnPolicy, weights: PriorityWeights,
        dialect: SQLDialect, pileOnIdCandidate: PileOn.ID = PileOn.ID(rawValue: UUID().uuidString.lowercased())
    ) {
        self.tenantId = tenantId
        self.targetId = targetId
        self.reportId = reportId
        self.receivedAt = receivedAt
        self.policy = policy
        self.weights = weights
        self.dialect = dialect
        self.pileOnIdCandidate = pileOnIdCandidate
        windowQuery = Self.windowQuery(tenantId: tenantId, targetId: targetId, receivedAt: receivedAt, policy: policy, dialect: dialect)
    }

    /// The window's reports about the target: made here, before the report's transaction,
    /// so the writer only runs it. Not kept prepared on PostgreSQL (`SQLStatement.isPrepared`):
    /// `reports_by_tenant` could serve it too, and a plan made without the values chose it.
    let windowQuery: SQLStatement

    /// The lock that serializes the reports about one person (nil where the writer already does).
    var lock: SQLStatement? { Self.lock(tenantId: tenantId, targetId: targetId, dialect: dialect)?.prepared() }

    /// The person's lock, taken by a report about them and by the closing of their pile-on.
    static func lock(tenantId: Tenant.ID, targetId: String, dialect: SQLDialect) -> SQLStatement? {
        dialect.transactionLock("relais.pile-on\u{1F}\(tenantId.rawValue)\u{1F}\(targetId)")
    }

    private static func windowQuery(tenantId: Tenant.ID, targetId: String, receivedAt: Date, policy: PileOnPolicy, dialect: SQLDialect) -> SQLStatement {
        // A second of slack on the lower bound: the policy, not the SQL, says which
        // instants are inside the window (both ends included).
        let from = receivedAt.addingTimeInterval(-policy.window - 1)
        // A closed pile-on's attack is over: only the reports after its last close, and after
        // every report it held, count (read in the same statement, served by the closed
        // pile-ons' index). A report can join the pile-on with an instant later than the
        // close when it was filed before the close committed (another instance's clock, or
        // both in the same second), and it must not count a second time. The status is
        // written in the SQL, not bound: SQLite plans a partial index (`WHERE status =
        // 'closed'`) for a bound value by that value, so it compiled this statement again
        // on every report (11% of the writer's time in the profile). Without a closed
        // pile-on the bound is an instant before `from` (no report older than `from` is read
        // anyway), not `Date.distantPast`: a date outside 1900–2999 goes through GRDB's
        // `DateFormatter` (3% of the writer's time, on every report naming its target).
        return """
            SELECT id, case_id, subject_author_id, received_at FROM reports
            WHERE tenant_id = \(tenantId) AND target_id = \(targetId) AND subject_author_id IS NOT NULL AND received_at >= \(from)
              AND received_at > COALESCE(
                (SELECT MAX(\(raw: dialect.greatest)(closed_at, last_report_at)) FROM pile_ons
                 WHERE tenant_id = \(tenantId) AND target_id = \(targetId) AND status = 'closed'),
                \(from.addingTimeInterval(-1)))
            """
    }

    var plan: StorePlan<Void> {
        .query(windowQuery) { rows in
            var latest: Date?
            var reports: [PileOnPolicy.TargetedReport] = []
            for row in rows {
                let at = try row.date("received_at")
                latest = max(latest ?? at, at)
                reports.append(.init(targetId: targetId, authorId: try row.optionalString("subject_author_id"), caseId: try row.string("case_id"), receivedAt: at))
            }
            // The latest instant read, as the database keeps it (so the window's edges are in
            // the precision of the reports they compare): this report's, or that of a report
            // stamped later that took the target's lock first (reports queue on the lock in no
            // order of their instants). With this report's own instant, the policy left out the
            // later ones, and their cases stayed unlinked until another report came.
            return try decide(reports, now: latest ?? receivedAt)
        }
    }

    private func decide(_ reports: [PileOnPolicy.TargetedReport], now: Date) throws -> StorePlan<Void> {
        guard let pileOn = policy.pileOns(reports, now: now).first(where: { $0.targetId == targetId }) else { return .done(()) }
        return record(pileOn)
    }

    private func record(_ pileOn: PileOnPolicy.PileOn) -> StorePlan<Void> {
        .first("SELECT id FROM pile_ons WHERE tenant_id = \(tenantId) AND target_id = \(targetId) AND status = 'open'") { open in
            let existing: PileOn.ID? = try open?.id("id")
            let id = existing ?? pileOnIdCandidate
            var statements: [SQLStatement] = []
            if existing == nil {
                statements.append("""
                    INSERT INTO pile_ons (id, tenant_id, target_id, status, author_count, first_report_at, last_report_at, opened_at)
                    VALUES (\(id), \(tenantId), \(targetId), 'open', \(pileOn.authorIds.count), \(pileOn.firstReportAt), \(pileOn.lastReportAt), \(receivedAt))
                    """)
            }
            for caseId in pileOn.caseIds {
                statements.append("""
                    INSERT INTO pile_on_cases (pile_on_id, case_id, tenant_id, linked_at) VALUES (\(id), \(caseId), \(tenantId), \(receivedAt))
                    ON CONFLICT (pile_on_id, case_id) DO NOTHING
                    """)
            }
            // Every author ever linked counts, not only the window's: the attack as a whole.
            statements.append("""
                UPDATE pile_ons SET
                  author_count = (SELECT COUNT(DISTINCT r.subject_author_id) FROM reports r JOIN pile_on_cases pc ON pc.case_id = r.case_id
                    WHERE pc.pile_on_id = \(id) AND r.tenant_id = \(tenantId) AND r.target_id = \(targetId)),
                  last_report_at = \(raw: dialect.greatest)(last_report_at, \(pileOn.lastReportAt))
                WHERE id = \(id)
                """)
            if existing == nil {
                statements.append(SharedStatements.outbox(OutboxEvent(
                    tenantId: tenantId, type: PileOnPayload.event,
                    payload: try PileOnPayload(
                        pileOnId: id.rawValue, targetId: targetId, caseIds: pileOn.caseIds, authorCount: pileOn.authorIds.count,
                        firstReportAt: Timestamp.format(pileOn.firstReportAt), lastReportAt: Timestamp.format(pileOn.lastReportAt),
                        openedAt: Timestamp.format(receivedAt)
                    ).json(),
                    createdAt: receivedAt)))
            }
            return .write(statements) { boost(pileOn: id) }
        }
    }

    /// The cases linked for the first time get the pile-on term of the priority, through
    /// the core's formula like every other term.
    private func boost(pileOn id: PileOn.ID) -> StorePlan<Void> {
        .query("""
            SELECT c.id, c.severity, c.involves_minor, c.has_threat, c.trusted_flagger, c.distinct_reporters, c.new_reporters,
              c.low_weight_reports, c.first_report_at, c.pile_on_id
            FROM pile_on_cases pc JOIN cases c ON c.id = pc.case_id
            WHERE pc.pile_on_id = \(id) AND c.pile_on_id IS NULL
            """) { rows in
            let statements = try rows.flatMap { row -> [SQLStatement] in
                let caseId: ModerationCase.ID = try row.id("id")
                var inputs = try StoredRows.priorityInputs(row)
                inputs.inPileOn = true
                return [
                    CaseQueueColumns.update(inputs, authorId: nil, caseId: caseId, weights: weights),
                    "UPDATE cases SET pile_on_id = \(id) WHERE id = \(caseId)",
                ]
            }
            return .write(statements, answering: ())
        }
    }
}
