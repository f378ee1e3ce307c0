import Foundation
import Testing

@testable import RelaisCore

/// The reference lists of the DSA Transparency Database, read from the copy of
/// dsa-sor-enums.json in Tests/Fixtures/reference.
struct TransparencyDatabaseReference {
    let values: [String: Set<String>]

    static let path: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RelaisCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("Tests/Fixtures/reference/dsa-sor-enums.json")
        .standardizedFileURL

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func load() throws -> TransparencyDatabaseReference {
        guard let data = FileManager.default.contents(atPath: path.path) else {
            throw Missing(description: "dsa-sor-enums.json not found at \(path.path): the statement-of-reasons tests compare against it")
        }
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Missing(description: "dsa-sor-enums.json at \(path.path) is not a JSON object")
        }
        var values: [String: Set<String>] = [:]
        for (field, entry) in root {
            guard let list = (entry as? [String: Any])?["values"] as? [Any] else { continue }
            values[field] = Set(list.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["value"] as? String) })
        }
        return TransparencyDatabaseReference(values: values)
    }

    func list(_ field: String) throws -> Set<String> {
        guard let list = values[field], !list.isEmpty else {
            throw Missing(description: "dsa-sor-enums.json has no values for \(field)")
        }
        return list
    }
}

@Suite("Statements of reasons")
struct StatementOfReasonsTests {
    typealias F = ModerationFixture

    /// Every field of `POST /api/v1/statement` (docs/reference/dsa-notes.md §1.3).
    static let databaseFields: Set<String> = [
        "decision_visibility", "decision_visibility_other", "decision_monetary", "decision_monetary_other",
        "decision_provision", "decision_account", "account_type", "decision_ground", "decision_ground_reference_url",
        "illegal_content_legal_ground", "illegal_content_explanation", "incompatible_content_ground",
        "incompatible_content_explanation", "incompatible_content_illegal", "content_type", "content_type_other",
        "category", "category_addition", "category_specification", "category_specification_other",
        "territorial_scope", "content_language", "content_date", "application_date", "end_date_visibility_restriction",
        "end_date_monetary_restriction", "end_date_service_restriction", "end_date_account_restriction",
        "decision_facts", "source_type", "source_identity", "automated_detection", "automated_decision", "puid",
        "content_id", "content_id_ean",
    ]

    /// Always required, and `territorial_scope`, which Relais always sends.
    static let requiredFields: Set<String> = [
        "decision_ground", "content_type", "category", "content_date", "application_date", "decision_facts",
        "source_type", "automated_detection", "automated_decision", "puid", "territorial_scope",
    ]

    static let fr = CountryCode(rawValue: "FR")!
    static let eu27 = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
        .map { CountryCode(rawValue: $0)! }
    static let eea30 = eu27 + ["IS", "LI", "NO"].map { CountryCode(rawValue: $0)! }

    static func decision(
        _ restrictions: [Decision.Restriction], ground: Decision.Ground = .incompatible, endDate: CalendarDay? = nil,
        detection: Bool = false, automation: Decision.Automation = .notAutomated, scope: [CountryCode] = [fr],
        explanation: String = "The comment insults another user repeatedly to intimidate them.",
        facts: String? = "Comment reported by the person targeted; reviewed by a moderator."
    ) -> Decision {
        Decision(
            restrictions: restrictions, ground: ground,
            legalGround: ground == .illegal ? "Article 222-33-2-2 of the French Criminal Code (online harassment)" : nil,
            termsClause: ground == .incompatible ? "Community Guidelines 3.2 (harassment)" : nil,
            explanation: explanation, facts: facts, automatedDetection: detection, automatedDecision: automation,
            territorialScope: scope, endDate: endDate)
    }

    static let harassmentCase = F.facts(
        "case-42", kind: .comment, reports: [F.report(.harassment, age: .teen, isTarget: true, minutesAgo: 90)],
        openedMinutesAgo: 90, createdAt: Fixture.instant("2026-11-28T20:00:00Z"), language: "fr-FR")

    static let endOfYear = CalendarDay(year: 2026, month: 12, day: 31)!

    /// Every decision shape the API accepts.
    static let shapes: [(String, Decision)] = {
        var shapes: [(String, Decision)] = Decision.Restriction.allCases.map { ("\($0.rawValue) alone", decision([$0])) }
        shapes += [
            ("every visibility restriction", decision(Decision.Restriction.allCases.filter(\.isVisibilityRestriction))),
            ("removed, account suspended, monetary, service", decision([.contentRemoved, .accountSuspended, .monetarySuspended, .serviceSuspended])),
            ("demoted and terminated, with end date", decision([.contentDemoted, .accountTerminated], endDate: endOfYear)),
            ("illegal ground", decision([.contentRemoved], ground: .illegal)),
            ("incompatible ground", decision([.contentRemoved], ground: .incompatible)),
            ("illegal with several restrictions and end date", decision([.contentDisabled, .accountSuspended], ground: .illegal, endDate: endOfYear)),
            ("suspension with end date", decision([.accountSuspended], endDate: endOfYear)),
            ("suspension without end date", decision([.accountSuspended])),
            ("age restriction with end date", decision([.contentAgeRestricted], endDate: endOfYear)),
            ("monetary with end date", decision([.monetarySuspended], endDate: endOfYear)),
            ("service with end date", decision([.serviceSuspended], endDate: endOfYear)),
            ("end date today", decision([.contentLabelled], endDate: CalendarDay(F.now))),
            ("detected and decided automatically", decision([.contentRemoved], detection: true, automation: .fully)),
            ("detected automatically, partly automated", decision([.contentRemoved], detection: true, automation: .partially)),
            ("detected by a person, partly automated", decision([.contentRemoved], detection: false, automation: .partially)),
            ("detected automatically, decided by a person", decision([.contentRemoved], detection: true, automation: .notAutomated)),
            ("scope: the whole EU", decision([.contentRemoved], scope: eu27)),
            ("scope: the whole EEA", decision([.contentRemoved], scope: eea30)),
            ("scope: EEA-only countries", decision([.contentRemoved], scope: ["NO", "IS", "LI"].map { CountryCode(rawValue: $0)! })),
            ("scope: Greece and repeats", decision([.contentRemoved], scope: ["GR", "FR", "GR"].map { CountryCode(rawValue: $0)! })),
            ("maximum lengths", decision([.contentRemoved], explanation: String(repeating: "e", count: 2000), facts: String(repeating: "f", count: 5000))),
        ]
        return shapes
    }()

    static func encoded(_ statement: StatementOfReasons) throws -> [String: Any] {
        let data = try statement.jsonData()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: - Every decision shape gives a valid statement

    @Test("every decision shape gives a statement that passes the validator, with exactly the database's keys and values",
          arguments: shapes.map(\.0))
    func shapeIsValid(name: String) throws {
        let reference = try TransparencyDatabaseReference.load()
        let decision = try #require(Self.shapes.first { $0.0 == name }?.1)
        let result = ModerationRules.statement(for: decision, case: Self.harassmentCase, now: F.now)
        #expect(result.fieldErrors == [], "\(name)")
        let produced = try #require(result.value)
        let statement = try #require(produced, "a restriction must yield a statement")
        #expect(StatementOfReasonsValidator.validate(statement) == [])

        let json = try Self.encoded(statement)
        let keys = Set(json.keys)
        #expect(keys.isSubset(of: Self.databaseFields), "unknown keys: \(keys.subtracting(Self.databaseFields))")
        #expect(Self.requiredFields.isSubset(of: keys), "missing: \(Self.requiredFields.subtracting(keys))")
        let decisionKeys: Set<String> = ["decision_visibility", "decision_monetary", "decision_provision", "decision_account"]
        #expect(!keys.isDisjoint(with: decisionKeys))

        // Enum fields take the database's keys.
        for field in ["decision_monetary", "decision_provision", "decision_account", "decision_ground", "source_type",
                      "automated_detection", "automated_decision", "category"] {
            if let value = json[field] {
                let text = try #require(value as? String, "\(field) must be a string")
                #expect(try reference.list(field).contains(text), "\(field) = \(text)")
            }
        }
        for field in ["decision_visibility", "content_type", "category_addition", "category_specification", "territorial_scope"] {
            if let value = json[field] {
                let items = try #require(value as? [String], "\(field) must be an array of strings")
                #expect(!items.isEmpty, "\(field) is empty")
                #expect(items == items.sorted(), "\(field) is sorted as the database stores it")
                #expect(Set(items).isSubset(of: try reference.list(field)), "\(field) = \(items)")
            }
        }
        if let language = json["content_language"] as? String {
            #expect(try reference.list("content_language").contains(language))
        }
        #expect(json["puid"] as? String == "case-42-1")
        #expect(json["application_date"] as? String == "2026-11-30")
        #expect(json["content_date"] as? String == "2026-11-28")
        #expect(json["decision_facts"] as? String == decision.facts)
    }

    @Test("each restriction maps to its own database field and value")
    func restrictionMapping() throws {
        let expected: [Decision.Restriction: (String, Any)] = [
            .contentRemoved: ("decision_visibility", ["DECISION_VISIBILITY_CONTENT_REMOVED"]),
            .contentDisabled: ("decision_visibility", ["DECISION_VISIBILITY_CONTENT_DISABLED"]),
            .contentDemoted: ("decision_visibility", ["DECISION_VISIBILITY_CONTENT_DEMOTED"]),
            .contentAgeRestricted: ("decision_visibility", ["DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"]),
            .interactionRestricted: ("decision_visibility", ["DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED"]),
            .contentLabelled: ("decision_visibility", ["DECISION_VISIBILITY_CONTENT_LABELLED"]),
            .accountSuspended: ("decision_account", "DECISION_ACCOUNT_SUSPENDED"),
            .accountTerminated: ("decision_account", "DECISION_ACCOUNT_TERMINATED"),
            .serviceSuspended: ("decision_provision", "DECISION_PROVISION_TOTAL_SUSPENSION"),
            .monetarySuspended: ("decision_monetary", "DECISION_MONETARY_SUSPENSION"),
        ]
        for restriction in Decision.Restriction.allCases {
            let (field, value) = try #require(expected[restriction])
            let statement = try #require(StatementOfReasons.make(for: Self.decision([restriction]), case: Self.harassmentCase, now: F.now))
            let json = try Self.encoded(statement)
            let decisionFields = json.keys.filter { $0.hasPrefix("decision_") && $0 != "decision_ground" && $0 != "decision_facts" }
            #expect(decisionFields == [field], "\(restriction)")
            if let list = value as? [String] {
                #expect(json[field] as? [String] == list)
            } else {
                #expect(json[field] as? String == value as? String)
            }
        }
    }

    @Test("the end date goes to each temporary restriction's end date, never to a termination")
    func endDates() throws {
        let all = Self.decision([.contentDemoted, .accountSuspended, .monetarySuspended, .serviceSuspended], endDate: Self.endOfYear)
        let json = try Self.encoded(try #require(StatementOfReasons.make(for: all, case: Self.harassmentCase, now: F.now)))
        for field in ["end_date_visibility_restriction", "end_date_account_restriction", "end_date_monetary_restriction", "end_date_service_restriction"] {
            #expect(json[field] as? String == "2026-12-31", "\(field)")
        }
        let terminated = Self.decision([.contentDemoted, .accountTerminated], endDate: Self.endOfYear)
        let json2 = try Self.encoded(try #require(StatementOfReasons.make(for: terminated, case: Self.harassmentCase, now: F.now)))
        #expect(json2["end_date_visibility_restriction"] as? String == "2026-12-31")
        #expect(json2["end_date_account_restriction"] == nil)
        let indefinite = try Self.encoded(try #require(StatementOfReasons.make(for: Self.decision([.accountSuspended]), case: Self.harassmentCase, now: F.now)))
        #expect(indefinite.keys.filter { $0.hasPrefix("end_date") }.isEmpty, "no end date means the field is left out (null)")
    }

    @Test("illegal and incompatible grounds fill their own two fields and nothing of the other")
    func grounds() throws {
        let illegal = try Self.encoded(try #require(StatementOfReasons.make(for: Self.decision([.contentRemoved], ground: .illegal), case: Self.harassmentCase, now: F.now)))
        #expect(illegal["decision_ground"] as? String == "DECISION_GROUND_ILLEGAL_CONTENT")
        #expect(illegal["illegal_content_legal_ground"] as? String == "Article 222-33-2-2 of the French Criminal Code (online harassment)")
        #expect(illegal["illegal_content_explanation"] as? String == "The comment insults another user repeatedly to intimidate them.")
        #expect(illegal["incompatible_content_ground"] == nil && illegal["incompatible_content_explanation"] == nil)
        let incompatible = try Self.encoded(try #require(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: Self.harassmentCase, now: F.now)))
        #expect(incompatible["decision_ground"] as? String == "DECISION_GROUND_INCOMPATIBLE_CONTENT")
        #expect(incompatible["incompatible_content_ground"] as? String == "Community Guidelines 3.2 (harassment)")
        #expect(incompatible["incompatible_content_explanation"] != nil)
        #expect(incompatible["illegal_content_legal_ground"] == nil && incompatible["illegal_content_explanation"] == nil)
        #expect(incompatible["incompatible_content_illegal"] == nil, "not known, so not sent")
    }

    @Test("automation: detection is the literal Yes or No, the decision an AUTOMATED_DECISION_ key")
    func automation() throws {
        let cases: [(Bool, Decision.Automation, String, String)] = [
            (true, .fully, "Yes", "AUTOMATED_DECISION_FULLY"),
            (true, .partially, "Yes", "AUTOMATED_DECISION_PARTIALLY"),
            (false, .notAutomated, "No", "AUTOMATED_DECISION_NOT_AUTOMATED"),
        ]
        for (detection, automation, yesNo, key) in cases {
            let decision = Self.decision([.contentRemoved], detection: detection, automation: automation)
            let json = try Self.encoded(try #require(StatementOfReasons.make(for: decision, case: Self.harassmentCase, now: F.now)))
            #expect(json["automated_detection"] as? String == yesNo)
            #expect(json["automated_decision"] as? String == key)
        }
    }

    @Test("no action yields no statement of reasons (Art. 17 applies to restrictions)")
    func noAction() throws {
        let decision = Decision(restrictions: [], ground: nil, explanation: "No rule broken.", facts: nil, territorialScope: [])
        #expect(StatementOfReasons.make(for: decision, case: Self.harassmentCase, now: F.now) == nil)
        let result = ModerationRules.statement(for: decision, case: Self.harassmentCase, now: F.now)
        #expect(result.fieldErrors == [])
        let value = try #require(result.value)
        #expect(value == nil)
    }

    // MARK: - Mapping from the case

    @Test("content type from the subject kind, unless the platform said otherwise")
    func contentTypes() throws {
        let expected: [ReportDraft.SubjectKind: [StatementOfReasons.ContentType]] = [
            .post: [.text], .comment: [.text], .message: [.text], .story: [.text], .live: [.video], .account: [.other], .other: [.other],
        ]
        for kind in ReportDraft.SubjectKind.allCases {
            let facts = F.facts(kind: kind, reports: [F.report(.harassment)])
            let statement = try #require(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: facts, now: F.now))
            #expect(statement.contentType == expected[kind], "\(kind)")
            #expect((statement.contentTypeOther != nil) == (expected[kind] == [.other]), "\(kind)")
            #expect(StatementOfReasonsValidator.validate(statement) == [], "\(kind)")
        }
        var told = F.facts(kind: .post, reports: [F.report(.intimateImages)])
        told.contentTypes = [.video, .image, .image]
        #expect(StatementOfReasons.contentTypes(for: told) == [.image, .video])
        let account = F.facts(kind: .account, reports: [F.report(.impersonation)])
        #expect(StatementOfReasons.make(for: Self.decision([.accountSuspended]), case: account, now: F.now)?.contentTypeOther == "User account")
    }

    @Test("source type: an Art. 16 notice, a trusted flagger (named, as an organisation), or own initiative (unnamed)")
    func sourceTypes() throws {
        let decision = Self.decision([.contentRemoved])
        let notice = try #require(StatementOfReasons.make(for: decision, case: Self.harassmentCase, now: F.now))
        #expect(notice.sourceType == .article16)
        #expect(notice.sourceIdentity == nil, "an individual notifier is never named")

        let flagged = F.facts(reports: [F.report(.harassment, by: "someone"), F.report(.harassment, by: "tf-1", trusted: true, flaggerName: "e-Enfance")])
        let tf = try #require(StatementOfReasons.make(for: decision, case: flagged, now: F.now))
        #expect(tf.sourceType == .trustedFlagger)
        #expect(tf.sourceIdentity == "e-Enfance")
        #expect(StatementOfReasonsValidator.validate(tf) == [])

        var own = F.facts(reports: [])
        own.ownInitiativeCategories = [.spam]
        let voluntary = try #require(StatementOfReasons.make(for: Self.decision([.contentRemoved], detection: true, automation: .fully), case: own, now: F.now))
        #expect(voluntary.sourceType == .voluntary)
        #expect(voluntary.sourceIdentity == nil)
        #expect(voluntary.category == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC")
        #expect(StatementOfReasonsValidator.validate(voluntary) == [])
    }

    @Test("category, additions and keywords come from the reported categories")
    func categories() throws {
        let threat = try #require(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: F.facts(reports: [F.report(.threat)]), now: F.now))
        #expect(threat.category == "STATEMENT_CATEGORY_VIOLENCE")
        #expect(threat.categoryAddition == ["STATEMENT_CATEGORY_CYBER_VIOLENCE"])
        #expect(threat.categorySpecification == nil)

        let mixed = F.facts(reports: [F.report(.harassment, by: "a"), F.report(.grooming, by: "b"), F.report(.other, by: "c")])
        let statement = try #require(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: mixed, now: F.now))
        #expect(statement.category == "STATEMENT_CATEGORY_PROTECTION_OF_MINORS")
        #expect(statement.categoryAddition == ["STATEMENT_CATEGORY_CYBER_VIOLENCE"], "the primary category and 'not specified' are left out")
        #expect(statement.categorySpecification == ["KEYWORD_CYBER_BULLYING_INTIMIDATION", "KEYWORD_CYBER_HARASSMENT", "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS"])
        #expect(StatementOfReasonsValidator.validate(statement) == [])

        // Every category of a single-category case gives a valid statement.
        for category in ReportCategory.allCases {
            let facts = F.facts(reports: [F.report(category)])
            let result = ModerationRules.statement(for: Self.decision([.contentRemoved]), case: facts, now: F.now)
            #expect(result.fieldErrors == [], "\(category)")
        }
    }

    @Test("content language: the primary subtag in upper case, when the database knows it")
    func contentLanguage() {
        #expect(StatementOfReasons.contentLanguage(forTag: "fr-FR") == "FR")
        #expect(StatementOfReasons.contentLanguage(forTag: "pt-BR") == "PT")
        #expect(StatementOfReasons.contentLanguage(forTag: "el") == "EL")
        #expect(StatementOfReasons.contentLanguage(forTag: "fil") == nil)
        #expect(StatementOfReasons.contentLanguage(forTag: "xx") == nil)
        #expect(StatementOfReasons.contentLanguage(forTag: "not a tag") == nil)
    }

    @Test("dates: the decision day in UTC, the content's day, or the first report's day when unknown")
    func dates() throws {
        let lateEvening = Fixture.instant("2026-11-30T23:30:00-05:00")  // 2026-12-01 in UTC
        let statement = try #require(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: Self.harassmentCase, now: lateEvening))
        #expect(statement.applicationDate == "2026-12-01")
        #expect(statement.contentDate == "2026-11-28")

        let unknownDate = F.facts(reports: [F.report(.harassment, minutesAgo: 3 * 24 * 60)], openedMinutesAgo: 3 * 24 * 60)
        #expect(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: unknownDate, now: F.now)?.contentDate == "2026-11-27")

        let future = F.facts(reports: [F.report(.harassment)], createdAt: F.now.addingTimeInterval(3 * 24 * 3600))
        #expect(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: future, now: F.now)?.contentDate == "2026-11-30")
    }

    @Test("puid: the case id made to match ^[a-zA-Z0-9-_]+$, unique per case and per decision")
    func puids() {
        #expect(StatementOfReasons.puid(caseId: "case-42", decisionNumber: 1) == "case-42-1")
        #expect(StatementOfReasons.puid(caseId: "case-42", decisionNumber: 2) == "case-42-2")
        #expect(StatementOfReasons.puid(caseId: "c:1", decisionNumber: 1) == "c_3A1-1")
        #expect(StatementOfReasons.puid(caseId: "c_3A1", decisionNumber: 1) == "c_5F3A1-1", "an underscore is escaped too, so ids never collide")
        #expect(StatementOfReasons.puid(caseId: "é 1", decisionNumber: 1) == "_C3_A9_201-1")
        let ids = ["a b", "a_b", "a-b", "a:b", "a_20b", "ab"]
        let puids = ids.map { StatementOfReasons.puid(caseId: $0, decisionNumber: 1) }
        #expect(Set(puids).count == ids.count)
        for puid in puids { #expect(ReportDraft.isIdentifier(puid), "\(puid)") }
        var second = Self.harassmentCase
        second.priorDecisionCount = 1
        #expect(StatementOfReasons.make(for: Self.decision([.contentRemoved]), case: second, now: F.now)?.puid == "case-42-2")
    }

    // MARK: - Refusals with the reason

    static func refusal(_ decision: Decision, case facts: CaseFacts = harassmentCase, now: Date = F.now) -> [FieldError] {
        ModerationRules.statement(for: decision, case: facts, now: now).fieldErrors
    }

    @Test("refused: an illegal ground without the legal ground")
    func refusedMissingLegalGround() {
        var decision = Self.decision([.contentRemoved], ground: .illegal)
        decision.legalGround = nil
        let errors = Self.refusal(decision)
        #expect(errors.map(\.field) == ["legalGround"])
        #expect(errors.first?.message.contains("illegal") == true)
    }

    @Test("refused: an incompatible ground without the terms clause")
    func refusedMissingTermsClause() {
        var decision = Self.decision([.contentRemoved], ground: .incompatible)
        decision.termsClause = "  "
        #expect(Self.refusal(decision).map(\.field) == ["termsClause"])
    }

    @Test("refused: an explanation over 2000 characters")
    func refusedLongExplanation() {
        let errors = Self.refusal(Self.decision([.contentRemoved], explanation: String(repeating: "x", count: 2001)))
        #expect(errors.map(\.field) == ["explanation"])
        #expect(errors.first?.message.contains("2000") == true)
    }

    @Test("refused: an end date before the application date")
    func refusedEndDateBeforeApplication() {
        let yesterday = CalendarDay(year: 2026, month: 11, day: 29)!
        let errors = Self.refusal(Self.decision([.accountSuspended], endDate: yesterday))
        #expect(errors.map(\.field) == ["endDate"])
        #expect(errors.first?.message.contains("application_date (2026-11-30)") == true)
        #expect(errors.first?.message.contains("end_date_account_restriction") == true)
    }

    @Test("refused: a territorial scope outside the EU/EEA (US); EL is not even a country code (Greece is GR)")
    func refusedScope() {
        let us = Self.refusal(Self.decision([.contentRemoved], scope: [Self.fr, CountryCode(rawValue: "US")!]))
        #expect(us.map(\.field) == ["territorialScope.1"])
        #expect(CountryCode(rawValue: "EL") == nil)
        let el = Decision.validate(json: ModerationTests.decisionBody(setting: "territorialScope", to: #"["EL"]"#))
        #expect(el.errorFields == ["territorialScope.0"])
        #expect(Self.refusal(Self.decision([.contentRemoved], scope: [])).map(\.field) == ["territorialScope"])
    }

    @Test("refused: empty or missing facts")
    func refusedEmptyFacts() {
        #expect(Self.refusal(Self.decision([.contentRemoved], facts: "")).map(\.field) == ["facts"])
        #expect(Self.refusal(Self.decision([.contentRemoved], facts: " \n ")).map(\.field) == ["facts"])
        #expect(Self.refusal(Self.decision([.contentRemoved], facts: nil)).map(\.field) == ["facts"])
    }

    @Test("refused: personal data in the published texts")
    func refusedPersonalData() {
        let facts = F.facts(reports: [F.report(.harassment, by: "user-88231")])
        let withId = Self.refusal(Self.decision([.contentRemoved], facts: "Reported by user-88231."), case: facts)
        #expect(withId.map(\.field) == ["facts"])
        let withEmail = Self.refusal(Self.decision([.contentRemoved], facts: "Reporter wrote from lea.martin@example.fr."))
        #expect(withEmail.map(\.field) == ["facts"])
        #expect(withEmail.first?.message.contains("e-mail") == true)
        let withPhone = Self.refusal(Self.decision([.contentRemoved], explanation: "He posted her number, +33 6 12 34 56 78."))
        #expect(withPhone.map(\.field) == ["explanation"])
    }

    @Test("refused: a case without any category")
    func refusedNoCategory() {
        let errors = Self.refusal(Self.decision([.contentRemoved]), case: F.facts(reports: []))
        #expect(errors.map(\.field) == ["statement.category"])
    }

    @Test("refused: a content date before 2000 (a platform's bad clock)")
    func refusedOldContent() {
        let facts = F.facts(reports: [F.report(.harassment)], createdAt: Fixture.instant("1999-12-31T12:00:00Z"))
        #expect(Self.refusal(Self.decision([.contentRemoved]), case: facts).map(\.field) == ["statement.content_date"])
    }

    // MARK: - The validator, rule by rule

    /// A valid statement built by hand, to break one rule at a time.
    static var valid: StatementOfReasons {
        var s = StatementOfReasons(
            decisionGround: .incompatibleContent, contentType: [.text], category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
            territorialScope: ["FR"], contentDate: "2025-09-01", applicationDate: "2025-09-02",
            decisionFacts: "Comment reported by another user; reviewed by a moderator.", sourceType: .article16,
            automatedDetection: .no, automatedDecision: .notAutomated, puid: "notice-7f3c9a-decision-1")
        s.decisionVisibility = [.contentRemoved]
        s.incompatibleContentGround = "Community Guidelines section 3.2 (harassment)"
        s.incompatibleContentExplanation = "The comment repeatedly targets another user."
        return s
    }

    static func errors(_ change: (inout StatementOfReasons) -> Void) -> [String] {
        var statement = valid
        change(&statement)
        return StatementOfReasonsValidator.validate(statement).map(\.field)
    }

    @Test("the hand-built statement and the sample payload of docs/reference/dsa-notes.md §1.6 are valid, and the sample round-trips")
    func sampleIsValid() throws {
        #expect(StatementOfReasonsValidator.validate(Self.valid) == [])
        let sample = #"""
            {
              "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"],
              "decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
              "incompatible_content_ground": "Community Guidelines section 3.2 (harassment)",
              "incompatible_content_explanation": "The comment repeatedly targets another user with insults intended to intimidate.",
              "incompatible_content_illegal": "Yes",
              "content_type": ["CONTENT_TYPE_TEXT"],
              "category": "STATEMENT_CATEGORY_CYBER_VIOLENCE",
              "category_specification": ["KEYWORD_CYBER_HARASSMENT"],
              "territorial_scope": ["AT","BE","BG","CY","CZ","DE","DK","EE","ES","FI","FR","GR","HR","HU","IE","IT","LT","LU","LV","MT","NL","PL","PT","RO","SE","SI","SK"],
              "content_language": "FR",
              "content_date": "2025-09-01",
              "application_date": "2025-09-02",
              "decision_facts": "Comment reported by another user; reviewed by a moderator.",
              "source_type": "SOURCE_ARTICLE_16",
              "automated_detection": "No",
              "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
              "puid": "notice-7f3c9a-decision-1"
            }
            """#
        let statement = try Fixture.decode(StatementOfReasons.self, sample)
        #expect(StatementOfReasonsValidator.validate(statement) == [])
        let original = try #require(Fixture.json(sample) as? NSDictionary)
        let again = try #require(try JSONSerialization.jsonObject(with: statement.jsonData()) as? NSDictionary)
        #expect(again == original)
    }

    @Test("the Swift enums hold exactly the database's values")
    func enumsMatchReference() throws {
        let reference = try TransparencyDatabaseReference.load()
        #expect(Set(StatementOfReasons.VisibilityDecision.allCases.map(\.rawValue)) == (try reference.list("decision_visibility")))
        #expect(Set(StatementOfReasons.MonetaryDecision.allCases.map(\.rawValue)) == (try reference.list("decision_monetary")))
        #expect(Set(StatementOfReasons.ProvisionDecision.allCases.map(\.rawValue)) == (try reference.list("decision_provision")))
        #expect(Set(StatementOfReasons.AccountDecision.allCases.map(\.rawValue)) == (try reference.list("decision_account")))
        #expect(Set(StatementOfReasons.AccountType.allCases.map(\.rawValue)) == (try reference.list("account_type")))
        #expect(Set(StatementOfReasons.DecisionGround.allCases.map(\.rawValue)) == (try reference.list("decision_ground")))
        #expect(Set(StatementOfReasons.ContentType.allCases.map(\.rawValue)) == (try reference.list("content_type")))
        #expect(Set(StatementOfReasons.SourceType.allCases.map(\.rawValue)) == (try reference.list("source_type")))
        #expect(Set(StatementOfReasons.AutomatedDecision.allCases.map(\.rawValue)) == (try reference.list("automated_decision")))
        #expect(Set(StatementOfReasons.YesNo.allCases.map(\.rawValue)) == (try reference.list("automated_detection")))
        #expect(StatementOfReasonsValidator.categories == (try reference.list("category")))
        #expect(StatementOfReasonsValidator.keywords == (try reference.list("category_specification")))
        #expect(StatementOfReasonsValidator.contentLanguages == (try reference.list("content_language")))
        #expect(CountryCode.euAndEEA == (try reference.list("territorial_scope")))
        #expect(Set(StatementOfReasons.fieldNames).isSubset(of: Self.databaseFields))
        for category in ReportCategory.allCases {
            #expect(try reference.list("category").contains(category.dsaCategory))
            #expect(Set(category.dsaKeywords).isSubset(of: try reference.list("category_specification")))
        }
    }

    @Test("at least one decision field")
    func ruleDecisionFields() {
        #expect(Self.errors { $0.decisionVisibility = nil } == ["decision_visibility"])
        #expect(Self.errors { $0.decisionVisibility = [] } == ["decision_visibility"])
        #expect(Self.errors { $0.decisionVisibility = nil; $0.decisionAccount = .suspended } == [])
        #expect(Self.errors { $0.decisionVisibility = nil; $0.decisionMonetary = .termination } == [])
        #expect(Self.errors { $0.decisionVisibility = nil; $0.decisionProvision = .partialTermination } == [])
    }

    @Test("the 'other' texts: required with OTHER, refused without it, at most 500")
    func ruleOtherTexts() {
        #expect(Self.errors { $0.decisionVisibility = [.other] } == ["decision_visibility_other"])
        #expect(Self.errors { $0.decisionVisibility = [.other]; $0.decisionVisibilityOther = "Shadow ban" } == [])
        #expect(Self.errors { $0.decisionVisibilityOther = "Shadow ban" } == ["decision_visibility_other"])
        #expect(Self.errors { $0.decisionVisibility = [.other]; $0.decisionVisibilityOther = String(repeating: "o", count: 501) } == ["decision_visibility_other"])
        #expect(Self.errors { $0.decisionMonetary = .other } == ["decision_monetary_other"])
        #expect(Self.errors { $0.decisionMonetary = .other; $0.decisionMonetaryOther = "Payouts held" } == [])
        #expect(Self.errors { $0.decisionMonetaryOther = "Payouts held" } == ["decision_monetary_other"])
        #expect(Self.errors { $0.contentType = [.other] } == ["content_type_other"])
        #expect(Self.errors { $0.contentType = [.other]; $0.contentTypeOther = "Account" } == [])
        #expect(Self.errors { $0.contentTypeOther = "Account" } == ["content_type_other"])
    }

    @Test("the ground and its texts: required, exclusive, limited")
    func ruleGround() {
        #expect(Self.errors { $0.decisionGround = nil; $0.incompatibleContentGround = nil; $0.incompatibleContentExplanation = nil } == ["decision_ground"])
        #expect(Self.errors { $0.incompatibleContentGround = nil } == ["incompatible_content_ground"])
        #expect(Self.errors { $0.incompatibleContentExplanation = " " } == ["incompatible_content_explanation"])
        #expect(Self.errors { $0.incompatibleContentGround = String(repeating: "g", count: 501) } == ["incompatible_content_ground"])
        #expect(Self.errors { $0.incompatibleContentExplanation = String(repeating: "e", count: 2001) } == ["incompatible_content_explanation"])
        #expect(Self.errors { $0.illegalContentLegalGround = "Art. 1" } == ["illegal_content_legal_ground"])
        #expect(Self.errors { $0.decisionGround = .illegalContent } ==
            ["illegal_content_legal_ground", "illegal_content_explanation", "incompatible_content_ground", "incompatible_content_explanation"])
        #expect(Self.errors { $0.decisionGround = .illegalContent; $0.incompatibleContentGround = nil; $0.incompatibleContentExplanation = nil
            $0.illegalContentLegalGround = "Art. 1"; $0.illegalContentExplanation = String(repeating: "e", count: 2000) } == [])
        #expect(Self.errors { $0.decisionGround = .illegalContent; $0.incompatibleContentGround = nil; $0.incompatibleContentExplanation = nil
            $0.illegalContentLegalGround = String(repeating: "l", count: 501); $0.illegalContentExplanation = "x" } == ["illegal_content_legal_ground"])
        #expect(Self.errors { $0.incompatibleContentIllegal = .yes } == [])
        #expect(Self.errors { $0.decisionGround = .illegalContent; $0.incompatibleContentGround = nil; $0.incompatibleContentExplanation = nil
            $0.illegalContentLegalGround = "Art. 1"; $0.illegalContentExplanation = "x"; $0.incompatibleContentIllegal = .no } == ["incompatible_content_illegal"])
        #expect(Self.errors { $0.decisionGroundReferenceUrl = "https://example.com/terms#3.2" } == [])
        #expect(Self.errors { $0.decisionGroundReferenceUrl = "terms 3.2" } == ["decision_ground_reference_url"])
    }

    @Test("content type, category, keywords and language from the database's lists")
    func ruleLists() {
        #expect(Self.errors { $0.contentType = [] } == ["content_type"])
        #expect(Self.errors { $0.category = nil } == ["category"])
        #expect(Self.errors { $0.category = "STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR" } == ["category"], "removed in July 2025")
        #expect(Self.errors { $0.category = "Cyber violence" } == ["category"], "labels are not keys")
        #expect(Self.errors { $0.categoryAddition = ["STATEMENT_CATEGORY_VIOLENCE", "STATEMENT_CATEGORY_NOPE"] } == ["category_addition.1"])
        #expect(Self.errors { $0.categorySpecification = ["KEYWORD_DISINFORMATION"] } == ["category_specification.0"], "retired keyword")
        #expect(Self.errors { $0.categorySpecification = ["KEYWORD_STALKING", "KEYWORD_OTHER"]; $0.categorySpecificationOther = "Doxxing" } == [])
        #expect(Self.errors { $0.contentLanguage = "fr" } == ["content_language"])
        #expect(Self.errors { $0.contentLanguage = "XX" } == ["content_language"])
        #expect(Self.errors { $0.contentLanguage = "VI" } == [])
    }

    @Test("territorial scope: non-empty, within the 30 codes, GR not EL")
    func ruleScope() {
        #expect(Self.errors { $0.territorialScope = [] } == ["territorial_scope"])
        #expect(Self.errors { $0.territorialScope = ["FR", "EL"] } == ["territorial_scope.1"])
        #expect(Self.errors { $0.territorialScope = ["US"] } == ["territorial_scope.0"])
        #expect(Self.errors { $0.territorialScope = ["fr"] } == ["territorial_scope.0"])
        #expect(Self.errors { $0.territorialScope = ["IS", "LI", "NO", "GR"] } == [])
        var statement = Self.valid
        statement.territorialScope = ["EL"]
        #expect(StatementOfReasonsValidator.validate(statement).first?.message.contains("Greece is GR") == true)
    }

    @Test("dates: format, real days and ranges")
    func ruleDates() {
        #expect(Self.errors { $0.contentDate = "2025-9-01" } == ["content_date"])
        #expect(Self.errors { $0.contentDate = "2025-02-30" } == ["content_date"])
        #expect(Self.errors { $0.contentDate = "01/09/2025" } == ["content_date"])
        #expect(Self.errors { $0.contentDate = "2025-09-01T10:00:00Z" } == ["content_date"])
        #expect(Self.errors { $0.contentDate = "1999-12-31" } == ["content_date"])
        #expect(Self.errors { $0.contentDate = "2000-01-01" } == [])
        #expect(Self.errors { $0.contentDate = "2025-09-03" } == ["content_date"], "after the application date")
        #expect(Self.errors { $0.applicationDate = "2019-12-31"; $0.contentDate = "2019-01-01" } == ["application_date"])
        #expect(Self.errors { $0.applicationDate = "2020-01-01"; $0.contentDate = "2019-01-01" } == [])
        #expect(Self.errors { $0.applicationDate = "2038-01-02" } == ["application_date"])
        #expect(Self.errors { $0.contentDate = "2038-01-01"; $0.applicationDate = "2038-01-01" } == [])
    }

    @Test("end dates: on or after the application date, on or before 2038-01-01, only with their decision")
    func ruleEndDates() {
        #expect(Self.errors { $0.endDateVisibilityRestriction = "2025-09-02" } == [])
        #expect(Self.errors { $0.endDateVisibilityRestriction = "2038-01-01" } == [])
        #expect(Self.errors { $0.endDateVisibilityRestriction = "2025-09-01" } == ["end_date_visibility_restriction"])
        #expect(Self.errors { $0.endDateVisibilityRestriction = "2038-01-02" } == ["end_date_visibility_restriction"])
        #expect(Self.errors { $0.endDateVisibilityRestriction = "2025-13-01" } == ["end_date_visibility_restriction"])
        #expect(Self.errors { $0.endDateAccountRestriction = "2025-10-01" } == ["end_date_account_restriction"])
        #expect(Self.errors { $0.decisionAccount = .suspended; $0.endDateAccountRestriction = "2025-10-01" } == [])
        #expect(Self.errors { $0.decisionAccount = .terminated; $0.endDateAccountRestriction = "2025-10-01" } == ["end_date_account_restriction"])
        #expect(Self.errors { $0.decisionMonetary = .suspension; $0.endDateMonetaryRestriction = "2025-09-01" } == ["end_date_monetary_restriction"])
        #expect(Self.errors { $0.endDateServiceRestriction = "2025-10-01" } == ["end_date_service_restriction"])
        #expect(Self.errors { $0.decisionProvision = .totalSuspension; $0.endDateServiceRestriction = "2025-10-01" } == [])
    }

    @Test("facts, source identity and puid")
    func ruleFactsSourcePuid() {
        #expect(Self.errors { $0.decisionFacts = "" } == ["decision_facts"])
        #expect(Self.errors { $0.decisionFacts = "   " } == ["decision_facts"])
        #expect(Self.errors { $0.decisionFacts = String(repeating: "f", count: 5000) } == [])
        #expect(Self.errors { $0.decisionFacts = String(repeating: "f", count: 5001) } == ["decision_facts"])
        #expect(Self.errors { $0.sourceType = .voluntary; $0.sourceIdentity = "e-Enfance" } == ["source_identity"])
        #expect(Self.errors { $0.sourceType = .trustedFlagger; $0.sourceIdentity = "e-Enfance" } == [])
        #expect(Self.errors { $0.sourceType = .otherNotification } == [])
        #expect(Self.errors { $0.sourceIdentity = String(repeating: "s", count: 501) } == ["source_identity"])
        #expect(Self.errors { $0.puid = "" } == ["puid"])
        #expect(Self.errors { $0.puid = "case 42" } == ["puid"])
        #expect(Self.errors { $0.puid = "case:42" } == ["puid"])
        #expect(Self.errors { $0.puid = "Case_42-a" } == [])
        #expect(Self.errors { $0.puid = String(repeating: "p", count: 500) } == [])
        #expect(Self.errors { $0.puid = String(repeating: "p", count: 501) } == ["puid"])
    }

    @Test("personal data: e-mail addresses and international phone numbers are refused in published texts")
    func rulePersonalData() {
        #expect(Self.errors { $0.decisionFacts = "Reported by jo@example.com." } == ["decision_facts"])
        #expect(Self.errors { $0.incompatibleContentExplanation = "Posted +44 20 7946 0958 publicly." } == ["incompatible_content_explanation"])
        #expect(Self.errors { $0.sourceType = .trustedFlagger; $0.sourceIdentity = "counsellor@e-enfance.org" } == ["source_identity"])
        #expect(Self.errors { $0.decisionFacts = "Reviewed on 2025-09-02 under section 3.2; the @ sign alone is fine." } == [])
    }

    @Test("the JSON leaves out nil fields and writes arrays where the database wants arrays")
    func jsonShape() throws {
        let json = try Self.encoded(Self.valid)
        #expect(Set(json.keys) == [
            "decision_visibility", "decision_ground", "incompatible_content_ground", "incompatible_content_explanation",
            "content_type", "category", "territorial_scope", "content_date", "application_date", "decision_facts",
            "source_type", "automated_detection", "automated_decision", "puid",
        ])
        #expect(json["decision_visibility"] as? [String] == ["DECISION_VISIBILITY_CONTENT_REMOVED"])
        #expect(json["content_type"] as? [String] == ["CONTENT_TYPE_TEXT"])
        #expect(json["automated_detection"] as? String == "No")
        let text = String(decoding: try Self.valid.jsonData(), as: UTF8.self)
        #expect(text.hasPrefix(#"{"application_date":"2025-09-02","automated_decision""#), "keys sorted for stable bytes")
    }
}
