import Foundation
import Testing

@testable import RelaisCore

/// Shared builders for the moderation tests.
enum ModerationFixture {
    static let now = Fixture.instant("2026-11-30T12:00:00Z")

    static func report(
        _ category: ReportCategory, by reporter: String = "reporter-1", age: AgeBracket = .adult, isTarget: Bool = false,
        trusted: Bool = false, flaggerName: String? = nil, minutesAgo: Double = 0
    ) -> CaseReport {
        CaseReport(
            reporterId: reporter, category: category, ageBracket: age, isTarget: isTarget, isTrustedFlagger: trusted,
            trustedFlaggerName: flaggerName, receivedAt: now.addingTimeInterval(-minutesAgo * 60))
    }

    static func facts(
        _ caseId: String = "case-1", kind: ReportDraft.SubjectKind = .comment, reports: [CaseReport],
        openedMinutesAgo: Double = 0, createdAt: Date? = nil, language: String? = nil
    ) -> CaseFacts {
        CaseFacts(
            caseId: caseId, subjectKind: kind, contentCreatedAt: createdAt, contentLanguage: language,
            openedAt: now.addingTimeInterval(-openedMinutesAgo * 60), reports: reports)
    }

    /// A case with `count` distinct reporters of the same category.
    static func crowd(_ category: ReportCategory, count: Int, caseId: String = "crowd") -> CaseFacts {
        facts(caseId, reports: (0..<count).map { report(category, by: "reporter-\($0)") })
    }
}

@Suite("Moderation: priority, targets, decisions, repeat offenders")
struct ModerationTests {
    typealias F = ModerationFixture

    // MARK: - Severity

    @Test("severity: grooming, threat, self-harm, intimate images and sextortion highest; spam lowest")
    func severityLevels() {
        for category in [ReportCategory.grooming, .threat, .selfHarm, .intimateImages, .sextortion] {
            #expect(category.severity == .critical, "\(category)")
        }
        #expect(ReportCategory.spam.severity == .lowest)
        for category in ReportCategory.allCases where category != .spam {
            #expect(category.severity > ReportCategory.spam.severity, "\(category)")
        }
        #expect(ReportCategory.harassment.severity > ReportCategory.scam.severity)
        #expect(ReportCategory.scam.severity > ReportCategory.other.severity)
    }

    @Test("the primary category is the most severe, then the most reported, whatever the report order")
    func primaryCategory() {
        let a = F.facts(reports: [F.report(.spam), F.report(.threat), F.report(.harassment)])
        #expect(a.primaryCategory == .threat)
        let tie = F.facts(reports: [F.report(.selfHarm), F.report(.grooming), F.report(.grooming, by: "r2")])
        #expect(tie.primaryCategory == .grooming)
        let reversed = F.facts(reports: [F.report(.grooming), F.report(.threat)])
        let forward = F.facts(reports: [F.report(.threat), F.report(.grooming)])
        #expect(reversed.primaryCategory == forward.primaryCategory)
        #expect(F.facts(reports: []).primaryCategory == nil)
    }

    // MARK: - Priority

    @Test("a threat beats spam, even spam reported by a crowd")
    func threatBeatsSpam() {
        let threat = F.facts("threat", reports: [F.report(.threat)])
        let spam = F.crowd(.spam, count: 500)
        #expect(CasePriority.score(threat, now: F.now) > CasePriority.score(spam, now: F.now))
        #expect(CasePriority.ordered([spam, threat], now: F.now).map(\.caseId) == ["threat", "crowd"])
        #expect(CasePriority.isMoreUrgent(threat, than: spam, now: F.now))
        #expect(!CasePriority.isMoreUrgent(spam, than: threat, now: F.now))
    }

    @Test("a possibly-minor target raises priority: under 13, 13-17 and unknown, but not a minor who is not the target")
    func minorTargetRaises() {
        let adult = CasePriority.score(F.facts(reports: [F.report(.harassment, age: .adult, isTarget: true)]), now: F.now)
        for age in [AgeBracket.under13, .teen, .unknown] {
            let facts = F.facts(reports: [F.report(.harassment, age: age, isTarget: true)])
            #expect(facts.targetMayBeMinor)
            #expect(CasePriority.score(facts, now: F.now) == adult + PriorityWeights.default.involvesMinor, "\(age)")
        }
        let witness = F.facts(reports: [F.report(.harassment, age: .teen, isTarget: false)])
        #expect(!witness.targetMayBeMinor)
        #expect(CasePriority.score(witness, now: F.now) == adult)
    }

    @Test("a trusted flagger raises priority")
    func trustedFlaggerRaises() {
        let plain = F.facts(reports: [F.report(.hate)])
        let flagged = F.facts(reports: [F.report(.hate, trusted: true, flaggerName: "e-Enfance")])
        #expect(CasePriority.score(flagged, now: F.now) == CasePriority.score(plain, now: F.now) + 20)
        var noBoost = PriorityWeights.default
        noBoost.trustedFlagger = 0
        #expect(CasePriority.score(flagged, weights: noBoost, now: F.now) == CasePriority.score(plain, now: F.now))
    }

    @Test("more distinct reporters raise priority, with diminishing returns and a cap")
    func reportersDiminish() {
        func score(_ n: Int) -> Double { CasePriority.score(F.crowd(.harassment, count: n), now: F.now) }
        #expect(score(2) > score(1))
        #expect(score(3) > score(2))
        #expect(score(2) - score(1) > score(3) - score(2))
        #expect(abs((score(8) - score(4)) - (score(2) - score(1))) < 1e-9, "each doubling is worth the same")
        #expect(score(16) == score(1) + 20)
        #expect(score(10_000) == score(16), "capped")
        // One person reporting many times is one reporter.
        let repeated = F.facts(reports: (0..<5).map { _ in F.report(.harassment, by: "same") })
        #expect(CasePriority.score(repeated, now: F.now) == score(1))
    }

    @Test("waiting raises priority relative to the target time, past it more, with a cap")
    func waitingRaises() {
        // Harassment of an adult: 24 h target.
        func score(hours: Double) -> Double {
            CasePriority.score(F.facts(reports: [F.report(.harassment)], openedMinutesAgo: hours * 60), now: F.now)
        }
        #expect(score(hours: 12) > score(hours: 0))
        #expect(score(hours: 12) - score(hours: 0) == 5)
        #expect(score(hours: 25) > score(hours: 24) + 10, "passing the target adds the overdue points")
        #expect(score(hours: 48) > score(hours: 25))
        #expect(score(hours: 1000) == score(hours: 72), "capped at three target times")
        // Relative to the target: a threat waiting 1 h has waited as long as harassment waiting 24 h.
        let threat = CasePriority.assess(F.facts(reports: [F.report(.threat)], openedMinutesAgo: 60), now: F.now)
        #expect(threat.waitingPoints == 10)
    }

    @Test("the score is the documented formula")
    func formula() {
        // Threat (critical, 80) + teen target (25) + trusted flagger (20) + 4 reporters (2 doublings, 10)
        // + half the 1 h target waited (5) + not overdue (0) = 140.
        let facts = F.facts(
            reports: [
                F.report(.threat, by: "a", age: .teen, isTarget: true), F.report(.threat, by: "b"),
                F.report(.harassment, by: "c", trusted: true), F.report(.spam, by: "d"),
            ], openedMinutesAgo: 30)
        let priority = CasePriority.assess(facts, now: F.now)
        #expect(priority.severity == .critical)
        #expect(priority.severityPoints == 80)
        #expect(priority.minorPoints == 25)
        #expect(priority.trustedFlaggerPoints == 20)
        #expect(priority.reporterPoints == 10)
        #expect(priority.waitingPoints == 5)
        #expect(priority.overduePoints == 0)
        #expect(priority.score == 140)
        #expect(priority.target.reason == .threat)
    }

    @Test("equal scores are ordered by due time, then opening time, then case id")
    func tieBreaks() {
        let b = F.facts("b", reports: [F.report(.spam)], openedMinutesAgo: 0)
        let a = F.facts("a", reports: [F.report(.spam)], openedMinutesAgo: 0)
        #expect(CasePriority.ordered([b, a], now: F.now).map(\.caseId) == ["a", "b"])
        var noWait = PriorityWeights.default
        noWait.perTargetElapsed = 0
        let older = F.facts("z-older", reports: [F.report(.spam)], openedMinutesAgo: 10)
        #expect(CasePriority.ordered([a, older], weights: noWait, now: F.now).map(\.caseId) == ["z-older", "a"])
    }

    // MARK: - Targets

    @Test("targets: threat 1 h, grooming or a possibly-minor target 4 h, others 24 h; the shortest wins")
    func targets() {
        func target(_ reports: [CaseReport]) -> DecisionTarget { DecisionTarget.forCase(F.facts(reports: reports)) }
        #expect(target([F.report(.threat)]).duration == 3600)
        #expect(target([F.report(.threat)]).reason == .threat)
        #expect(target([F.report(.grooming)]).duration == 4 * 3600)
        #expect(target([F.report(.grooming)]).reason == .involvingMinor)
        #expect(target([F.report(.harassment, age: .under13, isTarget: true)]).duration == 4 * 3600)
        #expect(target([F.report(.harassment, age: .unknown, isTarget: true)]).duration == 4 * 3600)
        #expect(target([F.report(.harassment, age: .adult, isTarget: true)]).duration == 24 * 3600)
        #expect(target([F.report(.spam)]).reason == .standard)
        #expect(target([F.report(.threat, age: .teen, isTarget: true)]).duration == 3600)
        let custom = DecisionTargetPolicy(threat: 600, involvingMinor: 1800, standard: 7200)
        #expect(DecisionTarget.forCase(F.facts(reports: [F.report(.spam)]), policy: custom).duration == 7200)
        #expect(DecisionTarget.forCase(F.facts(reports: [F.report(.threat)]), policy: custom).duration == 600)
    }

    @Test("dueAt and isOverdue: the due instant is on time, one second later is overdue")
    func overdue() {
        let facts = F.facts(reports: [F.report(.threat)], openedMinutesAgo: 0)
        let target = DecisionTarget.forCase(facts)
        #expect(target.dueAt == F.now.addingTimeInterval(3600))
        #expect(!target.isOverdue(now: F.now.addingTimeInterval(59 * 60)))
        #expect(!target.isOverdue(now: target.dueAt))
        #expect(target.isOverdue(now: target.dueAt.addingTimeInterval(1)))
        let late = CasePriority.assess(facts, now: F.now.addingTimeInterval(2 * 3600))
        #expect(late.isOverdue)
        #expect(late.overduePoints == 10)
        #expect(!CasePriority.assess(facts, now: F.now).isOverdue)
        // A clock behind the opening counts as no wait.
        #expect(target.waitedFraction(now: F.now.addingTimeInterval(-100)) == 0)
    }

    // MARK: - Decision.validate

    static let validDecision = #"""
        {
          "restrictions": ["content_removed", "account_suspended"],
          "ground": "incompatible",
          "termsClause": "Community Guidelines 3.2 (harassment)",
          "explanation": "The comment insults another user repeatedly.",
          "facts": "Comment reported by the person targeted; reviewed by a moderator.",
          "automatedDetection": false,
          "automatedDecision": "not_automated",
          "territorialScope": ["FR", "be"],
          "endDate": "2026-12-31",
          "noteForReporter": "We removed the comment.",
          "internalNote": "Second incident this month."
        }
        """#

    static func decisionBody(setting key: String, to fragment: String?) -> Any {
        var root = Fixture.json(validDecision) as! [String: Any]
        root[key] = fragment.map(Fixture.json)
        return ReportDraftTests.reparsed(root)
    }

    @Test("a valid decision body passes with every field read")
    func decisionValid() throws {
        let result = Decision.validate(json: Fixture.json(Self.validDecision))
        #expect(result.fieldErrors == [])
        let decision = try #require(result.value)
        #expect(decision.restrictions == [.contentRemoved, .accountSuspended])
        #expect(decision.ground == .incompatible)
        #expect(decision.termsClause == "Community Guidelines 3.2 (harassment)")
        #expect(decision.legalGround == nil)
        #expect(decision.explanation == "The comment insults another user repeatedly.")
        #expect(decision.facts == "Comment reported by the person targeted; reviewed by a moderator.")
        #expect(decision.automatedDetection == false)
        #expect(decision.automatedDecision == .notAutomated)
        #expect(decision.territorialScope.map(\.rawValue) == ["FR", "BE"])
        #expect(decision.endDate == CalendarDay(year: 2026, month: 12, day: 31))
        #expect(decision.noteForReporter == "We removed the comment.")
        #expect(decision.internalNote == "Second incident this month.")
        #expect(!decision.isNoAction)
    }

    @Test("no action: an empty restrictions array, no ground or facts needed")
    func decisionNoAction() throws {
        let body = #"{"restrictions": [], "explanation": "A joke between friends; no rule broken.", "automatedDetection": false, "automatedDecision": "not_automated", "territorialScope": []}"#
        let decision = try #require(Decision.validate(json: Fixture.json(body)).value)
        #expect(decision.isNoAction)
        #expect(decision.ground == nil)
    }

    @Test("an empty body lists every required field")
    func decisionEmpty() {
        let result = Decision.validate(json: Fixture.json("{}"))
        #expect(Set(result.errorFields) == ["restrictions", "explanation", "automatedDetection", "automatedDecision", "territorialScope"])
        #expect(Decision.validate(json: Fixture.json("[]")).errorFields == ["body"])
    }

    @Test("every missing or invalid field in one answer: field errors and the rules between fields together")
    func decisionAllErrorsAtOnce() {
        // The issue's example: restrictions and a ground only. Before, the answer named
        // `explanation`, and only the retry named `termsClause` and `facts`.
        let partial = Decision.validate(json: Fixture.json(#"{"restrictions": ["content_removed"], "ground": "incompatible"}"#))
        #expect(Set(partial.errorFields) == ["explanation", "automatedDetection", "automatedDecision", "territorialScope", "termsClause", "facts"])
        // A refused item and a rule between fields, both named; the field refused for its own
        // value is not named again by a rule that read it as missing.
        let mixed = Decision.validate(json: Fixture.json(
            #"{"restrictions": ["content_removed", "content_nuked"], "ground": "illegal", "explanation": "", "automatedDetection": false, "automatedDecision": "not_automated", "territorialScope": ["FR", "XX"], "endDate": "2039-01-01"}"#))
        #expect(mixed.errorFields == ["restrictions.1", "explanation", "territorialScope.1", "legalGround", "facts", "endDate"])
        // Unreadable restrictions: whether it is "no action" is unknown, so no rule that depends on it.
        let unreadable = Decision.validate(json: Fixture.json(#"{"restrictions": "content_removed", "explanation": "x", "automatedDetection": false, "automatedDecision": "not_automated", "territorialScope": []}"#))
        #expect(unreadable.errorFields == ["restrictions"])
    }

    @Test(
        "field errors, with dotted paths",
        arguments: [
            ("restrictions", #""content_removed""#, "restrictions"),
            ("restrictions", #"["content_nuked"]"#, "restrictions.0"),
            ("restrictions", #"["content_removed", 3]"#, "restrictions.1"),
            ("ground", #""illegalish""#, "ground"),
            ("automatedDetection", "1", "automatedDetection"),
            ("automatedDetection", #""true""#, "automatedDetection"),
            ("automatedDecision", #""manual""#, "automatedDecision"),
            ("explanation", #""""#, "explanation"),
            ("explanation", "null", "explanation"),
            ("endDate", #""2026-13-01""#, "endDate"),
            ("endDate", #""31/12/2026""#, "endDate"),
            ("endDate", #""2026-02-29""#, "endDate"),
            ("territorialScope", #""FR""#, "territorialScope"),
            ("territorialScope", #"["FR", "EL"]"#, "territorialScope.1"),
            ("territorialScope", #"["XX"]"#, "territorialScope.0"),
            ("noteForReporter", "42", "noteForReporter"),
        ] as [(String, String, String)])
    func decisionFieldErrors(key: String, fragment: String, expected: String) {
        let result = Decision.validate(json: Self.decisionBody(setting: key, to: fragment))
        #expect(result.errorFields == [expected], "\(key) = \(fragment): \(result.fieldErrors)")
    }

    @Test("EL is refused with a hint that Greece is GR; US is refused as outside the EU/EEA")
    func decisionScopeMessages() {
        let el = Decision.validate(json: Self.decisionBody(setting: "territorialScope", to: #"["EL"]"#))
        #expect(el.fieldErrors.first?.message.contains("Greece is GR") == true)
        let us = Decision.validate(json: Self.decisionBody(setting: "territorialScope", to: #"["US"]"#))
        #expect(us.errorFields == ["territorialScope.0"])
        #expect(us.fieldErrors.first?.message.contains("EU or EEA") == true)
        let empty = Decision.validate(json: Self.decisionBody(setting: "territorialScope", to: "[]"))
        #expect(empty.errorFields == ["territorialScope"])
    }

    @Test("lengths follow the Transparency Database limits")
    func decisionLengths() {
        let long = { (n: Int) in "\"" + String(repeating: "a", count: n) + "\"" }
        #expect(Decision.validate(json: Self.decisionBody(setting: "explanation", to: long(2000))).fieldErrors == [])
        #expect(Decision.validate(json: Self.decisionBody(setting: "explanation", to: long(2001))).errorFields == ["explanation"])
        #expect(Decision.validate(json: Self.decisionBody(setting: "termsClause", to: long(501))).errorFields == ["termsClause"])
        #expect(Decision.validate(json: Self.decisionBody(setting: "facts", to: long(5001))).errorFields == ["facts"])
        #expect(Decision.validate(json: Self.decisionBody(setting: "legalGround", to: long(501))).errorFields == ["legalGround"])
    }

    @Test("rules between fields")
    func decisionRules() {
        func errors(_ changes: [String: String?]) -> [String] {
            var root = Fixture.json(Self.validDecision) as! [String: Any]
            for (key, fragment) in changes { root[key] = fragment.map(Fixture.json) }
            return Decision.validate(json: ReportDraftTests.reparsed(root)).errorFields
        }
        #expect(errors(["ground": #""illegal""#]) == ["legalGround"])
        #expect(errors(["ground": #""illegal""#, "legalGround": #""Art. 222-33-2-2 Code pénal""#]) == [])
        #expect(errors(["termsClause": nil]) == ["termsClause"])
        #expect(errors(["termsClause": #""   ""#]) == ["termsClause"])
        #expect(errors(["ground": nil]) == ["ground"])
        #expect(errors(["facts": nil]) == ["facts"])
        #expect(errors(["facts": #"" ""#]) == ["facts"])
        #expect(errors(["restrictions": #"["account_suspended", "account_terminated"]"#]) == ["restrictions"])
        #expect(errors(["restrictions": #"["account_terminated"]"#]) == ["endDate"])
        #expect(errors(["restrictions": #"["account_terminated", "content_demoted"]"#]) == [])
        #expect(errors(["restrictions": "[]"]) == ["endDate"])
        #expect(errors(["restrictions": "[]", "endDate": nil, "ground": nil, "facts": nil, "termsClause": nil]) == [])
        #expect(errors(["endDate": #""2038-01-02""#]) == ["endDate"])
        #expect(errors(["endDate": #""2038-01-01""#]) == [])
    }

    @Test("a restriction listed twice counts once")
    func decisionDuplicates() throws {
        let body = Self.decisionBody(setting: "restrictions", to: #"["content_removed", "content_removed"]"#)
        #expect(try #require(Decision.validate(json: body).value).restrictions == [.contentRemoved])
    }

    @Test("a decision round-trips through Codable with the API's field names")
    func decisionCodable() throws {
        let decision = try #require(Decision.validate(json: Fixture.json(Self.validDecision)).value)
        let data = try JSONEncoder().encode(decision)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["endDate"] as? String == "2026-12-31")
        #expect(object["automatedDecision"] as? String == "not_automated")
        #expect(try JSONDecoder().decode(Decision.self, from: data) == decision)
    }

    // MARK: - Repeat offenders

    @Test("repeat offenders: below the threshold nothing, at it a warning first, after a warning a suspension")
    func repeatOffenders() {
        let policy = RepeatOffenderPolicy(threshold: 3)
        #expect(RepeatOffenders.assess(restrictedDecisionsInWindow: 2, hasBeenWarned: true, policy: policy).suggestion == .none)
        #expect(RepeatOffenders.assess(restrictedDecisionsInWindow: 3, hasBeenWarned: false, policy: policy).suggestion == .warn)
        #expect(RepeatOffenders.assess(restrictedDecisionsInWindow: 3, hasBeenWarned: true, policy: policy).suggestion == .suspend)
        #expect(RepeatOffenders.assess(restrictedDecisionsInWindow: 9, hasBeenWarned: true, policy: policy).restrictedDecisionCount == 9)
        #expect(RepeatOffenders.assess(restrictedDecisionsInWindow: 1, hasBeenWarned: true, policy: RepeatOffenderPolicy(threshold: 1)).suggestion == .suspend)
        #expect(RepeatOffenderPolicy(threshold: 0).threshold == 1)
    }

    @Test("repeat offenders: only decisions inside the window count")
    func repeatOffendersWindow() {
        let day: TimeInterval = 24 * 3600
        let policy = RepeatOffenderPolicy(threshold: 2, window: 30 * day)
        let dates = [F.now.addingTimeInterval(-1 * day), F.now.addingTimeInterval(-29 * day), F.now.addingTimeInterval(-31 * day)]
        let inside = RepeatOffenders.assess(restrictedDecisionDates: dates, hasBeenWarned: true, policy: policy, now: F.now)
        #expect(inside.restrictedDecisionCount == 2)
        #expect(inside.suggestion == .suspend)
        let later = RepeatOffenders.assess(restrictedDecisionDates: dates, hasBeenWarned: true, policy: policy, now: F.now.addingTimeInterval(2 * day))
        #expect(later.restrictedDecisionCount == 1)
        #expect(later.suggestion == .none)
    }
}
