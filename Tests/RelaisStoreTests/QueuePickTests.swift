import Foundation
import PostgresNIO
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// The claim's pick (`QueuePick`) against the order it replaces, on a randomized queue: cases
/// of every severity, minor, threat, trusted-flagger and reporter count, opened on a coarse
/// grid of instants (so that exact ties and equal scores from different terms occur) or at a
/// random millisecond, some leased (live or expired), escalated, decided, or opened after the
/// instant of the claim; and another tenant's cases beside them.
@Suite("Queue pick")
struct QueuePickTests {
    /// PostgreSQL only, where concurrent claims skip each other's locked rows: while another
    /// transaction holds the only group's head (as a claim in flight does), a claim still gets
    /// the next free case, from the reference order; with every open case held, none.
    @Test(.enabled(if: TestBackend.current == .postgres, "SQLite has one writer: no claim ever skips a locked row"))
    func aClaimTakesTheNextCaseWhenConcurrentClaimsHoldEveryCandidate() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let postgres = try #require(storage as? PostgresStorage)
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        // One group (same category, target and weight): the first filed is its head.
        var filed: [ModerationCase.ID] = []
        for index in 0..<3 {
            filed.append(try await storage.file(tenant, moderationDraft(subject: "c-\(index)", category: .harassment), at: moderationStart.addingTimeInterval(Double(index))))
        }
        let ids = filed
        let now = moderationStart.addingTimeInterval(60)
        let (whileHeadHeld, whileAllHeld) = try await postgres.inTransaction { session in
            try await session.execute(PostgresQuery(unsafeSQL: "SELECT id FROM cases WHERE id = '\(ids[0].rawValue)' FOR UPDATE"))
            let next = try await storage.claimNextCase(for: mia, now: now)?.id
            try await session.execute(PostgresQuery(unsafeSQL: "SELECT id FROM cases WHERE id IN ('\(ids[2].rawValue)') FOR UPDATE"))
            return (next, try await storage.claimNextCase(for: mia, now: now)?.id)
        }
        #expect(whileHeadHeld == ids[1], "the head is held: the next case of its group, by the reference order")
        #expect(whileAllHeld == nil, "the head held by the other transaction, the second by mia, the third held too")
        // Once the other transaction ends, its cases are free again.
        #expect(try await storage.claimNextCase(for: mia, now: now)?.id == ids[0])
    }

    @Test(arguments: [UInt64(20), 21, 22])
    func thePickIsTheReferenceOrdersFirstCase(seed: UInt64) async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let driver = try #require(storage as? any StoreDriver)
        var random = SplitMix64(seed: seed)
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let (other, _) = try await storage.createTenant(name: "other", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let ana = try await storage.createModerator(name: "ana", tenantName: "acme", role: .admin, now: moderationStart).0
        for batch in 0..<12 {
            var statements: [SQLStatement] = []
            for index in 0..<50 {
                let number = batch * 50 + index
                statements += Self.randomCase(
                    number: number, tenant: number % 25 == 24 ? other.id : tenant.id, holder: mia.id, weights: driver.moderation.weights,
                    random: &random)
            }
            try await driver.write(StorePlan<Void>.write(statements, answering: ()))
        }
        let groups = try #require(try await db.int("""
            SELECT COUNT(*) FROM (SELECT DISTINCT target_seconds, base_priority FROM cases WHERE status = 'open') g
            """))
        #expect(groups > 40, "the queue has \(groups) groups")

        // At instants from a day before the first case to a week after the last, for both
        // kinds of moderator, the pick is the reference's first case.
        for _ in 0..<60 {
            let now = moderationStart.addingTimeInterval(Double(random.next(below: 13 * 86400)) - 86400 + Double(random.next(below: 1000)) / 1000)
            for senior in [false, true] {
                let picked = try await Self.first(QueuePick.statement(tenantId: tenant.id, senior: senior, now: now, weights: driver.moderation.weights, dialect: driver.dialect), on: driver)
                let expected = try await Self.first(QueuePick.reference(tenantId: tenant.id, senior: senior, now: now, weights: driver.moderation.weights, dialect: driver.dialect), on: driver)
                #expect(picked != nil, "seed \(seed) at \(now)")
                #expect(picked == expected, "seed \(seed) at \(now), senior: \(senior)")
            }
        }

        // Claims through the store take the reference's first case each time, as leases are
        // taken, released and run out.
        var now = moderationStart.addingTimeInterval(2 * 86400)
        for step in 0..<40 {
            now = now.addingTimeInterval(Double(random.next(below: 4 * 3600)))
            let moderator = step % 3 == 2 ? ana : mia
            let expected = try await Self.first(
                QueuePick.reference(tenantId: tenant.id, senior: moderator.role.isSenior, now: now, weights: driver.moderation.weights, dialect: driver.dialect), on: driver)
            let claimed = try await storage.claimNextCase(for: moderator, now: now)
            #expect(claimed?.id.rawValue == expected, "seed \(seed), claim \(step)")
            if let claimed, random.next(below: 3) == 0 {
                guard case .released = try await storage.releaseLease(caseId: claimed.id, by: moderator, now: now) else {
                    Issue.record("seed \(seed), claim \(step): not released")
                    return
                }
            }
        }
    }

    /// The pick's or the reference's answer, in a write transaction as the claim runs it.
    static func first(_ statement: SQLStatement, on driver: any StoreDriver) async throws -> String? {
        try await driver.write(StorePlan<String?>.first(statement) { row in .done(try row?.string("id")) })
    }

    /// A case with random priority inputs, its queue columns written as a report writes them.
    static func randomCase(number: Int, tenant: Tenant.ID, holder: Moderator.ID, weights: PriorityWeights, random: inout SplitMix64) -> [SQLStatement] {
        // Five days of 15-minute slots, or a random millisecond in them.
        var milliseconds = Int(random.next(below: 480)) * 900_000
        if random.next(below: 3) == 0 { milliseconds += Int(random.next(below: 900_000)) }
        let openedAt = moderationStart.addingTimeInterval(Double(milliseconds) / 1000)
        let reporters = [1, 1, 1, 2, 2, 3, 4, 5, 8, 13, 21, 40][Int(random.next(below: 12))]
        let deprioritized = random.next(below: 4) == 0 ? Int(random.next(below: UInt64(reporters))) : 0
        let inputs = PriorityInputs(
            severity: CategorySeverity(rawValue: Int(random.next(below: 5)))!, involvesMinor: random.next(below: 4) == 0,
            hasThreat: random.next(below: 6) == 0, hasTrustedFlaggerReport: random.next(below: 5) == 0, distinctReporterCount: reporters,
            newReporterCount: random.next(below: 5) == 0 ? reporters - deprioritized : 0, deprioritizedReporterCount: deprioritized,
            openedAt: openedAt)
        let id = ModerationCase.ID(rawValue: "case-\(number)")
        let status = random.next(below: 20) == 0 ? "decided" : "open"
        var statements: [SQLStatement] = [
            """
            INSERT INTO cases (id, tenant_id, subject_key, subject_kind, subject_id, report_count, first_report_at, last_report_at, status)
            VALUES (\(id), \(tenant), \("comment:s-\(number)"), 'comment', \("s-\(number)"), \(reporters), \(openedAt), \(openedAt), \(status))
            """,
            CaseQueueColumns.update(inputs, authorId: nil, caseId: id, weights: weights),
        ]
        switch random.next(below: 10) {
        case 0, 1:
            // A lease, live at some instants and run out at others.
            let expiresAt = moderationStart.addingTimeInterval(Double(random.next(below: 10 * 86400)))
            statements.append("UPDATE cases SET lease_owner = \(holder), lease_expires_at = \(expiresAt) WHERE id = \(id)")
        case 2:
            statements.append("UPDATE cases SET escalated_at = \(openedAt.addingTimeInterval(600)), escalation_reason = 'unsure' WHERE id = \(id)")
        case 3:
            let expiresAt = moderationStart.addingTimeInterval(Double(random.next(below: 10 * 86400)))
            statements.append("""
                UPDATE cases SET escalated_at = \(openedAt.addingTimeInterval(600)), escalation_reason = 'unsure', \
                lease_owner = \(holder), lease_expires_at = \(expiresAt) WHERE id = \(id)
                """)
        default: break
        }
        return statements
    }
}
