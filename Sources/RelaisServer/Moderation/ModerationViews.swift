import Foundation
import RelaisCore
import RelaisStore

/// A case as the moderation API shows it. The content snapshot is included: judging it is
/// the moderator's job. It is attacker-controlled text, returned verbatim in JSON; escaping
/// it is the job of whatever renders it (the console escapes it).
struct ModerationCaseView: Encodable {
    var id: String
    var status: String
    var subject: Subject
    var authorId: String?
    var openedAt: String
    var dueAt: String
    var overdue: Bool
    var target: Target
    var priority: Priority
    var lease: LeaseView?
    var repeatOffender: RepeatOffender
    var reports: [ReportView]
    var decisions: [DecisionView]
    /// The decision that applies now (restrictions lifted on review are gone from it).
    var decisionInForce: DecisionView?

    struct Subject: Encodable {
        var kind: ReportDraft.SubjectKind
        var id: String
    }

    struct Target: Encodable {
        var reason: DecisionTarget.Reason
        var seconds: Double
    }

    /// Every term of `CasePriority`, so a moderator sees why a case comes first.
    struct Priority: Encodable {
        var score: Double
        var severity: String
        var severityPoints: Double
        var minorPoints: Double
        var trustedFlaggerPoints: Double
        var reporterPoints: Double
        var waitingPoints: Double
        var overduePoints: Double
        /// The pile-on term: the case is one of several authors' attacks on one person.
        var pileOnPoints: Double
        var distinctReporters: Int
        /// The reporters counted in `reporterPoints`, and why others were not.
        var weighedReporters: Int
        var coordinatedReporting: CoordinatedReporting
    }

    /// Possible report-bombing (DSA Art. 23): many reporters new to the platform in one burst.
    /// Only the priority changes; nothing is done against the reported person because of it.
    struct CoordinatedReporting: Encodable {
        var suspected: Bool
        var newReporters: Int
        var deprioritizedReporters: Int
        var explanation: String?
    }

    struct RepeatOffender: Encodable {
        var restrictedDecisionCount: Int
        var threshold: Int
        var suggestion: RepeatOffenderSuggestion
    }

    struct ReportView: Encodable {
        var id: String
        var receivedAt: String
        var surface: String
        var category: ReportCategory
        var details: String?
        var reporter: Reporter
        var subject: ReportDraft.Subject
        /// A trusted flagger's notice that reached this case through the victim's reference.
        var linkedThroughReference: Bool
        /// Why this report weighs less in the priority, if it does.
        var weighsLess: String?

        /// Not the reporter's id: the moderator judges the content, and the platform gets
        /// the ids to notify in the `case.decided` event.
        struct Reporter: Encodable {
            var country: String
            var locale: String
            var ageBracket: AgeBracket
            var isTarget: Bool
            var trustedFlagger: String?
        }
    }

    init(_ c: ModerationCase, now: Date) {
        id = c.id.rawValue
        status = c.status
        subject = Subject(kind: c.facts.subjectKind, id: c.subjectId)
        authorId = c.authorId
        openedAt = Timestamp.format(c.facts.openedAt)
        dueAt = Timestamp.format(c.priority.target.dueAt)
        overdue = c.status == "open" && c.priority.isOverdue
        target = Target(reason: c.priority.target.reason, seconds: c.priority.target.duration)
        let p = c.priority
        priority = Priority(
            score: p.score, severity: String(describing: p.severity), severityPoints: p.severityPoints, minorPoints: p.minorPoints,
            trustedFlaggerPoints: p.trustedFlaggerPoints, reporterPoints: p.reporterPoints, waitingPoints: p.waitingPoints,
            overduePoints: p.overduePoints, pileOnPoints: p.pileOnPoints, distinctReporters: c.facts.distinctReporterCount, weighedReporters: p.weighedReporters,
            coordinatedReporting: CoordinatedReporting(
                suspected: p.coordinatedReporting, newReporters: c.facts.newReporterCount, deprioritizedReporters: c.facts.deprioritizedReporterCount,
                explanation: p.coordinatedReporting
                    ? "\(c.facts.newReporterCount) of \(c.facts.distinctReporterCount) reporters were new to the platform when they reported: possible coordinated reporting. Their reports do not raise the priority; nothing is done against the reported person because of them."
                    : nil))
        lease = c.lease.map(LeaseView.init)
        repeatOffender = RepeatOffender(
            restrictedDecisionCount: c.repeatOffender.restrictedDecisionCount, threshold: c.repeatOffender.threshold,
            suggestion: c.repeatOffender.suggestion)
        reports = c.reports.map { r in
            ReportView(
                id: r.id, receivedAt: Timestamp.format(r.receivedAt), surface: r.draft.surface, category: r.draft.category,
                details: r.draft.details,
                reporter: .init(
                    country: r.draft.reporter.country.rawValue, locale: r.draft.reporter.locale, ageBracket: r.draft.reporter.ageBracket,
                    isTarget: r.draft.reporter.isTarget, trustedFlagger: r.draft.reporter.trustedFlagger),
                subject: r.draft.subject, linkedThroughReference: r.linkedReportId != nil, weighsLess: r.lowWeightReason)
        }
        decisions = c.decisions.map(DecisionView.init)
        decisionInForce = c.decisionInForce.map(DecisionView.init)
    }
}

struct LeaseView: Encodable {
    var moderator: String
    var expiresAt: String

    init(_ lease: Lease) {
        moderator = lease.moderatorName
        expiresAt = Timestamp.format(lease.expiresAt)
    }
}

/// A recorded decision, for moderators (the internal note included: it never leaves Relais
/// through webhooks or statements, but moderators read it).
struct DecisionView: Encodable {
    var id: String
    var caseId: String
    var decidedAt: String
    var moderator: String
    var decision: Decision
    /// The statement's `puid`, none for no action.
    var statementPuid: String?
    /// False once a complaint or a new decision on the reopened case replaced it.
    var inForce: Bool
    var replacesDecisionId: String?
    var replacedBy: String?
    /// The complaint this decision was taken on, for a decision made on review.
    var appealId: String?
    var complaints: Complaints

    /// When each party was told and until when they can complain (DSA Art. 20(1)–(2)): six
    /// months from the platform's confirmation, else from the delivery of the decision's
    /// webhook. `null` while neither happened: the window has not started.
    struct Complaints: Encodable {
        var noticeDeliveredAt: String?
        var informed: [Informed]
        var authorWindowClosesAt: String?
        var reportersWindowClosesAt: String?

        struct Informed: Encodable {
            var party: AppealParty
            var userId: String?
            var informedAt: String
        }
    }

    init(_ d: RecordedDecision) {
        id = d.id
        caseId = d.caseId.rawValue
        decidedAt = Timestamp.format(d.decidedAt)
        moderator = d.moderatorName
        decision = d.decision
        statementPuid = d.statement?.puid
        inForce = d.isInForce
        replacesDecisionId = d.replacesDecisionId
        replacedBy = d.supersededBy
        appealId = d.appealId
        complaints = Complaints(
            noticeDeliveredAt: d.noticeDeliveredAt.map(Timestamp.format),
            informed: d.notifications.map { .init(party: $0.party, userId: $0.userId, informedAt: Timestamp.format($0.informedAt)) },
            authorWindowClosesAt: d.complaintWindowCloses(party: .author, userId: nil).map(Timestamp.format),
            reportersWindowClosesAt: d.complaintWindowCloses(party: .reporter, userId: nil).map(Timestamp.format))
    }
}

/// The answer to a decision: `201` with the decision and its statement of reasons (`null`
/// for no action, which needs none).
struct DecisionCreatedView: Encodable {
    var decision: DecisionView
    var statementOfReasons: StatementOfReasons?
    /// Asked for with `?next=true`: the case claimed next (`null` when none waits). Absent
    /// when not asked for.
    var next: ModerationCaseView?? = nil

    enum CodingKeys: String, CodingKey { case decision, statementOfReasons, next }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decision, forKey: .decision)
        try c.encode(statementOfReasons, forKey: .statementOfReasons)
        if let next { try c.encode(next, forKey: .next) }
    }
}
