import RelaisCore

/// `notice.decided`, to a trusted flagger: the decision on the case its notices are in (Art.
/// 22: the flagger follows how its notices fare). Its notice ids and the outcome only: never
/// the other reports, the reporters, the victim linked through a reference, or the internal note.
struct NoticeDecidedPayload: Encodable {
    var event = "notice.decided"
    var noticeIds: [String]
    var decisionId: String
    var decidedAt: String
    /// "no_action" or "restricted".
    var outcome: String
    var restrictions: [Decision.Restriction]
    var endDate: CalendarDay?
    var statementPuid: String?
}
