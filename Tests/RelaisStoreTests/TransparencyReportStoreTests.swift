import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// The transparency report's counts on the backend under test: a seeded tenant whose figures,
/// medians included, are counted by hand below, then compared with what the aggregate
/// statements return and with the report's part 4, 7 and 8 rows.
@Suite("Transparency report store")
struct TransparencyReportStoreTests {
    let t0 = moderationStart
    func hours(_ h: Double) -> Date { moderationStart.addingTimeInterval(h * 3600) }

    var terms: Decision { removal }
    var law: Decision {
        var decision = removal
        decision.ground = .illegal
        decision.legalGround = "Article 222-33-2-2 of the French Criminal Code"
        decision.termsClause = nil
        return decision
    }
    var automated: Decision {
        var decision = removal
        decision.automatedDetection = true
        decision.automatedDecision = .fully
        return decision
    }
    let noAction = Decision(restrictions: [], ground: nil, explanation: "No breach of the guidelines found.", facts: nil, territorialScope: [])

    /// Files the notices of one case at their times, then decides it (when `decision` is given) at `decidedAt`.
    @discardableResult
    func seedCase(
        _ storage: any RelaisStorage, _ tenant: Tenant, _ mia: Moderator, subject: String, category: ReportCategory, at: [Date],
        trustedFlagger: String? = nil, decision: Decision? = nil, decidedAt: Date? = nil
    ) async throws -> (ModerationCase.ID, RecordedDecision?) {
        var caseId: ModerationCase.ID?
        for (index, time) in at.enumerated() {
            caseId = try await storage.file(
                tenant, moderationDraft(subject: subject, reporter: "\(subject)-r\(index)", category: category, trustedFlagger: trustedFlagger), at: time)
        }
        guard let decision, let decidedAt, let caseId else { return (caseId!, nil) }
        _ = try #require(try await storage.claimNextCase(for: mia, now: decidedAt))
        guard case .decided(let recorded) = try await storage.decide(caseId: caseId, decision: decision, by: mia, now: decidedAt) else {
            throw StorageError.unavailable
        }
        return (caseId, recorded)
    }

    func upheld(_ storage: any RelaisStorage, _ tenant: Tenant, _ noah: Moderator, _ decided: RecordedDecision, party: AppealParty, user: String,
        filedAt: Date, decidedAt: Date) async throws
    {
        let filing = AppealFiling(
            tenantId: tenant.id, request: AppealRequest(decisionId: decided.id, party: party, userId: user, explanation: "Please look again."),
            receivedAt: filedAt, idempotencyKey: nil, requestHash: "hash-\(user)")
        guard case .created(let appeal) = try await storage.fileAppeal(filing) else { throw StorageError.unavailable }
        _ = try #require(try await storage.claimNextAppeal(for: noah, now: decidedAt))
        let resolution = try AppealResolution.validate(json: ["outcome": "upheld", "textForAppellant": "The decision stands."], reviewing: decided.decision).get()
        guard case .decided = try await storage.decideAppeal(id: appeal.id, resolution, by: noah, outOfCourt: nil, now: decidedAt) else {
            throw StorageError.unavailable
        }
    }

    /// A notice that arrives after a decision not to act reopens the case (here a trusted
    /// flagger's, `ReopeningRule`): the next decision answers it,
    /// and only it (the first notice keeps the decision that answered it).
    @Test func aNoticeAfterADecisionIsAnsweredByTheNextOne() async throws {
        let db = try await TestDatabase.make()
        defer { db.removeLater() }
        let storage = db.storage
        let (tenant, _) = try await storage.createTenant(name: "acme", now: t0)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: t0).0
        let (caseId, _) = try await seedCase(storage, tenant, mia, subject: "h", category: .harassment, at: [t0], decision: noAction, decidedAt: hours(1))
        #expect(try await storage.file(tenant, moderationDraft(subject: "h", reporter: "h-late", category: .harassment, trustedFlagger: "e-Enfance"), at: hours(2)) == caseId)
        _ = try #require(try await storage.claimNextCase(for: mia, now: hours(3)))
        let outcome = try await storage.decide(caseId: caseId, decision: terms, by: mia, now: hours(3))
        guard case .decided = outcome else {
            Issue.record("not decided: \(outcome)")
            return
        }
        let tallies = try await storage.noticeTallies(tenantId: tenant.id, from: t0, to: hours(24))
        let figures = TransparencyFigures(notices: tallies, measures: .init(restrictive: 0, solelyAutomated: 0), appeals: [])
        // The first notice: no action. The late one: removed 1 h after it arrived.
        #expect(figures.total.notices == 2 && figures.total.actionsOnTerms == 1 && figures.total.hoursToAction.median == 1.0)
    }

    @Test func theSeededFiguresAreTheHandCountedOnes() async throws {
        let db = try await TestDatabase.make()
        defer { db.removeLater() }
        let storage = db.storage
        let (tenant, _) = try await storage.createTenant(name: "acme", now: t0)
        let (other, _) = try await storage.createTenant(name: "other", now: t0)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: t0).0
        let noah = try await storage.createModerator(name: "noah", tenantName: "acme", role: .moderator, now: t0).0
        let otto = try await storage.createModerator(name: "otto", tenantName: "other", role: .moderator, now: t0).0

        // A: two harassment notices, removed on the terms 2 h later → 2.0 h, 2.0 h.
        let (_, a) = try await seedCase(storage, tenant, mia, subject: "a", category: .harassment, at: [t0, t0], decision: terms, decidedAt: hours(2))
        // B: hate from a trusted flagger, removed on the law after 1 h.
        try await seedCase(storage, tenant, mia, subject: "b", category: .hate, at: [t0], trustedFlagger: "e-Enfance", decision: law, decidedAt: hours(1))
        // C: a threat at +1 h, removed at +1.5 h → 0.5 h (VIOLENCE, KEYWORD_OTHER "Threats or violence").
        try await seedCase(storage, tenant, mia, subject: "c", category: .threat, at: [hours(1)], decision: terms, decidedAt: hours(1.5))
        // D: spam from a trusted flagger, no action (no time to action).
        let (_, d) = try await seedCase(
            storage, tenant, mia, subject: "d", category: .spam, at: [t0], trustedFlagger: "e-Enfance", decision: noAction, decidedAt: hours(3))
        // G: harassment removed solely by automated means after 4 h.
        try await seedCase(storage, tenant, mia, subject: "g", category: .harassment, at: [t0], decision: automated, decidedAt: hours(4))
        // F: before the period: not counted.
        let before = t0.addingTimeInterval(-400 * 86400)
        try await seedCase(storage, tenant, mia, subject: "f", category: .harassment, at: [before], decision: terms, decidedAt: before + 60)
        // Another tenant's notice and decision: never counted.
        try await seedCase(storage, other, otto, subject: "x", category: .harassment, at: [t0], decision: terms, decidedAt: hours(1))
        // E: harassment, not decided yet.
        try await seedCase(storage, tenant, mia, subject: "e", category: .harassment, at: [t0])
        // Complaints: A's author, upheld 2 h after filing; D's reporter (a trusted flagger's notice), upheld after 4 h.
        try await upheld(storage, tenant, noah, try #require(a), party: .author, user: "author-1", filedAt: hours(5), decidedAt: hours(7))
        try await upheld(storage, tenant, noah, try #require(d), party: .reporter, user: "d-r0", filedAt: hours(6), decidedAt: hours(10))

        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let from = utc.date(from: DateComponents(year: 2026, month: 1, day: 1))!, to = utc.date(from: DateComponents(year: 2027, month: 1, day: 1))!
        let figures = TransparencyFigures(
            notices: try await storage.noticeTallies(tenantId: tenant.id, from: from, to: to),
            measures: try await storage.measureCounts(tenantId: tenant.id, from: from, to: to),
            appeals: try await storage.appealEntries(tenantId: tenant.id, from: from, to: to))

        // By hand: notices A×2, B, C, D, G, E = 7, two from a trusted flagger (B, D).
        #expect(figures.total.notices == 7 && figures.total.trustedFlaggerNotices == 2)
        // Restricted: A 2.0, A 2.0, B 1.0, C 0.5, G 4.0 → sorted 0.5 1 2 2 4 → median 2.00; trusted flaggers: B 1.0.
        #expect(figures.total.hoursToAction.median == 2.0 && figures.total.trustedFlaggerHoursToAction.median == 1.0)
        #expect(figures.total.actionsOnLaw == 1 && figures.total.actionsOnTerms == 4 && figures.total.trustedFlaggerActionsOnLaw == 1)
        #expect(figures.total.solelyAutomated == 1 && figures.total.trustedFlaggerSolelyAutomated == 0)
        // Harassment: A×2, G, E = 4 notices under KEYWORD_CYBER_HARASSMENT; actioned 2, 2, 4 → median 2.00.
        let cyber = try #require(figures.byCategory["STATEMENT_CATEGORY_CYBER_VIOLENCE"])
        #expect(cyber.notices == 4 && cyber.hoursToAction.median == 2.0)
        #expect(figures.byRow[NoticeReportRow(category: "STATEMENT_CATEGORY_CYBER_VIOLENCE", keyword: "KEYWORD_CYBER_HARASSMENT", otherDescription: nil)] == cyber)
        let threat = try #require(figures.byRow[NoticeReportRow.of(.threat)])
        #expect(threat.notices == 1 && threat.hoursToAction.median == 0.5 && NoticeReportRow.of(.threat).otherDescription == "Threats or violence")
        #expect(figures.byCategory[NoticeReportRow.notSpecified]?.notices == 1 && figures.byCategory[NoticeReportRow.notSpecified]?.hoursToAction.median == nil)
        // Restrictive decisions in the period: A, B, C, G (F is before it; D restricted nothing); G solely automated.
        #expect(figures.measures == TransparencyFigures.Measures(restrictive: 4, solelyAutomated: 1))
        // Complaints: 2 received, both upheld, 2 h and 4 h → median 3.00; D's is about no action on a trusted flagger's notice.
        #expect(figures.appeals.total.received == 2 && figures.appeals.total.outcomes["upheld"] == 2 && figures.appeals.total.medianHoursToDecide == 3)
        #expect(figures.appeals.byBasis["visibility"]?.medianHoursToDecide == 2 && figures.appeals.byBasis["no_action"]?.medianHoursToDecide == 4)
        #expect(figures.appealsOnTrustedFlaggerNotices.byBasis["no_action"]?.received == 1)

        // The same figures in the report's rows.
        let report = TransparencyReport(
            figures: figures, texts: TransparencyReportTexts(), service: "Acme", from: CalendarDay("2026-01-01")!, to: CalendarDay("2026-12-31")!,
            published: CalendarDay("2027-02-01")!, helpSummary: nil)
        let templates = try ReportTemplate.bundled()
        let files = report.files(templates)
        #expect(files.map(\.part) == [1, 2, 3, 4, 5, 6, 7, 8, 11])
        for file in files {
            #expect(ReportCheck.check(file.text, against: try #require(templates.first { $0.part == file.part })) == [], "\(file.name)")
        }
        let notices = try CSVRecords.parse(try #require(files.first { $0.part == 4 }).text)
        func row(_ label: String, after category: String? = nil) -> [String]? {
            let start = category.flatMap { name in notices.firstIndex { $0[3] == name } } ?? 0
            return notices[start...].first { $0[3] == label }
        }
        // notices, TF, items, TF items, median, TF median, law, TF law, terms, TF terms
        #expect(row("TOTAL").map { Array($0[5...14]) } == ["7", "2", "7", "2", "2.00", "1.00", "1", "1", "4", "0"])
        #expect(row("KEYWORD_CYBER_HARASSMENT").map { Array($0[5...14]) } == ["4", "0", "4", "0", "2.00", "", "0", "0", "3", "0"])
        // A category with no notice: 0, and blank medians (nothing to take the median of).
        #expect(row("STATEMENT_CATEGORY_ANIMAL_WELFARE").map { Array($0[5...14]) } == ["0", "0", "0", "0", "", "", "0", "0", "0", "0"])
        #expect(row("KEYWORD_OTHER", after: "STATEMENT_CATEGORY_VIOLENCE").map { [$0[4]] + $0[5...9] } == ["Threats or violence", "1", "0", "1", "0", "0.50"])
        let appeals = try CSVRecords.parse(try #require(files.first { $0.part == 7 }).text)
        let complaints = appeals.filter { $0[4] == "Number of complaints submitted to the internal-complaints mechanism" }.map { [$0[5], $0[6]] }
        #expect(complaints == [
            ["Total number", "2"], ["Decisions upheld", "2"], ["Decisions partially reversed", "0"], ["Decisions reversed", "0"], ["Median time", "3.00"],
            ["Decision omitted", "0"],
        ])
        // Out-of-court disputes happen outside Relais: blank, unless the tenant declares none.
        #expect(appeals.first { $0[3] == "Out-of-court dispute settlement bodies" }?[6] == "")
        let automation = try CSVRecords.parse(try #require(files.first { $0.part == 8 }).text).map { [$0[4].trimmingCharacters(in: .whitespaces), $0[5], $0[6]] }
        #expect(automation.contains(["Number of measures solely taken by automated means", "Total number", "1"]))
        #expect(automation.contains(["Number of measures not taken by automated means", "Total number", "3"]))
        #expect(automation.contains(["Number of notices not processed by automated means", "NAM Trusted Flagger", "2"]))
        #expect(automation.contains(["Number of measures solely taken by automated means", "Own-initiative ", ""]))
    }
}
