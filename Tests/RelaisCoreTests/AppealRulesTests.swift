import Foundation
import Testing

@testable import RelaisCore

/// The pure rules of complaints: the window, standing, what a review may say, reopening, and
/// the transparency figures.
@Suite("Appeal rules")
struct AppealRulesTests {
    static let told = Timestamp.parse("2026-08-31T22:30:00Z")!

    @Test func theWindowIsSixCalendarMonthsToTheMinute() {
        // 31 August + 6 months: the last day of February (no 31 February).
        #expect(Timestamp.format(AppealWindow.closes(informedAt: Self.told)) == "2027-02-28T22:30:00.000Z")
        let closes = AppealWindow.closes(informedAt: Self.told)
        #expect(AppealWindow.isOpen(informedAt: Self.told, now: closes.addingTimeInterval(-60)))
        #expect(AppealWindow.isOpen(informedAt: Self.told, now: closes))
        #expect(!AppealWindow.isOpen(informedAt: Self.told, now: closes.addingTimeInterval(60)))
        #expect(AppealWindow.isOpen(informedAt: nil, now: .distantFuture))
    }

    @Test func standingIsTheAuthorOrAReporter() {
        #expect(AppealStanding.hasStanding(party: .author, userId: "a", authorId: "a", reporterIds: []))
        #expect(!AppealStanding.hasStanding(party: .author, userId: "a", authorId: nil, reporterIds: ["a"]))
        #expect(AppealStanding.hasStanding(party: .reporter, userId: "r", authorId: "a", reporterIds: ["r"]))
        #expect(!AppealStanding.hasStanding(party: .reporter, userId: "a", authorId: "a", reporterIds: ["r"]))
    }

    @Test func aRequestListsEveryBadField() {
        guard case .failure(let failure) = AppealRequest.validate(json: ["party": "friend", "explanation": "  ", "language": "pt"]) else {
            Issue.record("refused")
            return
        }
        #expect(failure.errors.map(\.field).sorted() == ["decisionId", "explanation", "language", "party", "userId"])
    }

    static let removal = Decision(
        restrictions: [.contentRemoved], ground: .incompatible, termsClause: "3.2", explanation: "Insults.", facts: "A post.",
        territorialScope: [CountryCode(rawValue: "FR")!])
    static let noAction = Decision(restrictions: [], ground: nil, explanation: "Nothing wrong.", facts: nil, territorialScope: [])

    @Test func whatAReviewMaySay() throws {
        // Reversing a restriction lifts it; it needs no decision and refuses one.
        let reversed = try AppealResolution.validate(json: ["outcome": "reversed", "textForAppellant": "It is back."], reviewing: Self.removal).get()
        #expect(reversed.replacement?.isNoAction == true && reversed.replacement?.explanation == "It is back.")
        #expect(!reversed.imposesNewRestriction(over: Self.removal))
        let restricting: [String: Any] = [
            "restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "3.2", "explanation": "Insults.", "facts": "A post.",
            "automatedDetection": false, "automatedDecision": "not_automated", "territorialScope": ["FR"],
        ]
        func fields(_ json: [String: Any], _ original: Decision) -> [String] {
            guard case .failure(let failure) = AppealResolution.validate(json: json, reviewing: original) else { return [] }
            return failure.errors.map(\.field)
        }
        #expect(fields(["outcome": "reversed", "textForAppellant": "x", "decision": restricting], Self.removal) == ["decision"])
        #expect(fields(["outcome": "reversed", "textForAppellant": "x"], Self.noAction) == ["decision"])
        #expect(fields(["outcome": "modified", "textForAppellant": "x", "decision": restricting], Self.removal) == ["decision.restrictions"])
        #expect(fields(["outcome": "upheld", "textForAppellant": "x", "decision": restricting], Self.removal) == ["decision"])
        #expect(fields(["outcome": "rejected_inadmissible", "textForAppellant": "x"], Self.removal) == ["reason"])
        #expect(fields(["outcome": "upheld"], Self.removal) == ["textForAppellant"])
        #expect(fields(["outcome": "modified", "textForAppellant": "x", "decision": ["restrictions": "all"]], Self.removal).allSatisfy { $0.hasPrefix("decision.") })
        let restricted = try AppealResolution.validate(json: ["outcome": "reversed", "textForAppellant": "x", "decision": restricting], reviewing: Self.noAction).get()
        #expect(restricted.imposesNewRestriction(over: Self.noAction))
    }

    @Test func onlyANoActionCaseReopensAndOnlyWithSomethingNew() {
        let rule = ReopeningRule(newReporterThreshold: 2)
        func reopens(restricts: Bool = false, category: ReportCategory = .harassment, flagger: Bool = false, new: Bool = false, before: Int = 0)
            -> ReopeningRule.Reason?
        {
            rule.reopens(
                decisionRestricts: restricts, weighedCategories: [.harassment], weighedTrustedFlagger: false, newReportersBefore: before,
                report: .init(category: category, isTrustedFlagger: flagger, isNewReporter: new))
        }
        #expect(reopens() == nil)
        #expect(reopens(category: .threat) == .newCategory)
        #expect(reopens(restricts: true, category: .threat, flagger: true) == nil)
        #expect(reopens(flagger: true) == .trustedFlagger)
        #expect(reopens(new: true, before: 1) == nil)
        #expect(reopens(new: true, before: 2) == .newReporters)
        #expect(reopens(new: false, before: 5) == nil)
    }

    @Test func theFiguresOfTheTemplate() {
        let start = Self.told
        func entry(_ party: AppealParty, _ decision: Decision, hours: Double?, _ outcome: AppealOutcome?, imposed: Bool = false) -> AppealStatistics.Entry {
            .init(party: party, decisionUnderReview: decision, receivedAt: start, decidedAt: hours.map { start.addingTimeInterval($0 * 3600) },
                outcome: outcome, imposedNewRestriction: imposed)
        }
        var suspension = Self.removal
        suspension.restrictions = [.contentRemoved, .accountSuspended]
        let stats = AppealStatistics.tally([
            entry(.author, Self.removal, hours: 2, .upheld), entry(.author, suspension, hours: 10, .reversed),
            entry(.reporter, Self.noAction, hours: 5, .modified, imposed: true), entry(.reporter, Self.noAction, hours: nil, nil),
        ])
        #expect(stats.total.received == 4 && stats.total.decided == 3 && stats.total.medianHoursToDecide == 5)
        #expect(stats.byBasis["visibility"]?.received == 2 && stats.byBasis["account"]?.received == 1 && stats.byBasis["no_action"]?.received == 2)
        #expect(stats.byParty["reporter"]?.medianHoursToDecide == 5 && stats.byParty["author"]?.medianHoursToDecide == 6)
        #expect(stats.reversals == 2 && stats.restrictionsNewlyImposed == 1)
        #expect(AppealOutcome.modified.templateScope == "Decisions partially reversed")
    }
}
