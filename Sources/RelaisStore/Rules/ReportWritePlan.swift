import Foundation
import RelaisCore

/// What storing one report does, on either backend, in one transaction:
/// 1. take the idempotency key first (`INSERT … ON CONFLICT DO NOTHING`): a concurrent
///    request with the same key, on any instance, waits on that row until this one commits,
///    then replays its answer; a different request with the key is refused;
/// 2. create the subject's case or count one more report on it; the case row stays locked
///    until commit, so the next report about the subject sees this one;
/// 3. ask whether the reporter is new to the case (on SQLite in the case's statement, see
///    `caseColumns`; on PostgreSQL, for an open case, in the writes of step 4, see `writes`);
///    on a decided case, whether the report
///    reopens it (`ReopeningRule`: only after a decision not to act, and only with something
///    new), else it is attached to the decision in force;
/// 4. write the report, the case's queue columns (`CaseQueueColumns`), the `report.received`
///    outbox event and the idempotent answer, which touch different rows, so PostgreSQL
///    sends them as one statement;
/// 5. a report naming its target and the content's author: whether the reports about that
///    person now make a pile-on (`PileOnDetection`), under a lock on the target taken first.
/// Everything that can be computed before the transaction is, here: the writer is the
/// one serialized resource, so its critical section holds only SQL.
struct ReportWritePlan: Sendable {
    let submission: ReportSubmission
    let caseIdCandidate: ModerationCase.ID
    let receivedAt: String
    let cardJSON: String?
    let weights: PriorityWeights
    let reopening: ReopeningRule
    /// Only for a report that names its target and the content's author: the others pay nothing.
    let pileOn: PileOnDetection?
    let dialect: SQLDialect
    /// The `report.received` event's id, drawn before the transaction (a system call).
    let eventId: String
    let handoff: ReportReceipt.Handoff?
    let statusPage: ReportReceipt.StatusPage?
    /// The receipt's JSON after its case id (`ReceiptCodec.afterCaseId`), and the report's
    /// insert up to the values that depend on its case (`reportInsert(caseId:standing:)`):
    /// made here, outside the writer, whose critical section then only completes them.
    let receiptAfterCaseId: String
    let reportInsertPrefix: SQLStatement
    /// The card's id in `support_cards` (`SupportCardRow`), hashed here, outside the writer.
    let cardId: String?

    init(
        _ submission: ReportSubmission, weights: PriorityWeights, reopening: ReopeningRule = .default,
        pileOnPolicy: PileOnPolicy = .default, dialect: SQLDialect = .sqlite,
        caseIdCandidate: ModerationCase.ID? = nil
    ) throws {
        self.submission = submission
        if let targetId = submission.draft.targetId, submission.draft.subject.authorId != nil {
            pileOn = PileOnDetection(
                tenantId: submission.tenantId, targetId: targetId, reportId: submission.reportId, receivedAt: submission.receivedAt,
                policy: pileOnPolicy, weights: weights, dialect: dialect)
        } else {
            pileOn = nil
        }
        self.caseIdCandidate = caseIdCandidate ?? ModerationCase.ID(rawValue: TimeOrderedID.make(at: submission.receivedAt))
        self.weights = weights
        self.reopening = reopening
        self.dialect = dialect
        eventId = TimeOrderedID.make(at: submission.receivedAt)
        receivedAt = Timestamp.format(submission.receivedAt)
        let cardJSON = try submission.supportJSON ?? submission.support.map(ReceiptCodec.encodeCard)
        self.cardJSON = cardJSON
        let s = submission
        let handoff = s.handoffCode.map {
            ReportReceipt.Handoff(reference: $0, expiresAt: Timestamp.format(s.receivedAt.addingTimeInterval(HandoffReference.lifetime)))
        }
        let statusPage = s.statusToken.map { ReportReceipt.StatusPage(token: $0, expiresAt: ReportLinkToken.expiry(receivedAt: s.receivedAt)) }
        self.handoff = handoff
        self.statusPage = statusPage
        receiptAfterCaseId = ReceiptCodec.afterCaseId(
            id: s.reportId, receivedAt: receivedAt, cardJSON: cardJSON, handoff: handoff, statusPage: statusPage)
        let cardId = cardJSON.map(SupportCardRow.id(of:))
        self.cardId = cardId
        let draft = s.draft, reporter = draft.reporter, subject = draft.subject
        // The columns that depend on the report's case come last, filled in by `reportInsert`.
        reportInsertPrefix = """
            INSERT INTO reports (id, tenant_id, received_at, status, surface, category, reporter_id, reporter_country,
              reporter_locale, reporter_age, reporter_is_target, subject_kind, subject_id, subject_url, subject_author_id,
              subject_text, subject_language, subject_created_at, details, good_faith, support_card_id, reporter_trusted_flagger, flagger_id,
              handoff_code, target_id, case_id, linked_report_id, reporter_was_new, low_weight_reason)
            VALUES (\(s.reportId), \(s.tenantId), \(s.receivedAt), 'received', \(draft.surface), \(draft.category.rawValue),
              \(reporter.id), \(reporter.country.rawValue), \(reporter.locale), \(reporter.ageBracket.rawValue), \(reporter.isTarget),
              \(subject.kind.rawValue), \(subject.id), \(subject.url), \(subject.authorId), \(subject.text), \(subject.language),
              \(subject.createdAt), \(draft.details), \(draft.goodFaith), \(cardId), \(reporter.trustedFlagger), \(s.flaggerId),
              \(s.handoffCode), \(draft.targetId),\u{20}
            """
    }

    /// The report's insert, once its case and what the tenant knows of the reporter are known.
    func reportInsert(caseId: ModerationCase.ID, standing: ReporterStanding) -> SQLStatement {
        let insert: SQLStatement = """
            \(reportInsertPrefix)\(caseId), \(standing.linkedReportId), \(standing.isNewToTenant), \
            \(standing.isDeprioritized ? LowWeight.deprioritizedReporter : nil))
            """
        return insert.prepared()
    }

    var plan: StorePlan<SubmissionOutcome> {
        // The target's lock before any row lock, so two reports about one person wait for
        // each other here and never hold each other's case.
        guard let lock = pileOn?.lock else { return intake }
        return .write([lock]) { intake }
    }

    private var intake: StorePlan<SubmissionOutcome> {
        let s = submission
        guard let key = s.idempotencyKey else { return storeCase }
        return .query(SQLStatement("""
            INSERT INTO idempotency_keys (tenant_id, key, request_hash, report_id, response_json, created_at)
            VALUES (\(s.tenantId), \(key), \(s.requestHash), \(s.reportId), '', \(s.receivedAt))
            ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key
            """).prepared()) { taken in
            guard taken.isEmpty else { return storeCase }
            return .first(SQLStatement("SELECT request_hash, response_json FROM idempotency_keys WHERE tenant_id = \(s.tenantId) AND key = \(key)").prepared()) { row in
                try .done(Self.replay(of: row!, requestHash: s.requestHash))
            }
        }
    }

    /// The stored answer for a key already taken.
    static func replay(of stored: any ColumnReading, requestHash: String) throws -> SubmissionOutcome {
        guard try stored.string("request_hash") == requestHash else { return .keyReusedWithDifferentRequest }
        return .replayed(try ReceiptCodec.decode(try stored.string("response_json")))
    }

    private var storeCase: StorePlan<SubmissionOutcome> {
        guard let reference = submission.citedReference else { return upsertCase }
        // A flagger's notice citing a hand-off reference joins the victim's case, when the
        // reference is this tenant's, unexpired, unambiguous and consented to; otherwise it
        // is handled on its own, and the flagger is told only "not linked".
        let s = submission
        return .query("""
            SELECT id, case_id, handoff_consent, received_at FROM reports
            WHERE tenant_id = \(s.tenantId) AND handoff_code = \(reference) AND flagger_id IS NULL LIMIT 2
            """) { rows in
            guard rows.count == 1, let row = rows.first, try row.optionalString("handoff_consent") == HandoffConsent.given.rawValue,
                s.receivedAt.timeIntervalSince(try row.date("received_at")) <= HandoffReference.lifetime
            else { return upsertCase }
            let victimCase: ModerationCase.ID = try row.id("case_id"), victimReport = try row.string("id")
            return .first("""
                UPDATE cases SET report_count = report_count + 1, last_report_at = \(s.receivedAt) WHERE id = \(victimCase)
                RETURNING \(caseColumns)
                """) { caseRow in try continueWith(caseRow: caseRow!, linkedReportId: victimReport) }
        }
    }

    /// The case's queue summary and status, and what the tenant knows of the reporter (when
    /// first seen, whether under lower priority), in the statement that creates or counts the
    /// case: no round trip of its own. Where the dialect allows it (SQLite), also whether the
    /// reporter has reported the case before; PostgreSQL asks that after the case's lock.
    private var caseColumns: SQLStatement {
        let s = submission
        let columns: SQLStatement = """
            id, status, severity, involves_minor, has_threat, trusted_flagger, distinct_reporters, new_reporters, low_weight_reports, \
            first_report_at, pile_on_id, \
            (SELECT first_seen_at FROM reporter_standing WHERE tenant_id = \(s.tenantId) AND reporter_id = \(s.draft.reporter.id)) AS reporter_first_seen, \
            (SELECT deprioritized_until FROM reporter_standing WHERE tenant_id = \(s.tenantId) AND reporter_id = \(s.draft.reporter.id)) \
            AS reporter_low_priority_until
            """
        guard dialect.returningReadsAfterRowLock else { return columns }
        return """
            \(columns), \
            EXISTS (SELECT 1 FROM reports WHERE case_id = cases.id AND reporter_id = \(s.draft.reporter.id)) AS reporter_seen
            """
    }

    private var upsertCase: StorePlan<SubmissionOutcome> {
        let s = submission, draft = s.draft
        return .first(SQLStatement("""
            INSERT INTO cases (id, tenant_id, subject_key, subject_kind, subject_id, report_count, first_report_at, last_report_at, status)
            VALUES (\(caseIdCandidate), \(s.tenantId), \(draft.subjectKey), \(draft.subject.kind.rawValue), \(draft.subject.id), 1,
              \(s.receivedAt), \(s.receivedAt), 'open')
            ON CONFLICT (tenant_id, subject_key)
            DO UPDATE SET report_count = cases.report_count + 1, last_report_at = excluded.last_report_at
            RETURNING \(caseColumns)
            """).prepared()) { caseRow in try continueWith(caseRow: caseRow!, linkedReportId: nil) }
    }

    private func continueWith(caseRow: any ColumnReading, linkedReportId: String?) throws -> StorePlan<SubmissionOutcome> {
        let draft = submission.draft
        let caseId: ModerationCase.ID = try caseRow.id("id")
        let inputs = try StoredRows.priorityInputs(caseRow)
        let lowPriorityUntil = try caseRow.optionalDate("reporter_low_priority_until")
        let firstSeen = try caseRow.optionalDate("reporter_first_seen")
        let standing = ReporterStanding(
            // A flagger is an organisation the tenant accepted, never a raid's new account.
            isNewToTenant: submission.flaggerId == nil && weights.coordinated.isNew(firstSeen: firstSeen, now: submission.receivedAt),
            isDeprioritized: lowPriorityUntil.map { $0 > submission.receivedAt } ?? false, linkedReportId: linkedReportId,
            isRecorded: firstSeen != nil)
        // A case made by this report has no earlier reporter to look for.
        guard caseId != caseIdCandidate else { return try store(caseId: caseId, inputs: inputs, isNewReporter: true, standing: standing) }
        let decided = try caseRow.string("status") == "decided"
        let goOn = { @Sendable (isNewReporter: Bool) throws -> StorePlan<SubmissionOutcome> in
            guard decided else { return try store(caseId: caseId, inputs: inputs, isNewReporter: isNewReporter, standing: standing) }
            return reopeningCheck(caseId: caseId, isNewReporter: isNewReporter).then { reason in
                try store(caseId: caseId, inputs: inputs, isNewReporter: isNewReporter, standing: standing, afterDecision: .some(reason))
            }
        }
        if dialect.returningReadsAfterRowLock { return try goOn(!(try caseRow.bool("reporter_seen"))) }
        // PostgreSQL, an open case: the writes answer it themselves (`writes` with no answer),
        // a round trip fewer; a decided case needs the answer before it weighs reopening.
        guard decided else { return try store(caseId: caseId, inputs: inputs, isNewReporter: nil, standing: standing) }
        return .query(SQLStatement("SELECT 1 AS seen FROM reports WHERE case_id = \(caseId) AND reporter_id = \(draft.reporter.id) LIMIT 1").prepared()) { seen in
            try goOn(seen.isEmpty)
        }
    }

    /// Whether this report reopens the decided case: what the decision in force weighed,
    /// read only for reports on decided cases (never on the path of an open case's report).
    private func reopeningCheck(caseId: ModerationCase.ID, isNewReporter: Bool) -> StorePlan<ReopeningRule.Reason?> {
        let draft = submission.draft, rule = reopening
        return .first("""
            SELECT restrictive, decided_at FROM decisions WHERE case_id = \(caseId) AND superseded_by IS NULL ORDER BY decided_at DESC, id DESC LIMIT 1
            """) { decision in
            guard let decision else { return .done(nil) }
            let newReport = ReopeningRule.NewReport(
                category: draft.category, isTrustedFlagger: draft.reporter.trustedFlagger != nil, isNewReporter: isNewReporter)
            if try decision.bool("restrictive") { return .done(nil) }
            let decidedAt = try decision.date("decided_at")
            return .query("SELECT DISTINCT category FROM reports WHERE case_id = \(caseId) AND received_at <= \(decidedAt)") { categoryRows in
                let weighed = Set(try categoryRows.compactMap { ReportCategory(rawValue: try $0.string("category")) })
                return .first("""
                    SELECT
                      (SELECT COUNT(*) FROM reports WHERE case_id = \(caseId) AND received_at <= \(decidedAt) AND reporter_trusted_flagger IS NOT NULL)
                        AS flagged,
                      (SELECT COUNT(DISTINCT r.reporter_id) FROM reports r WHERE r.case_id = \(caseId) AND r.received_at > \(decidedAt)
                        AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.case_id = r.case_id AND p.reporter_id = r.reporter_id AND p.received_at <= \(decidedAt)))
                        AS new_reporters
                    """) { counts in
                    .done(rule.reopens(
                        decisionRestricts: false, weighedCategories: weighed, weighedTrustedFlagger: try counts?.int("flagged") ?? 0 > 0,
                        newReportersBefore: try counts?.int("new_reporters") ?? 0, report: newReport))
                }
            }
        }
    }

    /// `afterDecision`: the case was decided; `.some(nil)` attaches the report, `.some(reason)` reopens.
    private func store(
        caseId: ModerationCase.ID, inputs: PriorityInputs, isNewReporter: Bool?, standing: ReporterStanding,
        afterDecision: ReopeningRule.Reason?? = nil
    ) throws -> StorePlan<SubmissionOutcome> {
        var result = try writes(caseId: caseId, inputs: inputs, isNewReporter: isNewReporter, standing: standing)
        if case .some(let reopening) = afterDecision {
            result.statements += Self.afterDecision(reopening, caseId: caseId, reportId: submission.reportId, tenantId: submission.tenantId, now: submission.receivedAt)
        }
        guard let pileOn else { return .write(result.statements, together: afterDecision == nil, answering: result.outcome) }
        let outcome = result.outcome
        return .write(result.statements, together: afterDecision == nil) { pileOn.plan.then { _ in .done(outcome) } }
    }

    /// A report on a decided case: reopened with its reason in the audit log, or attached to
    /// the decision in force (the report then shows as decided).
    static func afterDecision(_ reason: ReopeningRule.Reason?, caseId: ModerationCase.ID, reportId: String, tenantId: Tenant.ID, now: Date) -> [SQLStatement] {
        guard let reason else { return ["UPDATE reports SET status = 'decided' WHERE id = \(reportId)"] }
        return [
            "UPDATE cases SET status = 'open' WHERE id = \(caseId)",
            SharedStatements.audit(
                tenantId: tenantId, actor: "relais", at: now, action: "case.reopened", caseId: caseId, before: AuditJSON.make(["status": "decided"]),
                after: AuditJSON.make(["status": "open", "reason": reason.rawValue, "reportId": reportId])),
        ]
    }

    /// The report's rows once its case is known: pure, so tests read them without a database.
    /// `isNewReporter` nil: not asked yet (PostgreSQL, an open case). The case's queue columns
    /// are then written by one of two updates, each computed here by the core's formula, under
    /// the condition that says which applies. They go first: on PostgreSQL the writes are one
    /// statement (one snapshot, taken after the case's lock, so every earlier report on the
    /// case is in it and this one is not); run one after the other, the condition still reads
    /// the reports from before this one.
    func writes(
        caseId: ModerationCase.ID, inputs: PriorityInputs, isNewReporter: Bool?, standing: ReporterStanding = ReporterStanding()
    ) throws -> (statements: [SQLStatement], outcome: SubmissionOutcome) {
        let s = submission, draft = s.draft, reporter = draft.reporter, subject = draft.subject
        var receipt = ReportReceipt(
            id: s.reportId, receivedAt: receivedAt, status: "received", caseId: caseId.rawValue, support: s.support,
            json: ReceiptCodec.body(caseId: caseId.rawValue, afterCaseId: receiptAfterCaseId))
        receipt.handoff = handoff
        receipt.statusPage = statusPage
        receipt.linked = standing.linkedReportId != nil
        // The queue's view of the case changes with each report (a more severe category, a
        // child, a trusted flagger, one more reporter): same transaction, so a claim never
        // sees a report without its effect on the priority.
        let report = CaseReport(
            reporterId: reporter.id, category: draft.category, ageBracket: reporter.ageBracket, isTarget: reporter.isTarget,
            isTrustedFlagger: reporter.trustedFlagger != nil, trustedFlaggerName: reporter.trustedFlagger, receivedAt: s.receivedAt,
            isNewToTenant: standing.isNewToTenant, isDeprioritized: standing.isDeprioritized)
        let queue: (before: [SQLStatement], after: [SQLStatement])
        if let isNewReporter {
            queue = ([], [CaseQueueColumns.update(
                inputs.merging(report, isNewReporter: isNewReporter), authorId: subject.authorId, caseId: caseId, weights: weights)])
        } else {
            let seen: SQLStatement = "EXISTS (SELECT 1 FROM reports WHERE case_id = \(caseId) AND reporter_id = \(reporter.id))"
            queue = ([
                CaseQueueColumns.update(
                    inputs.merging(report, isNewReporter: true), authorId: subject.authorId, caseId: caseId, weights: weights, onlyIf: "NOT \(seen)"),
                CaseQueueColumns.update(
                    inputs.merging(report, isNewReporter: false), authorId: subject.authorId, caseId: caseId, weights: weights, onlyIf: seen),
            ], [])
        }
        var statements = queue.before
        if let cardId, let cardJSON { statements.append(SupportCardRow.insert(id: cardId, json: cardJSON)) }
        statements.append(reportInsert(caseId: caseId, standing: standing))
        if !standing.isRecorded {
            // A reporter's first report records when the tenant first saw them, which
            // `CoordinatedReportingPolicy.isNew` reads on their later reports.
            statements.append("""
                INSERT INTO reporter_standing (tenant_id, reporter_id, first_seen_at) VALUES (\(s.tenantId), \(reporter.id), \(s.receivedAt))
                ON CONFLICT (tenant_id, reporter_id) DO NOTHING
                """)
        }
        statements += queue.after
        statements.append(SharedStatements.outbox(OutboxEvent(
            id: eventId, tenantId: s.tenantId, type: "report.received",
            payload: ReportReceivedPayload.json(
                reportId: s.reportId, caseId: caseId.rawValue, category: draft.category, surface: draft.surface, receivedAt: receivedAt),
            createdAt: s.receivedAt)))
        if let key = s.idempotencyKey {
            statements.append("UPDATE idempotency_keys SET response_json = \(receipt.json) WHERE tenant_id = \(s.tenantId) AND key = \(key)")
        }
        // Each a write by a key (a row's id, the case's, the reporter's, the card's): one plan
        // whatever the values, kept prepared on PostgreSQL.
        return (statements.map { $0.prepared() }, .created(receipt))
    }
}
