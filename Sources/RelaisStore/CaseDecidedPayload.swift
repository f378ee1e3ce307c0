import Foundation
import RelaisCore

/// `case.decided`: what the platform needs to tell the reporters the outcome (DSA Art. 16(5))
/// and to give the affected user the statement of reasons and the ways to contest it
/// (Art. 17(3)(f), Art. 20–21). No content snapshot, no report details, no internal note.
struct CaseDecidedPayload: Encodable {
    var event = "case.decided"
    var caseId: String
    var decisionId: String
    var decidedAt: String
    var subject: Subject
    var reportIds: [String]
    /// The reporters' platform ids, each once, so the platform can notify them.
    var reporterIds: [String]
    var affectedAuthorId: String?
    /// "no_action" or "restricted".
    var outcome: String
    var restrictions: [Decision.Restriction]
    var endDate: CalendarDay?
    /// Why: for no action, the only explanation the reporter gets; with restrictions, also in the statement.
    var explanation: String
    var noteForReporter: String?
    /// Deliver the DSA Art. 23(1) warning to the affected author with this decision.
    var warnAuthor: Bool
    var statementOfReasons: StatementOfReasons?
    var contest: Contest
    /// For each party, a link to Relais's own page where they can contest the decision
    /// (`/embed/appeal?token=…`, relative to Relais's address): sealed, expiring, one per person.
    var appealLinks: [AppealLink] = []

    struct AppealLink: Encodable {
        var party: AppealParty
        var userId: String
        var path: String
        var expiresAt: String
    }

    struct Subject: Encodable {
        var kind: String
        var id: String
    }

    /// How to contest the decision: the platform's internal complaint system, open for at
    /// least six months after the decision (Art. 20(1)), out-of-court dispute settlement
    /// (Art. 21) and the courts.
    struct Contest: Encodable {
        var internalComplaintUntil: CalendarDay
        var routes = ["internal_complaint", "out_of_court_dispute_settlement", "judicial_redress"]

        init(decidedAt: Date) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            internalComplaintUntil = CalendarDay(calendar.date(byAdding: .month, value: 6, to: decidedAt) ?? decidedAt)
        }
    }
}

extension CaseDecidedPayload {
    /// The payload of a decision, from the case's subject and its reports in arrival order.
    init(
        caseId: String, decisionId: String, decision: Decision, statement: StatementOfReasons?, author: String?, now: Date,
        subjectKind: String, subjectId: String, reports: [(id: String, reporterId: String)]
    ) {
        var reporters: [String] = []
        for report in reports where !reporters.contains(report.reporterId) { reporters.append(report.reporterId) }
        self.init(
            caseId: caseId, decisionId: decisionId, decidedAt: Timestamp.format(now), subject: .init(kind: subjectKind, id: subjectId),
            reportIds: reports.map(\.id), reporterIds: reporters, affectedAuthorId: author,
            outcome: decision.isNoAction ? "no_action" : "restricted", restrictions: decision.restrictions, endDate: decision.endDate,
            explanation: decision.explanation, noteForReporter: decision.noteForReporter, warnAuthor: decision.warnAuthor,
            statementOfReasons: statement, contest: .init(decidedAt: now))
    }

    /// One link for the author (when the platform named one) and one per reporter.
    func appealLinks(tenantId: Tenant.ID, secret: Data, decidedAt: Date) throws -> [AppealLink] {
        let expiresAt = AppealLinkToken.expiry(decidedAt: decidedAt)
        let parties = (affectedAuthorId.map { [(AppealParty.author, $0)] } ?? []) + reporterIds.map { (AppealParty.reporter, $0) }
        return try parties.map { party, userId in
            let token = try AppealLinkToken(tenantId: tenantId, decisionId: decisionId, party: party, userId: userId, expiresAt: expiresAt)
                .sealed(secret: secret)
            return AppealLink(party: party, userId: userId, path: "/embed/appeal?token=" + token, expiresAt: Timestamp.format(expiresAt))
        }
    }

    /// The outbox event's JSON (sorted keys, like every stored JSON).
    func json() throws -> String { try StoredJSON.encode(self) }
}
