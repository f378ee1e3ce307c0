/// Where a notice of one Relais category is counted in the transparency report's notice part
/// (template part 4): its high-level category row and one sub-category row under it.
///
/// Annex II asks that sub-category rows sum to their category and that nothing be counted
/// twice, so a notice goes under one keyword only: the first of its category's keywords (the
/// most specific, as `ReportCategory.dsaKeywords` orders them). A category with no keyword
/// goes under its category's `KEYWORD_OTHER` row, described with the Relais category's name.
/// Part 4 has no row for `STATEMENT_CATEGORY_OTHER_VIOLATION_TC` (own-initiative actions
/// only), so spam notices, like "something else", are counted under
/// `STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE`, the row for notices whose alleged illegality
/// cannot be deduced; that row has no sub-category.
public struct NoticeReportRow: Sendable, Hashable {
    public static let notSpecified = "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE"
    public static let otherKeyword = "KEYWORD_OTHER"

    public var category: String
    /// `nil` under `STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE`.
    public var keyword: String?
    /// The `Description of the sub-category "Other"`, for `KEYWORD_OTHER` only.
    public var otherDescription: String?

    public init(category: String, keyword: String?, otherDescription: String?) {
        self.category = category
        self.keyword = keyword
        self.otherDescription = otherDescription
    }

    public static func of(_ reported: ReportCategory) -> NoticeReportRow {
        let category = reported.dsaCategory
        if category == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC" || category == notSpecified {
            return NoticeReportRow(category: notSpecified, keyword: nil, otherDescription: nil)
        }
        if let keyword = reported.dsaKeywords.first {
            return NoticeReportRow(category: category, keyword: keyword, otherDescription: nil)
        }
        return NoticeReportRow(category: category, keyword: otherKeyword, otherDescription: reported.summary)
    }
}
