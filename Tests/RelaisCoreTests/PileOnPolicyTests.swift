import Foundation
import Testing

@testable import RelaisCore

/// Pile-ons (many authors against one person) as a pure rule: threshold and window edges,
/// several targets, one author's many comments, and the same data read by the
/// coordinated-reporting rule (many new reporters against one piece of content).
@Suite("Pile-on policy")
struct PileOnPolicyTests {
    let now = Date(timeIntervalSince1970: 1_795_960_800)
    let policy = PileOnPolicy.default

    func report(_ target: String, by author: String?, case caseId: String? = nil, secondsAgo: TimeInterval) -> PileOnPolicy.TargetedReport {
        .init(targetId: target, authorId: author, caseId: caseId ?? "case-\(author ?? "none")", receivedAt: now.addingTimeInterval(-secondsAgo))
    }

    @Test func theDefaultsAreThreeAuthorsInADay() {
        #expect(policy.minimumAuthors == 3 && policy.window == 86400)
    }

    @Test func threeDistinctAuthorsMakeAPileOnTwoDoNot() {
        let two = [report("lea", by: "a", secondsAgo: 60), report("lea", by: "b", secondsAgo: 30)]
        #expect(policy.pileOns(two, now: now).isEmpty)
        let three = two + [report("lea", by: "c", secondsAgo: 0)]
        let found = policy.pileOns(three, now: now)
        #expect(found.count == 1)
        #expect(found.first?.targetId == "lea" && found.first?.authorIds == ["a", "b", "c"])
        #expect(found.first?.caseIds == ["case-a", "case-b", "case-c"])
        #expect(found.first?.firstReportAt == now.addingTimeInterval(-60) && found.first?.lastReportAt == now)
    }

    @Test func theWindowIncludesItsStartAndNotASecondBefore() {
        let atTheEdge = [report("lea", by: "a", secondsAgo: 86400), report("lea", by: "b", secondsAgo: 10), report("lea", by: "c", secondsAgo: 0)]
        #expect(policy.pileOns(atTheEdge, now: now).count == 1)
        let justOutside = [report("lea", by: "a", secondsAgo: 86401), report("lea", by: "b", secondsAgo: 10), report("lea", by: "c", secondsAgo: 0)]
        #expect(policy.pileOns(justOutside, now: now).isEmpty)
        // Reports from the future (another instance's clock) are not read.
        let future = [report("lea", by: "a", secondsAgo: -5), report("lea", by: "b", secondsAgo: 10), report("lea", by: "c", secondsAgo: 0)]
        #expect(policy.pileOns(future, now: now).isEmpty)
    }

    @Test func oneAuthorsManyCommentsAreNotAPileOn() {
        let comments = (0..<50).map { report("lea", by: "troll", case: "case-\($0)", secondsAgo: TimeInterval($0)) }
        #expect(policy.pileOns(comments, now: now).isEmpty)
        // Nor reports without an author.
        let anonymous = (0..<5).map { report("lea", by: nil, case: "case-\($0)", secondsAgo: TimeInterval($0)) }
        #expect(policy.pileOns(anonymous, now: now).isEmpty)
    }

    @Test func eachTargetIsCountedOnItsOwn() {
        let reports = [
            report("lea", by: "a", secondsAgo: 5), report("lea", by: "b", secondsAgo: 4), report("lea", by: "c", secondsAgo: 3),
            report("sam", by: "a", secondsAgo: 5), report("sam", by: "b", secondsAgo: 4),
            report("zoe", by: "d", secondsAgo: 5), report("zoe", by: "e", secondsAgo: 4), report("zoe", by: "f", secondsAgo: 3), report("zoe", by: "g", secondsAgo: 2),
        ]
        let found = policy.pileOns(reports, now: now)
        #expect(found.map(\.targetId) == ["lea", "zoe"])
        #expect(found.last?.authorIds == ["d", "e", "f", "g"])
    }

    @Test func aConfiguredThresholdAndWindowApply() {
        let strict = PileOnPolicy(minimumAuthors: 5, window: 3600)
        let reports = (0..<5).map { report("lea", by: "author-\($0)", secondsAgo: TimeInterval($0) * 600) }
        #expect(strict.pileOns(reports, now: now).count == 1)
        #expect(strict.pileOns(Array(reports.dropLast()), now: now).isEmpty)
        #expect(PileOnPolicy(minimumAuthors: 5, window: 2000).pileOns(reports, now: now).isEmpty)
    }

    /// Both on the same data: one person, Lea, is attacked by four authors (a pile-on), and one
    /// of those comments is mass-reported by 25 accounts created this week (coordinated
    /// reporting against that author). Each rule sees its own thing and only that.
    @Test func aPileOnAndCoordinatedReportingAreToldApartOnTheSameData() {
        let coordinated = CoordinatedReportingPolicy.default
        // The raid: 25 new reporters against author a's comment, all naming Lea as the target.
        let raid = (0..<25).map { _ in report("lea", by: "a", case: "case-a", secondsAgo: 100) }
        let others = [report("lea", by: "b", secondsAgo: 90), report("lea", by: "c", secondsAgo: 80), report("lea", by: "d", secondsAgo: 70)]
        let found = policy.pileOns(raid + others, now: now)
        #expect(found.map(\.targetId) == ["lea"] && found.first?.authorIds == ["a", "b", "c", "d"])
        // Coordinated reporting looks at one case's reporters: case-a's burst is suspected, the others are not.
        #expect(coordinated.isSuspected(distinctReporters: 25, newReporters: 25))
        #expect(!coordinated.isSuspected(distinctReporters: 1, newReporters: 1))
        // The raid alone (one author) is no pile-on, however many reports it brings.
        #expect(policy.pileOns(raid, now: now).isEmpty)
    }
}
