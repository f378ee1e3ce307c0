import Foundation
import RelaisCore
import GRDB
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// A fresh database on the backend under test (`TestBackend.current`), removed by the caller.
func makeStorage() async throws -> (any RelaisStorage, TestDatabase) {
    let database = try await TestDatabase.make()
    return (database.storage, database)
}

/// A migrated SQLite storage in a folder of its own, removed after `body`: for what only
/// SQLite has (its writer, its query plans), whatever `TestBackend.current` is.
func withSQLiteStorage<T>(writeBatch: Int = 1, _ body: (SQLiteStorage) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-sqlite-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let storage = try SQLiteStorage(path: folder.appendingPathComponent("r.sqlite").path, writeBatch: writeBatch)
    try await storage.migrate()
    return try await body(storage)
}

func draft(subject: String = "c-1", reporter: String = "u-1", category: ReportCategory = .harassment, text: String? = nil) -> ReportDraft {
    ReportDraft(
        surface: "web",
        reporter: .init(id: reporter, country: CountryCode(rawValue: "FR")!, locale: "fr-FR", ageBracket: .teen, isTarget: true),
        subject: .init(kind: .comment, id: subject, text: text),
        category: category, details: nil, goodFaith: true)
}

func submission(_ tenant: Tenant, _ d: ReportDraft, key: String? = nil, hash: String = "h1") -> ReportSubmission {
    ReportSubmission(
        tenantId: tenant.id, reportId: UUID().uuidString.lowercased(), draft: d, support: nil, receivedAt: Date(),
        idempotencyKey: key, requestHash: hash)
}

@Suite("Storage (SQLite, or PostgreSQL with RELAIS_TEST_BACKEND=postgres)")
struct StorageTests {
    @Test func tenantKeysAreHashedAndRotate() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, key) = try await storage.createTenant(name: "acme", now: Date())
        #expect(key.hasPrefix("rls_") && key.count == 68)
        #expect(try await storage.tenant(apiKey: key)?.id == tenant.id)
        #expect(try await storage.tenant(apiKey: key + "x") == nil)

        // The key itself is nowhere in the database.
        #expect(try await db.stores(tenant.keyPrefix), "the check can see what is stored")
        #expect(try await db.stores(key) == false)

        let (_, newKey) = try await storage.rotateKey(tenantName: "acme")
        #expect(try await storage.tenant(apiKey: key) == nil)
        #expect(try await storage.tenant(apiKey: newKey)?.name == "acme")
        await #expect(throws: StorageError.tenantExists("acme")) { try await storage.createTenant(name: "acme", now: Date()) }
        await #expect(throws: StorageError.tenantNotFound("nobody")) { try await storage.rotateKey(tenantName: "nobody") }
        await #expect(throws: StorageError.invalidTenantName("a b")) { try await storage.createTenant(name: "a b", now: Date()) }
    }

    @Test func aTenantIsFoundByItsIdAndOnlyByIt() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        #expect(try await storage.tenant(id: tenant.id)?.name == "acme")
        // A name is not an id: the typed id keeps them apart at compile time, and the store too.
        #expect(try await storage.tenant(id: Tenant.ID(rawValue: "acme")) == nil)
    }

    @Test func reportsAboutTheSameSubjectFormOneCase() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        guard case .created(let first) = try await storage.submit(submission(tenant, draft(reporter: "a"))),
            case .created(let second) = try await storage.submit(submission(tenant, draft(reporter: "b"))),
            case .created(let other) = try await storage.submit(submission(tenant, draft(subject: "c-2")))
        else { Issue.record("expected three created reports"); return }
        #expect(first.caseId == second.caseId)
        #expect(other.caseId != first.caseId)
        let stored = try #require(try await storage.report(id: second.id, tenantId: tenant.id))
        #expect(stored.caseReportCount == 2)
        #expect(stored.draft == draft(reporter: "b"))
        #expect(try await storage.reportCount(tenantId: tenant.id) == 3)
    }

    @Test func tenantsAreIsolated() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (a, _) = try await storage.createTenant(name: "a", now: Date())
        let (b, _) = try await storage.createTenant(name: "b", now: Date())
        guard case .created(let ra) = try await storage.submit(submission(a, draft())),
            case .created(let rb) = try await storage.submit(submission(b, draft()))
        else { Issue.record("expected created"); return }
        #expect(ra.caseId != rb.caseId, "the same subject id on two platforms is two cases")
        #expect(try await storage.report(id: ra.id, tenantId: b.id) == nil)
        #expect(try await storage.report(id: ra.id, tenantId: a.id) != nil)
        // The same idempotency key on two tenants is two reports.
        let ka = try await storage.submit(submission(a, draft(subject: "x"), key: "same"))
        let kb = try await storage.submit(submission(b, draft(subject: "x"), key: "same"))
        guard case .created = ka, case .created = kb else { Issue.record("keys are per tenant"); return }
    }

    @Test func idempotencyReplaysAndRefusesADifferentRequest() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        guard case .created(let first) = try await storage.submit(submission(tenant, draft(), key: "k1", hash: "h1")) else {
            Issue.record("expected created"); return
        }
        #expect(try await storage.submit(submission(tenant, draft(), key: "k1", hash: "h1")) == .replayed(first))
        #expect(try await storage.submit(submission(tenant, draft(subject: "zzz"), key: "k1", hash: "h2")) == .keyReusedWithDifferentRequest)
        #expect(try await storage.reportCount(tenantId: tenant.id) == 1)
    }

    @Test func concurrentRetriesStoreOneReport() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        let outcomes = try await withThrowingTaskGroup(of: SubmissionOutcome.self) { group in
            for _ in 0..<32 { group.addTask { try await storage.submit(submission(tenant, draft(), key: "retry", hash: "h")) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let created = outcomes.filter { if case .created = $0 { true } else { false } }
        #expect(created.count == 1)
        #expect(outcomes.count == 32)
        #expect(try await storage.reportCount(tenantId: tenant.id) == 1)
        let ids = Set(outcomes.compactMap { outcome -> String? in
            switch outcome {
            case .created(let r), .replayed(let r): r.id
            case .keyReusedWithDifferentRequest: nil
            }
        })
        #expect(ids.count == 1, "every retry answers with the same report")
    }

    @Test func concurrentReportsAboutOneSubjectCountExactly() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<40 { group.addTask { _ = try await storage.submit(submission(tenant, draft(reporter: "r\(i)"))) } }
            try await group.waitForAll()
        }
        guard case .created(let last) = try await storage.submit(submission(tenant, draft(reporter: "last"))) else {
            Issue.record("expected created"); return
        }
        #expect(try await storage.report(id: last.id, tenantId: tenant.id)?.caseReportCount == 41)
    }

    @Test func supportEventsAreCountedWithoutPersonalData() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        let (other, _) = try await storage.createTenant(name: "other", now: Date())
        guard case .created(let report) = try await storage.submit(submission(tenant, draft(category: .hate))) else {
            Issue.record("expected created"); return
        }
        let fr = CountryCode(rawValue: "FR")!
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let call = SupportEventDraft(reportId: report.id, helplineId: "fr-3018", event: .call, surface: "web", country: fr)
        #expect(try await storage.recordSupportEvent(tenantId: tenant.id, event: call, at: at))
        #expect(try await storage.recordSupportEvent(tenantId: tenant.id, event: call, at: at))
        let shown = SupportEventDraft(reportId: nil, helplineId: "fr-3018", event: .shown, surface: "web", country: fr)
        #expect(try await storage.recordSupportEvent(tenantId: tenant.id, event: shown, at: at))
        // Another tenant's report id is refused and counts nothing.
        #expect(try await storage.recordSupportEvent(tenantId: other.id, event: call, at: at) == false)
        let counts = try await storage.supportEventCounts(tenantId: tenant.id)
        #expect(counts == [
            SupportEventCount(day: "2026-11-18", surface: "web", country: "FR", category: "hate", helplineId: "fr-3018", event: "call", count: 2),
            SupportEventCount(day: "2026-11-18", surface: "web", country: "FR", category: "none", helplineId: "fr-3018", event: "shown", count: 1),
        ])
        #expect(try await storage.supportEventCounts(tenantId: other.id).isEmpty)
    }

    @Test func migrationsAreIdempotentAndDataSurvivesReopening() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, key) = try await storage.createTenant(name: "acme", now: Date())
        guard case .created(let receipt) = try await storage.submit(submission(tenant, draft(text: "<b>snapshot</b>"))) else {
            Issue.record("expected created"); return
        }
        let reopened = try db.openAnother()
        try await reopened.migrate()
        try await reopened.ping()
        #expect(try await reopened.tenant(apiKey: key)?.id == tenant.id)
        #expect(try await reopened.report(id: receipt.id, tenantId: tenant.id)?.draft.subject.text == "<b>snapshot</b>")
    }

    @Test func severalInstancesMigratingAtOnceMigrateOnce() async throws {
        // Five "instances" start together on an empty database and all migrate: none fails
        // (without the advisory lock, PostgreSQL refuses the second CREATE TABLE), and they
        // all see one schema and each other's data.
        let db = try await TestDatabase.make(migrated: false)
        defer { db.removeLater() }
        let instances = [db.storage] + (try (0..<4).map { _ in try db.openAnother() })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for instance in instances { group.addTask { try await instance.migrate() } }
            try await group.waitForAll()
        }
        let (tenant, key) = try await instances[0].createTenant(name: "acme", now: Date())
        for instance in instances { #expect(try await instance.tenant(apiKey: key)?.id == tenant.id) }
        // And again, on the migrated database: nothing to do, nothing fails.
        try await instances[1].migrate()
    }

    @Test func reportsAndKeysFromTwoInstancesAtOnceStayExact() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        let instances: [any RelaisStorage] = [storage, try db.openAnother()]
        // 10 reporters reporting one subject 3 times each, and 30 retries of one keyed report,
        // all at once and split over both.
        let outcomes = try await withThrowingTaskGroup(of: SubmissionOutcome.self) { group in
            for i in 0..<60 {
                let instance = instances[i % 2]
                group.addTask {
                    i < 30
                        ? try await instance.submit(submission(tenant, draft(subject: "raid", reporter: "r\(i % 10)")))
                        : try await instance.submit(submission(tenant, draft(subject: "keyed"), key: "retry", hash: "h"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let receipts = outcomes.compactMap { outcome -> ReportReceipt? in
            switch outcome {
            case .created(let r), .replayed(let r): r
            case .keyReusedWithDifferentRequest: nil
            }
        }
        #expect(receipts.count == 60)
        let raid = try #require(receipts.first { outcome in receipts.filter { $0.caseId == outcome.caseId }.count == 30 })
        #expect(try await instances[1].report(id: raid.id, tenantId: tenant.id)?.caseReportCount == 30)
        #expect(Set(receipts.filter { $0.caseId != raid.caseId }.map(\.id)).count == 1, "one report for one key")
        #expect(try await storage.reportCount(tenantId: tenant.id) == 31)
        let facts = try #require(try await storage.moderationCase(id: .init(rawValue: raid.caseId), tenantId: tenant.id, now: Date())).facts
        #expect(PriorityInputs(facts).distinctReporterCount == 10)
        let stored = try #require(try await db.rows("SELECT distinct_reporters FROM cases WHERE id = '\(raid.caseId)'").first)
        #expect(try stored.int("distinct_reporters") == 10, "the queue's summary counted every reporter once")
    }

    @Test func aSharedSecretIsMadeOnceForEveryInstanceOnTheDatabase() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let instances: [any RelaisStorage] = [storage, try db.openAnother(), try db.openAnother()]
        // Asked for the first time by three instances at once: one secret for all.
        let secrets = try await withThrowingTaskGroup(of: Data.self) { group in
            for instance in instances { group.addTask { try await instance.sharedSecret(named: "form-tokens") } }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(Set(secrets).count == 1)
        #expect(secrets[0].count == 32)
        #expect(try await storage.sharedSecret(named: "form-tokens") == secrets[0], "and the same later")
        #expect(try await storage.sharedSecret(named: "another") != secrets[0])
    }

    @Test func databaseURLChoosesTheBackend() async throws {
        #expect(throws: StorageError.self) { try DatabaseURL.open("mysql://u@127.0.0.1/db") }
        #expect(throws: StorageError.self) { try DatabaseURL.open("sqlite:") }
        #expect(throws: StorageError.self) { try DatabaseURL.open("postgres://u@127.0.0.1/db?sslmode=sometimes") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-url-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try DatabaseURL.open("sqlite:" + folder.appendingPathComponent("x.sqlite").path)
        #expect(storage.location.hasPrefix("sqlite:"))
        // Opening PostgreSQL connects lazily: the URL is read here, the server is not needed.
        let postgres = try DatabaseURL.open("postgresql://relais:s3cret@db.internal/reports?sslmode=verify-full")
        #expect(postgres is PostgresStorage)
        #expect(postgres.location == "postgres://relais@db.internal:5432/reports (sslmode=verify-full)", "no password in messages")
        await postgres.shutdown()
    }
}

@Suite("Outbox")
struct OutboxTests {
    @Test func aStoredReportAppendsOneReportReceivedEventInTheSameTransaction() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        guard case .created(let receipt) = try await storage.submit(submission(tenant, draft(text: "secret snapshot"), key: "k", hash: "h")) else {
            Issue.record("expected created"); return
        }
        _ = try await storage.submit(submission(tenant, draft(text: "secret snapshot"), key: "k", hash: "h"))  // a replay adds nothing
        let rows = try await db.rows("SELECT * FROM outbox_events")
        #expect(rows.count == 1)
        let payload = try #require(rows.first?.string("payload"))
        #expect(rows.first?.string("type") == "report.received")
        #expect(rows.first?.string("status") == "pending")
        #expect(payload.contains(receipt.id) && payload.contains(receipt.caseId))
        #expect(!payload.contains("secret snapshot") && !payload.contains("u-1"), "no content, no reporter id")
    }
}

@Suite("Group commit")
struct GroupCommitTests {
    @Test func aFailingReportDoesNotTakeItsBatchDown() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        guard case .created(let first) = try await storage.submit(submission(tenant, draft(subject: "s-0"))) else {
            Issue.record("expected created"); return
        }
        // 40 reports at once, one of which reuses an existing report id (a primary-key
        // violation inside the shared transaction): only that one fails.
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<40 {
                group.addTask {
                    var s = submission(tenant, draft(subject: "s-\(i)", reporter: "r-\(i)"))
                    if i == 17 { s.reportId = first.id }
                    do { _ = try await storage.submit(s); return (i, true) } catch { return (i, false) }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes.filter { !$0.value }.map(\.key) == [17])
        #expect(try await storage.reportCount(tenantId: tenant.id) == 40, "the first report and 39 of the 40")
        let events = try await db.int("SELECT COUNT(*) FROM outbox_events")
        #expect(events == 40, "the failed report left no outbox event behind")
    }

    @Test func oneTransactionPerReportStillWorks() async throws {
        try await withSQLiteStorage(writeBatch: 1) { storage in
            let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 { group.addTask { _ = try await storage.submit(submission(tenant, draft(reporter: "r\(i)"))) } }
                try await group.waitForAll()
            }
            #expect(try await storage.reportCount(tenantId: tenant.id) == 20)
        }
    }
}
