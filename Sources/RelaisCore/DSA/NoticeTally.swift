/// One group of notices as the store counts them for the transparency report: the notices of
/// one Relais category, from trusted flaggers or not, whose restriction came after the same
/// number of hundredths of an hour (`nil`: no restriction, or not decided yet).
///
/// Rows like these are all a database returns for the report's notice figures: their number
/// grows with categories × durations, never with notices.
public struct NoticeTally: Sendable, Equatable {
    /// The report's category as stored (`ReportCategory.rawValue`).
    public var category: String
    public var trustedFlagger: Bool
    /// From the notice's receipt to the restricting decision, in hundredths of an hour.
    public var actionCentiHours: Int?
    public var notices: Int
    /// Notices whose decision restricted on the ground of illegality / of the terms.
    public var actionsOnLaw: Int
    public var actionsOnTerms: Int
    /// Notices decided solely by automated means (`Decision.Automation.fully`).
    public var solelyAutomated: Int

    public init(category: String, trustedFlagger: Bool, actionCentiHours: Int?, notices: Int, actionsOnLaw: Int, actionsOnTerms: Int, solelyAutomated: Int) {
        self.category = category
        self.trustedFlagger = trustedFlagger
        self.actionCentiHours = actionCentiHours
        self.notices = notices
        self.actionsOnLaw = actionsOnLaw
        self.actionsOnTerms = actionsOnTerms
        self.solelyAutomated = solelyAutomated
    }
}
