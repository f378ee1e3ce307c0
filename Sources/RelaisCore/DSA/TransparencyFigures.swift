/// The figures of a transparency report (Implementing Regulation (EU) 2024/2835) for one
/// tenant and period, from what the store counted: the notices by report row (part 4, part
/// 8's notice rows), the restrictive decisions (part 8's measures) and the complaints (part 7).
/// The report files and the console's compliance page read the same value.
public struct TransparencyFigures: Sendable, Equatable {
    /// Restrictive decisions taken in the period: how many, and how many solely by automated
    /// means (part 8 "measures").
    public struct Measures: Sendable, Equatable {
        public var restrictive: Int
        public var solelyAutomated: Int

        public init(restrictive: Int, solelyAutomated: Int) {
            self.restrictive = restrictive
            self.solelyAutomated = solelyAutomated
        }
    }

    public var total = NoticeFigures()
    /// By `STATEMENT_CATEGORY_*`.
    public var byCategory: [String: NoticeFigures] = [:]
    /// By sub-category row (`KEYWORD_OTHER` rows told apart by their description).
    public var byRow: [NoticeReportRow: NoticeFigures] = [:]
    public var measures: Measures
    public var appeals: AppealStatistics
    /// The complaints about no action on a trusted flagger's notice (part 7 has a row of their own).
    public var appealsOnTrustedFlaggerNotices: AppealStatistics

    public init(notices: [NoticeTally], measures: Measures, appeals: [AppealStatistics.Entry]) {
        self.measures = measures
        self.appeals = AppealStatistics.tally(appeals)
        appealsOnTrustedFlaggerNotices = AppealStatistics.tally(appeals.filter(\.onTrustedFlaggerNotice))
        for tally in notices {
            // A category no longer offered still counts, as a notice whose illegality is not specified.
            let row = ReportCategory(rawValue: tally.category).map(NoticeReportRow.of)
                ?? NoticeReportRow(category: NoticeReportRow.notSpecified, keyword: nil, otherDescription: nil)
            total.add(tally)
            byCategory[row.category, default: NoticeFigures()].add(tally)
            if row.keyword != nil { byRow[row, default: NoticeFigures()].add(tally) }
        }
    }
}
