import Foundation
import RelaisCore

/// Row → value mappings shared by every backend. Column names are the schema's, which is
/// the same on SQLite and PostgreSQL.
enum StoredRows {
    static func tenant(_ row: any ColumnReading) throws -> Tenant {
        Tenant(id: try row.id("id"), name: try row.string("name"), keyPrefix: try row.string("key_prefix"), createdAt: try row.date("created_at"))
    }

    static func moderator(_ row: any ColumnReading) throws -> Moderator {
        Moderator(
            id: try row.id("id"), tenantId: try row.id("tenant_id"), name: try row.string("name"),
            role: Moderator.Role(rawValue: try row.string("role")) ?? .compliance, tokenPrefix: try row.optionalString("token_prefix"),
            createdAt: try row.date("created_at"))
    }

    static func auditEntry(_ row: any ColumnReading) throws -> AuditEntry {
        AuditEntry(
            seq: Int64(try row.int("seq")), tenantId: try row.id("tenant_id"), actor: try row.string("actor"), at: try row.date("at"),
            action: try row.string("action"), caseId: try row.optionalID("case_id"), before: try row.optionalString("before_json"),
            after: try row.optionalString("after_json"))
    }

    static func flagger(_ row: any ColumnReading, tenants: [String]) throws -> TrustedFlagger {
        TrustedFlagger(
            id: try row.id("id"), name: try row.string("name"), designatedBy: try row.string("designated_by"),
            expertise: try row.string("expertise").split(separator: ",").compactMap { ReportCategory(rawValue: String($0)) },
            targetHours: try row.double("target_hours"), tokenPrefix: try row.optionalString("token_prefix"), createdAt: try row.date("created_at"),
            tenants: tenants)
    }

    /// A report joined with its case's `report_count`.
    static func storedReport(_ row: any ColumnReading) throws -> StoredReport {
        let reporter = ReportDraft.Reporter(
            id: try row.string("reporter_id"), country: CountryCode(rawValue: try row.string("reporter_country"))!,
            locale: try row.string("reporter_locale"), ageBracket: AgeBracket(rawValue: try row.string("reporter_age")) ?? .unknown,
            isTarget: try row.bool("reporter_is_target"), trustedFlagger: try row.optionalString("reporter_trusted_flagger"))
        let subject = ReportDraft.Subject(
            kind: ReportDraft.SubjectKind(rawValue: try row.string("subject_kind")) ?? .other, id: try row.string("subject_id"),
            url: try row.optionalString("subject_url"), authorId: try row.optionalString("subject_author_id"),
            text: try row.optionalString("subject_text"), language: try row.optionalString("subject_language"),
            createdAt: try row.optionalString("subject_created_at"))
        var draft = ReportDraft(
            surface: try row.string("surface"), reporter: reporter, subject: subject,
            category: ReportCategory(rawValue: try row.string("category")) ?? .other, details: try row.optionalString("details"),
            goodFaith: try row.bool("good_faith"))
        // The column holds the resolved target; the draft names it only when it is someone else.
        draft.target = reporter.isTarget ? nil : try row.optionalString("target_id")
        return StoredReport(
            id: try row.string("id"), tenantId: try row.id("tenant_id"), caseId: try row.id("case_id"),
            receivedAt: try row.date("received_at"), status: try row.string("status"), draft: draft,
            support: try row.optionalString("support_card_json").map(ReceiptCodec.decodeCard), caseReportCount: try row.int("report_count"),
            linkedReportId: try row.optionalString("linked_report_id"), lowWeightReason: try row.optionalString("low_weight_reason"),
            handoffCode: try row.optionalString("handoff_code"), handoffConsent: try row.optionalString("handoff_consent").flatMap(HandoffConsent.init(rawValue:)))
    }

    /// The columns `caseFacts` reads from each report, in arrival order.
    static let caseReportColumns = """
        reporter_id, category, reporter_age, reporter_is_target, reporter_trusted_flagger, received_at, subject_created_at, subject_language,
        reporter_was_new, low_weight_reason
        """

    /// The core's `CaseFacts` from the case's `subject_kind` and `first_report_at` and its
    /// reports (`caseReportColumns`) in the order they arrived.
    static func caseFacts(caseId: String, caseRow: any ColumnReading, reports rows: [any ColumnReading], priorDecisions: Int) throws -> CaseFacts {
        var createdAt: Date?
        var language: String?
        let reports = try rows.map { r -> CaseReport in
            let flagger = try r.optionalString("reporter_trusted_flagger")
            // The earliest report that says when the content was posted, or its language, wins.
            if createdAt == nil, let text = try r.optionalString("subject_created_at") { createdAt = Timestamp.parse(text) }
            if language == nil { language = try r.optionalString("subject_language") }
            return CaseReport(
                reporterId: try r.string("reporter_id"), category: ReportCategory(rawValue: try r.string("category")) ?? .other,
                ageBracket: AgeBracket(rawValue: try r.string("reporter_age")) ?? .unknown, isTarget: try r.bool("reporter_is_target"),
                isTrustedFlagger: flagger != nil, trustedFlaggerName: flagger, receivedAt: try r.date("received_at"),
                isNewToTenant: try r.bool("reporter_was_new"), isDeprioritized: try r.optionalString("low_weight_reason") == LowWeight.deprioritizedReporter)
        }
        var facts = CaseFacts(
            caseId: caseId, subjectKind: ReportDraft.SubjectKind(rawValue: try caseRow.string("subject_kind")) ?? .other,
            contentCreatedAt: createdAt, contentLanguage: language, openedAt: try caseRow.date("first_report_at"), reports: reports,
            priorDecisionCount: priorDecisions)
        facts.inPileOn = try caseRow.optionalString("pile_on_id") != nil
        return facts
    }

    /// The queue summary stored on a case.
    static func priorityInputs(_ row: any ColumnReading) throws -> PriorityInputs {
        PriorityInputs(
            severity: CategorySeverity(rawValue: try row.int("severity")) ?? .lowest, involvesMinor: try row.bool("involves_minor"),
            hasThreat: try row.bool("has_threat"), hasTrustedFlaggerReport: try row.bool("trusted_flagger"),
            distinctReporterCount: try row.int("distinct_reporters"), newReporterCount: try row.int("new_reporters"),
            deprioritizedReporterCount: try row.int("low_weight_reports"), openedAt: try row.date("first_report_at"),
            inPileOn: try row.optionalString("pile_on_id") != nil)
    }

    /// A decision joined with its moderator's name (`moderator`) and its statement, if any.
    static func recordedDecision(_ row: any ColumnReading, caseId: ModerationCase.ID) throws -> RecordedDecision {
        RecordedDecision(
            id: try row.string("id"), caseId: caseId, moderatorName: try row.string("moderator"), decidedAt: try row.date("decided_at"),
            decision: try JSONDecoder().decode(Decision.self, from: Data(try row.string("decision_json").utf8)),
            statement: try row.optionalString("statement_json").map { try JSONDecoder().decode(StatementOfReasons.self, from: Data($0.utf8)) },
            moderatorId: try row.optionalID("moderator_id"), noticeEventId: try row.optionalString("notice_event_id"),
            noticeDeliveredAt: try row.optionalDate("notice_delivered_at"), replacesDecisionId: try row.optionalString("replaces_decision_id"),
            appealId: try row.optionalString("appeal_id"), supersededBy: try row.optionalString("superseded_by"))
    }

    /// A confirmation that a party was told (`party`, `user_id`: '' for the whole party, `informed_at`).
    static func partyNotification(_ row: any ColumnReading) throws -> PartyNotification {
        let userId = try row.string("user_id")
        return PartyNotification(
            party: AppealParty(rawValue: try row.string("party")) ?? .reporter, userId: userId.isEmpty ? nil : userId,
            informedAt: try row.date("informed_at"))
    }

    static func authorDecision(_ row: any ColumnReading) throws -> AuthorDecision {
        let decision = try JSONDecoder().decode(Decision.self, from: Data(try row.string("decision_json").utf8))
        return AuthorDecision(
            caseId: try row.id("case_id"), decidedAt: try row.date("decided_at"), moderatorName: try row.string("moderator"),
            restrictions: decision.restrictions)
    }

    /// A line of the console's queue: the case, comma-joined `categories` and `countries`, `score`.
    static func queueEntry(_ row: any ColumnReading, now: Date, weights: PriorityWeights) throws -> QueueEntry {
        let dueAt = try row.date("due_at")
        let leaseExpires = try row.optionalDate("lease_expires_at")
        let categories = try row.optionalString("categories") ?? "", countries = try row.optionalString("countries") ?? ""
        let ages = try row.optionalString("ages") ?? ""
        return QueueEntry(
            caseId: try row.id("id"), subjectKind: try row.string("subject_kind"),
            categories: categories.split(separator: ",").map(String.init), countries: countries.split(separator: ",").map(String.init),
            reportCount: try row.int("report_count"), score: try row.double("score"), dueAt: dueAt, overdue: dueAt < now,
            leasedBy: (leaseExpires.map { $0 > now } ?? false) ? try row.optionalString("leased_by") : nil,
            priority: CasePriority.assess(try priorityInputs(row), weights: weights, now: now), preview: try row.optionalString("preview"),
            ageBrackets: ages.split(separator: ",").map(String.init).sorted(), reference: try row.optionalString("reference"),
            escalated: try row.optionalDate("escalated_at") != nil)
    }

    static func deadEvent(_ row: any ColumnReading) throws -> WebhookStatus.DeadEvent {
        WebhookStatus.DeadEvent(
            id: try row.string("id"), tenant: try row.string("name"), type: try row.string("type"), attempts: try row.int("attempts"),
            lastError: try row.optionalString("last_error"), createdAt: try row.date("created_at"))
    }

    static func supportEventCount(_ row: any ColumnReading) throws -> SupportEventCount {
        SupportEventCount(
            day: try row.string("day"), surface: try row.string("surface"), country: try row.string("country"),
            category: try row.string("category"), helplineId: try row.string("helpline_id"), event: try row.string("event"),
            count: try row.int("count"))
    }

    static func delivery(_ row: any ColumnReading) throws -> WebhookDelivery {
        WebhookDelivery(
            eventId: try row.string("id"), tenantId: try row.id("tenant_id"), type: try row.string("type"),
            payload: try row.string("payload"), attempts: try row.int("attempts"), url: try row.string("url"), secret: try row.string("secret"))
    }

    /// Whether `moderator` holds a live lease, from the case's `status`, `lease_owner` and
    /// `lease_expires_at` (`nil`: the tenant has no such case).
    static func leaseCheck(_ row: (any ColumnReading)?, moderator: Moderator, now: Date) throws -> LeaseCheck {
        guard let row else { return .notFound }
        guard try row.string("status") == "open", try row.optionalString("lease_owner") == moderator.id.rawValue,
            let expires = try row.optionalDate("lease_expires_at"), expires > now
        else { return .notLeasedByCaller }
        return .held
    }

    /// A decision as stored (sorted keys, like every stored JSON).
    static func decisionJSON(_ decision: Decision) throws -> String { try StoredJSON.encode(decision) }

    /// The lease state of a case (`status`, the owner's name as `owner`, `lease_expires_at`)
    /// as the audit log's "before"/"after".
    static func leaseStateJSON(_ row: any ColumnReading) throws -> String {
        AuditJSON.lease(owner: try row.optionalString("owner"), expiresAt: try row.optionalDate("lease_expires_at"), status: try row.string("status"))
    }
}

/// `.notFound` for another tenant's case, `.notLeasedByCaller` unless the caller holds a lease
/// that has not expired on an open case.
enum LeaseCheck { case held, notFound, notLeasedByCaller }

extension ModerationPolicy {
    /// The weights as sorted-key JSON: stored beside the cases, so a change of configured
    /// weights is noticed at start-up and the open cases are recomputed with the new ones.
    var weightsFingerprint: String {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(weights), as: UTF8.self)
        }
    }
}
