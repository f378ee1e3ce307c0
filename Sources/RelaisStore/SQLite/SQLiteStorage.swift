import Foundation
import GRDB
import RelaisCore

/// The embedded default: one SQLite file through GRDB, WAL mode, one writer.
///
/// GRDB's `DatabasePool` runs reads concurrently with the single writer. A report's rows
/// (report, case, priority facts, outbox event, idempotency key) are written together, and
/// reports that arrive together share one transaction (`GroupCommit`, up to `writeBatch`),
/// so an acknowledged report is committed. WAL with `synchronous=NORMAL` survives a process
/// crash; the `durability: .full` option fsyncs every commit to also survive power loss.
public final class SQLiteStorage: RelaisStorage {
    public enum Durability: String, Sendable { case normal, full }

    let pool: DatabasePool
    public let location: String
    /// Queue weights, lease duration, repeat-offender threshold.
    public let moderation: ModerationPolicy
    /// Reports written per transaction at most; 1 writes each report in its own.
    public let writeBatch: Int
    private let reportWriter: GroupCommit<PreparedSubmission, SubmissionOutcome>

    public init(path: String, durability: Durability = .normal, moderation: ModerationPolicy = .default, writeBatch: Int = 64) throws {
        self.moderation = moderation
        self.writeBatch = max(1, writeBatch)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            if durability == .full { try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        let pool = try DatabasePool(path: path, configuration: config)
        self.pool = pool
        location = "sqlite:" + path
        let weights = moderation.weights
        reportWriter = GroupCommit(pool: pool, maxBatch: max(1, writeBatch)) { db, prepared in
            try Self.write(prepared, weights: weights, in: db)
        }
    }

    public func migrate() async throws {
        try SQLiteSchema.migrator.migrate(pool)
        let weights = moderation.weights
        try await pool.write { db in try SQLiteCaseFacts.backfill(db, weights: weights) }
    }

    public func sharedSecret(named name: String) async throws -> Data {
        let candidate = SharedSecret.generate()
        return try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO relais_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                arguments: [SharedSecret.key(name), candidate])
            return try SharedSecret.bytes(try String.fetchOne(db, sql: "SELECT value FROM relais_settings WHERE key = ?", arguments: [SharedSecret.key(name)])!)
        }
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: Tenants

    public func createTenant(name: String, now: Date) async throws -> (Tenant, apiKey: String) {
        guard ReportDraft.isIdentifier(name), name.count <= 64 else { throw StorageError.invalidTenantName(name) }
        let key = APIKey.generate()
        let tenant = Tenant(id: UUID().uuidString.lowercased(), name: name, keyPrefix: APIKey.displayPrefix(key), createdAt: now)
        let hash = APIKey.hash(key)
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE name = ?", arguments: [name]) == true {
                throw StorageError.tenantExists(name)
            }
            try db.execute(
                sql: "INSERT INTO tenants (id, name, api_key_hash, key_prefix, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [tenant.id, tenant.name, hash, tenant.keyPrefix, now])
        }
        return (tenant, key)
    }

    public func rotateKey(tenantName: String) async throws -> (Tenant, apiKey: String) {
        let key = APIKey.generate()
        let hash = APIKey.hash(key), prefix = APIKey.displayPrefix(key)
        let tenant = try await pool.write { db -> Tenant in
            try db.execute(sql: "UPDATE tenants SET api_key_hash = ?, key_prefix = ? WHERE name = ?", arguments: [hash, prefix, tenantName])
            guard db.changesCount == 1, let row = try Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE name = ?", arguments: [tenantName]) else {
                throw StorageError.tenantNotFound(tenantName)
            }
            return try StoredRows.tenant(row)
        }
        return (tenant, key)
    }

    public func tenants() async throws -> [Tenant] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM tenants ORDER BY created_at, name").map(StoredRows.tenant) }
    }

    public func tenant(named name: String) async throws -> Tenant? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE name = ?", arguments: [name]).map(StoredRows.tenant) }
    }

    public func tenant(apiKey: String) async throws -> Tenant? {
        let hash = APIKey.hash(apiKey)
        return try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tenants WHERE api_key_hash = ?"), arguments: [hash]).map(StoredRows.tenant)
        }
    }

    // MARK: Reports

    public func submit(_ submission: ReportSubmission) async throws -> SubmissionOutcome {
        // Everything that can be computed before the transaction is: the writer is the one
        // serialized resource, so its critical section holds only SQL.
        let prepared = PreparedSubmission(
            submission: submission, caseIdCandidate: UUID().uuidString.lowercased(),
            receivedAt: Timestamp.format(submission.receivedAt), cardJSON: try submission.support.map(ReceiptCodec.encodeCard))
        if writeBatch == 1 {
            let weights = moderation.weights
            return try await pool.write { db in try Self.write(prepared, weights: weights, in: db) }
        }
        return try await reportWriter.submit(prepared)
    }

    /// A report's rows, inside the caller's transaction.
    static func write(_ p: PreparedSubmission, weights: PriorityWeights, in db: Database) throws -> SubmissionOutcome {
        let s = p.submission, caseIdCandidate = p.caseIdCandidate, receivedAt = p.receivedAt, cardJSON = p.cardJSON
        if let key = s.idempotencyKey,
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT request_hash, response_json FROM idempotency_keys WHERE tenant_id = ? AND key = ?"),
                arguments: [s.tenantId, key])
        {
            guard (row["request_hash"] as String) == s.requestHash else { return .keyReusedWithDifferentRequest }
            return .replayed(try ReceiptCodec.decode(row["response_json"]))
        }
        let draft = s.draft
        let subjectKey = draft.subjectKey
        // One case per tenant and subject: create it or count one more report.
        try db.cachedStatement(sql: """
            INSERT INTO cases (id, tenant_id, subject_key, subject_kind, subject_id, report_count, first_report_at, last_report_at, status)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?, 'open')
            ON CONFLICT (tenant_id, subject_key) DO UPDATE SET report_count = report_count + 1, last_report_at = excluded.last_report_at
            """).execute(arguments: [caseIdCandidate, s.tenantId, subjectKey, draft.subject.kind.rawValue, draft.subject.id, s.receivedAt, s.receivedAt])
        let caseId = try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM cases WHERE tenant_id = ? AND subject_key = ?"), arguments: [s.tenantId, subjectKey])!
        let isNewReporter = try SQLiteCaseFacts.isNewReporter(db, caseId: caseId, reporterId: draft.reporter.id)
        let receipt = ReportReceipt(
            id: s.reportId, receivedAt: receivedAt, status: "received", caseId: caseId, support: s.support,
            json: ReceiptCodec.body(id: s.reportId, receivedAt: receivedAt, caseId: caseId, cardJSON: cardJSON))
        try db.cachedStatement(sql: """
            INSERT INTO reports (id, tenant_id, case_id, received_at, status, surface, category, reporter_id, reporter_country,
              reporter_locale, reporter_age, reporter_is_target, subject_kind, subject_id, subject_url, subject_author_id,
              subject_text, subject_language, subject_created_at, details, good_faith, support_json, reporter_trusted_flagger)
            VALUES (?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                s.reportId, s.tenantId, caseId, s.receivedAt, draft.surface, draft.category.rawValue, draft.reporter.id,
                draft.reporter.country.rawValue, draft.reporter.locale, draft.reporter.ageBracket.rawValue, draft.reporter.isTarget,
                draft.subject.kind.rawValue, draft.subject.id, draft.subject.url, draft.subject.authorId, draft.subject.text,
                draft.subject.language, draft.subject.createdAt, draft.details, draft.goodFaith, cardJSON,
                draft.reporter.trustedFlagger,
            ])
        // The queue's view of the case changes with each report (a more severe category,
        // a child, a trusted flagger, one more reporter): same transaction, so a claim
        // never sees a report without its effect on the priority.
        let caseReport = CaseReport(
            reporterId: draft.reporter.id, category: draft.category, ageBracket: draft.reporter.ageBracket,
            isTarget: draft.reporter.isTarget, isTrustedFlagger: draft.reporter.trustedFlagger != nil,
            trustedFlaggerName: draft.reporter.trustedFlagger, receivedAt: s.receivedAt)
        try SQLiteCaseFacts.record(
            db, report: caseReport, isNewReporter: isNewReporter, authorId: draft.subject.authorId, caseId: caseId, weights: weights)
        try SQLiteOutbox.append(
            OutboxEvent(
                tenantId: s.tenantId, type: "report.received",
                payload: ReportReceivedPayload.json(
                    reportId: s.reportId, caseId: caseId, category: draft.category, surface: draft.surface, receivedAt: receivedAt),
                createdAt: s.receivedAt),
            in: db)
        if let key = s.idempotencyKey {
            try db.cachedStatement(sql: "INSERT INTO idempotency_keys (tenant_id, key, request_hash, report_id, response_json, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(arguments: [s.tenantId, key, s.requestHash, s.reportId, receipt.json, s.receivedAt])
        }
        return .created(receipt)
    }

    public func report(id: String, tenantId: String) async throws -> StoredReport? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT r.*, c.report_count FROM reports r JOIN cases c ON c.id = r.case_id
                WHERE r.id = ? AND r.tenant_id = ?
                """, arguments: [id, tenantId])
            else { return nil }
            return try StoredRows.storedReport(row)
        }
    }

    public func reportCount(tenantId: String) async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports WHERE tenant_id = ?", arguments: [tenantId]) ?? 0 }
    }

    // MARK: Support events

    public func recordSupportEvent(tenantId: String, event: SupportEventDraft, at: Date) async throws -> Bool {
        let day = Timestamp.format(at).prefix(10)
        return try await pool.write { db -> Bool in
            var category = "none"
            if let reportId = event.reportId {
                guard let found = try String.fetchOne(db, sql: "SELECT category FROM reports WHERE id = ? AND tenant_id = ?", arguments: [reportId, tenantId]) else {
                    return false
                }
                category = found
            }
            try db.cachedStatement(sql: """
                INSERT INTO support_event_counts (tenant_id, day, surface, country, category, helpline_id, event, count)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (tenant_id, day, surface, country, category, helpline_id, event) DO UPDATE SET count = count + 1
                """).execute(arguments: [tenantId, String(day), event.surface, event.country.rawValue, category, event.helplineId, event.event.rawValue])
            return true
        }
    }

    public func supportEventCounts(tenantId: String) async throws -> [SupportEventCount] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM support_event_counts WHERE tenant_id = ? ORDER BY day, surface, country, category, helpline_id, event
                """, arguments: [tenantId]).map(StoredRows.supportEventCount)
        }
    }
}

/// A submission with what could be computed before the transaction.
struct PreparedSubmission: Sendable {
    var submission: ReportSubmission
    var caseIdCandidate: String
    var receivedAt: String
    var cardJSON: String?
}

/// The receipt as stored for idempotent replays: deterministic JSON, so a replay is
/// byte-for-byte the first answer.
public enum ReceiptCodec {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public static func decode(_ json: String) throws -> ReportReceipt {
        var receipt = try JSONDecoder().decode(ReportReceipt.self, from: Data(json.utf8))
        receipt.json = json
        return receipt
    }

    /// The receipt's JSON, keys sorted like the encoder's, around the card encoded once.
    /// The ids are UUIDs and the time is ISO 8601: nothing here needs escaping.
    static func body(id: String, receivedAt: String, caseId: String, cardJSON: String?) -> String {
        #"{"caseId":""# + caseId + #"","id":""# + id + #"","receivedAt":""# + receivedAt
            + #"","status":"received","support":"# + (cardJSON ?? "null") + "}"
    }

    static func encodeCard(_ card: SupportCard) throws -> String {
        String(decoding: try encoder.encode(card), as: UTF8.self)
    }

    static func decodeCard(_ json: String) throws -> SupportCard {
        try JSONDecoder().decode(SupportCard.self, from: Data(json.utf8))
    }
}
