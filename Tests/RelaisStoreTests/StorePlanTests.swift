import Foundation
import RelaisCore
@testable import RelaisStore
import Testing

/// A row made of plain values, for running plans without a database.
struct ScriptedRow: ColumnReading {
    var values: [String: SQLValue]

    private func value(_ column: String) throws -> SQLValue {
        guard let value = values[column] else { throw ScriptError.missingColumn(column) }
        return value
    }
    func string(_ column: String) throws -> String {
        guard case .text(let text) = try value(column) else { throw ScriptError.wrongType(column) }
        return text
    }
    func optionalString(_ column: String) throws -> String? {
        if case .null = values[column] ?? .null { return nil }
        return try string(column)
    }
    func bool(_ column: String) throws -> Bool {
        guard case .bool(let bool) = try value(column) else { throw ScriptError.wrongType(column) }
        return bool
    }
    func int(_ column: String) throws -> Int {
        guard case .integer(let integer) = try value(column) else { throw ScriptError.wrongType(column) }
        return integer
    }
    func double(_ column: String) throws -> Double {
        guard case .real(let real) = try value(column) else { throw ScriptError.wrongType(column) }
        return real
    }
    func date(_ column: String) throws -> Date {
        guard case .date(let date) = try value(column) else { throw ScriptError.wrongType(column) }
        return date
    }
    func optionalDate(_ column: String) throws -> Date? {
        if case .null = values[column] ?? .null { return nil }
        return try date(column)
    }
}

enum ScriptError: Error { case missingColumn(String), wrongType(String) }

/// Runs a plan the way a driver does, answering each query from `answer` and recording
/// every statement written.
func runScripted<Outcome>(_ plan: StorePlan<Outcome>, answer: (SQLStatement) -> [ScriptedRow]) throws -> (Outcome, writes: [SQLStatement]) {
    var cursor = PlanCursor(plan)
    var writes: [SQLStatement] = []
    while let request = cursor.next() {
        switch request {
        case .query(let statement): try cursor.answer(answer(statement))
        case .execute(let statements, _):
            writes += statements
            try cursor.answer([])
        }
    }
    return (cursor.outcome!, writes)
}

@Suite("Store plans, without a database")
struct StorePlanTests {
    let now = Date(timeIntervalSince1970: 1_795_960_800)
    let moderator = Moderator(id: "m-1", tenantId: "t-1", name: "mia", role: .moderator, tokenPrefix: nil, createdAt: Date(timeIntervalSince1970: 0))

    @Test func interpolatedValuesAreBoundNeverWritten() {
        let name = "x'); DROP TABLE tenants; --"
        let statement: SQLStatement = "SELECT * FROM tenants WHERE name = \(name) AND created_at > \(now) LIMIT \(3)"
        #expect(statement.text == "SELECT * FROM tenants WHERE name = ? AND created_at > ? LIMIT ?")
        #expect(statement.arguments == [.text(name), .date(now), .integer(3)])
        let missing: String? = nil
        let optional: SQLStatement = "UPDATE t SET a = \(missing)"
        #expect(optional.arguments == [.null])
    }

    @Test func chainedStatementsKeepTheirValuesInOrder() {
        let chained = SQLStatement.chained(["INSERT INTO a VALUES (\(1))", "UPDATE b SET x = \(2)", "UPDATE c SET y = \(3)"])
        #expect(chained.text == "WITH step0 AS (INSERT INTO a VALUES (?)), step1 AS (UPDATE b SET x = ?) UPDATE c SET y = ?")
        #expect(chained.arguments == [.integer(1), .integer(2), .integer(3)])
        #expect(SQLStatement.chained(["SELECT \(1)"]).text == "SELECT ?")
    }

    @Test func postgresNumbersThePlaceholders() {
        let statement: SQLStatement = "SELECT \(1), \(2) WHERE x = \("a")"
        #expect(statement.postgres.sql == "SELECT $1, $2 WHERE x = $3")
        #expect(statement.postgres.binds.count == 3)
    }

    // MARK: Sign-in lock-out

    @Test func theFifthWrongPasswordLocksAndTheCountStartsAgain() {
        let policy = SignInPolicy(maxFailures: 5, lockDuration: 900)
        let fourth = SignInOutcome.decide(failedSoFar: 3, lockedUntil: nil, succeeded: false, policy: policy, now: now)
        #expect(fourth.record == .failed(lockedUntil: nil))
        #expect(fourth.failedSignIns == 4 && fourth.audits.map(\.action) == ["console.sign_in_failed"])
        let fifth = SignInOutcome.decide(failedSoFar: 4, lockedUntil: nil, succeeded: false, policy: policy, now: now)
        #expect(fifth.record == .failed(lockedUntil: now.addingTimeInterval(900)))
        #expect(fifth.failedSignIns == 0)
        #expect(fifth.audits.map(\.action) == ["console.sign_in_failed", "console.locked_out"])
    }

    @Test func aLockedAccountRefusesTheRightPasswordAndCountsNothing() {
        let until = now.addingTimeInterval(60)
        let outcome = SignInOutcome.decide(failedSoFar: 0, lockedUntil: until, succeeded: true, policy: .default, now: now)
        #expect(outcome.record == .failed(lockedUntil: until))
        #expect(!outcome.writes && outcome.audits.isEmpty)
        let expired = SignInOutcome.decide(failedSoFar: 0, lockedUntil: now, succeeded: true, policy: .default, now: now)
        #expect(expired.record == .signedIn && expired.failedSignIns == 0 && expired.audits.map(\.action) == ["console.signed_in"])
    }

    // MARK: Leases

    private func leaseRow(owner: String?, expires: Date?, status: String = "open") -> ScriptedRow {
        ScriptedRow(values: [
            "status": .text(status), "lease_owner": owner.map(SQLValue.text) ?? .null, "lease_expires_at": expires.map(SQLValue.date) ?? .null,
            "owner": .text("mia"),
        ])
    }

    @Test func onlyTheHolderOfALiveLeaseChangesIt() throws {
        func run(_ row: ScriptedRow?) throws -> (LeaseChange.Result, [SQLStatement]) {
            let change = LeaseChange(kind: .release, caseId: "c-1", moderator: moderator, now: now, leaseDuration: 600)
            return try runScripted(change.plan(dialect: .postgres)) { _ in row.map { [$0] } ?? [] }
        }
        let held = try run(leaseRow(owner: "m-1", expires: now.addingTimeInterval(1)))
        #expect(held.0 == .changed)
        #expect(held.1.count == 2 && held.1[1].text.contains("INSERT INTO audit_log"))
        #expect(held.1[1].arguments.contains(.text("case.released")))
        #expect(try run(leaseRow(owner: "m-1", expires: now)).0 == .notLeasedByCaller)  // expired at this instant
        #expect(try run(leaseRow(owner: "m-2", expires: now.addingTimeInterval(60))).0 == .notLeasedByCaller)
        #expect(try run(leaseRow(owner: "m-1", expires: now.addingTimeInterval(60), status: "decided")).0 == .notLeasedByCaller)
        let missing = try run(nil)
        #expect(missing.0 == .notFound && missing.1.isEmpty)
    }

    @Test func aRenewalIsAuditedAsARenewalWithItsNewExpiry() throws {
        let change = LeaseChange(kind: .renew, caseId: "c-1", moderator: moderator, now: now, leaseDuration: 600)
        let (result, writes) = try runScripted(change.plan(dialect: .sqlite)) { _ in [leaseRow(owner: "m-1", expires: now.addingTimeInterval(5))] }
        #expect(result == .changed)
        #expect(writes[0].arguments.first == .date(now.addingTimeInterval(600)))
        #expect(writes[1].arguments.contains(.text("case.lease_renewed")))
    }

    @Test func theLockIsTheDialectsOnly() {
        let sqlite = LeaseChange.check(caseId: "c", moderator: moderator, now: now, dialect: .sqlite)
        let postgres = LeaseChange.check(caseId: "c", moderator: moderator, now: now, dialect: .postgres)
        guard case .query(let a, _) = sqlite.step, case .query(let b, _) = postgres.step else {
            Issue.record("a lease check starts with a read")
            return
        }
        #expect(b.text == a.text + " FOR UPDATE")
    }

    // MARK: Reports

    private func submission(key: String?) -> ReportSubmission {
        ReportSubmission(
            tenantId: "t-1", reportId: "r-1", draft: moderationDraft(subject: "c-9", category: .harassment), support: nil, receivedAt: now,
            idempotencyKey: key, requestHash: "h-1")
    }

    @Test func aReportWritesItsRowsTheQueueColumnsTheEventAndTheAnswer() throws {
        let plan = try ReportWritePlan(submission(key: "k-1"), weights: .default, caseIdCandidate: "case-new")
        let inputs = PriorityInputs(
            severity: .lowest, involvesMinor: false, hasThreat: false, hasTrustedFlaggerReport: false, distinctReporterCount: 0, openedAt: now)
        let (statements, outcome) = try plan.writes(caseId: "case-new", inputs: inputs, isNewReporter: true)
        #expect(statements.map { String($0.text.prefix(22)) } == [
            "INSERT INTO reports (i", "INSERT INTO reporter_s", "UPDATE cases SET sever", "INSERT INTO outbox_eve", "UPDATE idempotency_key",
        ])
        guard case .created(let receipt) = outcome else {
            Issue.record("a new report is created")
            return
        }
        #expect(receipt.json.contains(#""caseId":"case-new""#) && receipt.json.hasSuffix(#""support":null}"#))
        #expect(statements[2].arguments.contains(.integer(1)))  // one distinct reporter now
        #expect(statements[3].arguments.contains(.text("report.received")))
        let withoutKey = try ReportWritePlan(submission(key: nil), weights: .default).writes(caseId: "c", inputs: inputs, isNewReporter: false)
        #expect(withoutKey.statements.count == 4)
        #expect(withoutKey.statements[2].arguments.contains(.integer(0)))  // a reporter seen before adds none
        // A reporter the tenant has a standing row for is not written again.
        let known = try ReportWritePlan(submission(key: nil), weights: .default)
            .writes(caseId: "c", inputs: inputs, isNewReporter: false, standing: ReporterStanding(isRecorded: true))
        #expect(known.statements.map { String($0.text.prefix(22)) } == ["INSERT INTO reports (i", "UPDATE cases SET sever", "INSERT INTO outbox_eve"])
    }

    /// The report's insert is made before the transaction up to the values that depend on
    /// its case; completed, it names a column for each value, the case's four last.
    @Test func theReportInsertNamesAColumnForEveryValueTheCasesLast() throws {
        let plan = try ReportWritePlan(submission(key: nil), weights: .default)
        let insert = plan.reportInsert(
            caseId: "c-7", standing: ReporterStanding(isNewToTenant: true, isDeprioritized: true, linkedReportId: "r-0", isRecorded: true))
        let columnList = try #require(insert.text.split(separator: "(", maxSplits: 1).last?.split(separator: ")").first)
        let columns = columnList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let values = try #require(insert.text.components(separatedBy: "VALUES (").last)
        #expect(insert.text.filter { $0 == "?" }.count == insert.arguments.count)
        #expect(columns.count == insert.arguments.count + 1 && values.contains("'received'"), "the status is written in the SQL")
        #expect(Array(columns.suffix(4)) == ["case_id", "linked_report_id", "reporter_was_new", "low_weight_reason"])
        #expect(Array(insert.arguments.suffix(4)) == [.text("c-7"), .text("r-0"), .bool(true), .text(LowWeight.deprioritizedReporter)])
        #expect(values.hasSuffix("?, ?, ?, ?)"))
        let plain = plan.reportInsert(caseId: "c-8", standing: ReporterStanding())
        #expect(plain.text == insert.text && Array(plain.arguments.suffix(4)) == [.text("c-8"), .null, .bool(false), .null])
    }

    /// On SQLite whether the reporter has reported the case before is read in the case's
    /// own statement; on PostgreSQL, after the case's lock, by a statement of its own (its
    /// `RETURNING` reads the snapshot from before the lock). Both reach the same rows.
    @Test(arguments: [true, false])
    func aKnownCaseAsksForTheReporterOnceWhereTheDialectAllows(seenBefore: Bool) throws {
        var caseRow = ScriptedRow(values: [
            "id": .text("case-old"), "status": .text("open"), "severity": .integer(1), "involves_minor": .bool(false),
            "has_threat": .bool(false), "trusted_flagger": .bool(false), "distinct_reporters": .integer(3), "new_reporters": .integer(0),
            "low_weight_reports": .integer(0), "first_report_at": .date(now.addingTimeInterval(-60)), "pile_on_id": .null,
            "reporter_first_seen": .date(now.addingTimeInterval(-86_400 * 90)), "reporter_low_priority_until": .null,
        ])
        var plans: [String: (queries: [String], writes: [SQLStatement])] = [:]
        for (name, dialect) in [("sqlite", SQLDialect.sqlite), ("postgres", .postgres)] {
            if dialect.returningReadsAfterRowLock { caseRow.values["reporter_seen"] = .bool(seenBefore) }
            var queries: [String] = []
            // No content author, so no pile-on statements around the report's.
            let report = ReportSubmission(
                tenantId: "t-1", reportId: "r-1", draft: moderationDraft(subject: "c-9", category: .harassment, author: nil), support: nil,
                receivedAt: now, idempotencyKey: nil, requestHash: "h-1")
            let plan = try ReportWritePlan(report, weights: .default, dialect: dialect, caseIdCandidate: "case-new").plan
            let (_, writes) = try runScripted(plan) { statement in
                queries.append(statement.text)
                if statement.text.contains("INSERT INTO cases") { return [caseRow] }
                return statement.text.hasPrefix("SELECT 1 AS seen") && seenBefore ? [ScriptedRow(values: ["seen": .integer(1)])] : []
            }
            plans[name] = (queries, writes)
        }
        #expect(plans["sqlite"]!.queries.count == 1 && plans["sqlite"]!.queries[0].contains("AS reporter_seen"))
        // PostgreSQL asks nothing more of an open case: its writes answer it themselves.
        #expect(plans["postgres"]!.queries.count == 1 && !plans["postgres"]!.queries[0].contains("reporter_seen"))
        let sqliteWrites = plans["sqlite"]!.writes, postgresWrites = plans["postgres"]!.writes
        let queueColumns = sqliteWrites.filter { $0.text.hasPrefix("UPDATE cases SET") }
        #expect(queueColumns.count == 1 && queueColumns[0].arguments.contains(.integer(seenBefore ? 3 : 4)))
        // Two candidate updates, first, each under its condition: one more distinct reporter
        // when none of the case's earlier reports is this reporter's, the same count otherwise.
        let candidates = postgresWrites.prefix(2)
        #expect(candidates.allSatisfy { $0.text.hasPrefix("UPDATE cases SET") })
        #expect(candidates.first!.text.hasSuffix("AND NOT EXISTS (SELECT 1 FROM reports WHERE case_id = ? AND reporter_id = ?)"))
        #expect(candidates.first!.arguments.contains(.integer(4)) && candidates.first!.arguments.suffix(2) == [.text("case-old"), .text(moderationDraft(subject: "c-9", category: .harassment, author: nil).reporter.id)])
        #expect(candidates.last!.text.hasSuffix("AND EXISTS (SELECT 1 FROM reports WHERE case_id = ? AND reporter_id = ?)"))
        #expect(candidates.last!.arguments.contains(.integer(3)))
        // Otherwise the same writes, in the same order.
        #expect(sqliteWrites.filter { !$0.text.hasPrefix("UPDATE cases SET") }.map(\.text)
            == postgresWrites.dropFirst(2).map(\.text))
    }

    /// On PostgreSQL a report's statements are kept prepared, each a lookup or a write by a
    /// key; the pile-on window, which another index could serve, is planned with its values.
    @Test func aReportsStatementsAreKeptPreparedButThePileOnWindow() throws {
        let caseRow = ScriptedRow(values: [
            "id": .text("case-old"), "status": .text("open"), "severity": .integer(1), "involves_minor": .bool(false),
            "has_threat": .bool(false), "trusted_flagger": .bool(false), "distinct_reporters": .integer(3), "new_reporters": .integer(0),
            "low_weight_reports": .integer(0), "first_report_at": .date(now.addingTimeInterval(-60)), "pile_on_id": .null,
            "reporter_first_seen": .null, "reporter_low_priority_until": .null,
        ])
        var report = moderationDraft(subject: "c-9", category: .harassment)
        report.reporter.isTarget = true
        let submission = ReportSubmission(
            tenantId: "t-1", reportId: "r-1", draft: report, support: nil, receivedAt: now, idempotencyKey: "k-1", requestHash: "h-1")
        let plan = try ReportWritePlan(submission, weights: .default, dialect: .postgres, caseIdCandidate: "case-new")
        #expect(plan.pileOn != nil, "a report about its reporter, naming the author: the pile-on path")
        var queries: [SQLStatement] = []
        let (_, writes) = try runScripted(plan.plan) { statement in
            queries.append(statement)
            if statement.text.hasPrefix("INSERT INTO idempotency_keys") { return [ScriptedRow(values: ["key": .text("k-1")])] }
            return statement.text.contains("INSERT INTO cases") ? [caseRow] : []
        }
        let window = queries.filter { $0.text.contains("FROM reports") && $0.text.contains("target_id") }
        #expect(window.count == 1 && !window[0].isPrepared)
        let others = queries.filter { !($0.text.contains("FROM reports") && $0.text.contains("target_id")) } + writes
        #expect(others.count >= 6 && others.allSatisfy(\.isPrepared), "\(others.filter { !$0.isPrepared }.map(\.text))")
        #expect(SQLStatement.chained(writes).isPrepared)
        #expect(!SQLStatement.chained(writes + window).isPrepared, "one part planned with its values: the whole")
    }

    /// Reports queue on the target's lock in no order of their instants: a report stamped
    /// before two others that committed first still sees them, and the pile-on links all three.
    @Test func aPileOnCountsTheReportsStampedAfterThisOne() throws {
        let detection = PileOnDetection(
            tenantId: "t-1", targetId: "teen-1", reportId: "r-1", receivedAt: now, policy: .default, weights: .default, dialect: .sqlite)
        var linked: [SQLStatement] = []
        _ = try runScripted(detection.plan) { statement in
            guard statement.text.hasPrefix("SELECT id, case_id, subject_author_id, received_at FROM reports") else { return [] }
            return (1...3).map { n in
                ScriptedRow(values: [
                    "id": .text("r-\(n)"), "case_id": .text("c-\(n)"), "subject_author_id": .text("a-\(n)"),
                    "received_at": .date(now.addingTimeInterval(Double(n - 1))),
                ])
            }
        }.1.forEach { if $0.text.hasPrefix("INSERT INTO pile_on_cases") { linked.append($0) } }
        #expect(linked.count == 3, "the cases of the two reports stamped later are linked too")
    }

    /// A decided case: whether the report reopens it depends on the reporter being new, so
    /// PostgreSQL asks before it weighs the decision.
    @Test func aDecidedCaseAsksForTheReporterBeforeWeighingItsDecisionOnPostgreSQL() throws {
        let caseRow = ScriptedRow(values: [
            "id": .text("case-old"), "status": .text("decided"), "severity": .integer(1), "involves_minor": .bool(false),
            "has_threat": .bool(false), "trusted_flagger": .bool(false), "distinct_reporters": .integer(3), "new_reporters": .integer(0),
            "low_weight_reports": .integer(0), "first_report_at": .date(now.addingTimeInterval(-60)), "pile_on_id": .null,
            "reporter_first_seen": .null, "reporter_low_priority_until": .null,
        ])
        var queries: [String] = []
        let report = ReportSubmission(
            tenantId: "t-1", reportId: "r-1", draft: moderationDraft(subject: "c-9", category: .harassment, author: nil), support: nil,
            receivedAt: now, idempotencyKey: nil, requestHash: "h-1")
        let plan = try ReportWritePlan(report, weights: .default, dialect: .postgres, caseIdCandidate: "case-new").plan
        let (_, writes) = try runScripted(plan) { statement in
            queries.append(statement.text)
            return statement.text.contains("INSERT INTO cases") ? [caseRow] : []
        }
        #expect(queries.count >= 2 && queries[1].hasPrefix("SELECT 1 AS seen FROM reports"))
        let queueColumns = writes.filter { $0.text.hasPrefix("UPDATE cases SET severity") }
        #expect(queueColumns.count == 1 && !queueColumns[0].text.contains("EXISTS"), "one update, the answer known")
    }

    @Test func aTakenKeyReplaysOrRefuses() throws {
        let stored = ScriptedRow(values: [
            "request_hash": .text("h-1"),
            "response_json": .text(#"{"caseId":"c","id":"r-0","receivedAt":"2026-11-29T14:00:00.000Z","status":"received","support":null}"#),
        ])
        let plan = try ReportWritePlan(submission(key: "k-1"), weights: .default)
        let (outcome, writes) = try runScripted(plan.plan) { statement in
            statement.text.hasPrefix("INSERT INTO idempotency_keys") ? [] : [stored]
        }
        guard case .replayed(let receipt) = outcome else {
            Issue.record("the same request replays")
            return
        }
        #expect(receipt.id == "r-0" && writes.isEmpty)
        var other = stored
        other.values["request_hash"] = .text("h-2")
        #expect(try ReportWritePlan.replay(of: other, requestHash: "h-1") == .keyReusedWithDifferentRequest)
    }

    /// A date outside 1900–2999 is written by GRDB's `DateFormatter` (ICU), 3% of the writer's
    /// time when the pile-on query bound `Date.distantPast` on every report naming its target.
    @Test func thePileOnQueryBindsOnlyInstantsWrittenByArithmetic() throws {
        let detection = PileOnDetection(
            tenantId: "t-1", targetId: "u-1", reportId: "r-1", receivedAt: now, policy: .default, weights: .default, dialect: .sqlite)
        var queried: [SQLStatement] = []
        _ = try runScripted(detection.plan) { statement in
            queried.append(statement)
            return []
        }
        let dates = queried.flatMap(\.arguments).compactMap { value -> Date? in
            guard case .date(let date) = value else { return nil }
            return date
        }
        #expect(dates.count == 2)
        #expect(dates.allSatisfy { SQLiteDateText.arithmeticRange.contains($0.timeIntervalSince1970) }, "\(dates)")
    }

    // MARK: Decisions

    @Test func aDecisionWritesItsStatementOnlyWhenThereIsOne() throws {
        let decision = Decision(restrictions: [], ground: nil, explanation: "No breach found.", facts: nil, territorialScope: [])
        let plan = DecisionPlan(caseId: "c-1", decision: decision, moderator: moderator, now: now, decisionId: "d-1")
        let writes = try plan.writes(
            statement: nil, before: "{}", subjectKind: "comment", subjectId: "s-1", author: "a-1", reports: [(id: "r-1", reporterId: "u-1")],
            appealSecret: Data(repeating: 7, count: 32), dialect: .sqlite)
        // No action answers the notices without a time to action (no second update).
        #expect(writes.map { String($0.text.prefix(20)) } == [
            "INSERT INTO decision", "UPDATE decisions SET", "UPDATE cases SET sta", "UPDATE reports SET s", "UPDATE reports SET a",
            "INSERT INTO audit_lo", "INSERT INTO outbox_e",
        ])
        #expect(writes[0].arguments.contains(.bool(false)))  // no action is not restrictive
        #expect(writes[5].arguments.contains(.text("case.decided")))
        // The event carries a sealed appeal link per party, which opens with the secret alone.
        guard case .text(let payload) = writes[6].arguments[3] else {
            Issue.record("the outbox event's payload is text")
            return
        }
        let event = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as! [String: Any]
        let links = event["appealLinks"] as! [[String: Any]]
        #expect(links.map { $0["party"] as! String } == ["author", "reporter"])
        let token = String((links[1]["path"] as! String).dropFirst("/embed/appeal?token=".count))
        let opened = AppealLinkToken.open(token, secret: Data(repeating: 7, count: 32), now: now)
        #expect(opened?.userId == "u-1" && opened?.party == .reporter && opened?.decisionId == "d-1")
        #expect(AppealLinkToken.open(token, secret: Data(repeating: 8, count: 32), now: now) == nil)
        #expect(AppealLinkToken.open(token, secret: Data(repeating: 7, count: 32), now: now.addingTimeInterval(250 * 86400)) == nil)
        #expect(!token.contains("u-1"))  // sealed, so the user id is not readable in the link
    }
}
