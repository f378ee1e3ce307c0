/// Whether a new report reopens a decided case.
///
/// A decision to restrict stands: reports arriving afterwards are attached to the case
/// (counted, shown) without reopening it, since nothing more can be asked of the moderator
/// about the same content (a complaint is the way to contest it). A decision not to act is
/// reopened when a report brings something the decision did not weigh: a category not
/// reported before, a trusted flagger, or more than `newReporterThreshold` reporters who had
/// not reported it before the decision. The same people repeating the same report (a raid)
/// change nothing, so the queue cannot be flooded with the same no-action case.
public struct ReopeningRule: Sendable, Equatable, Codable {
    public var newReporterThreshold: Int

    public init(newReporterThreshold: Int = 5) { self.newReporterThreshold = newReporterThreshold }

    public static let `default` = ReopeningRule()

    public enum Reason: String, Sendable, Equatable, Codable {
        case newCategory = "new_category"
        case trustedFlagger = "trusted_flagger"
        case newReporters = "new_reporters"
    }

    /// What the report brings, compared with the reports the decision in force weighed.
    public struct NewReport: Sendable, Equatable {
        public var category: ReportCategory
        public var isTrustedFlagger: Bool
        public var isNewReporter: Bool

        public init(category: ReportCategory, isTrustedFlagger: Bool, isNewReporter: Bool) {
            self.category = category
            self.isTrustedFlagger = isTrustedFlagger
            self.isNewReporter = isNewReporter
        }
    }

    /// `nil`: the report is attached and the case stays decided.
    /// - Parameters:
    ///   - decisionRestricts: the decision in force restricts something.
    ///   - weighedCategories: the categories of the reports received before that decision.
    ///   - weighedTrustedFlagger: one of those came from a trusted flagger.
    ///   - newReportersBefore: reporters who first reported after the decision, before this one.
    public func reopens(
        decisionRestricts: Bool, weighedCategories: Set<ReportCategory>, weighedTrustedFlagger: Bool, newReportersBefore: Int,
        report: NewReport
    ) -> Reason? {
        guard !decisionRestricts else { return nil }
        if !weighedCategories.contains(report.category) { return .newCategory }
        if report.isTrustedFlagger && !weighedTrustedFlagger { return .trustedFlagger }
        if report.isNewReporter && newReportersBefore + 1 > newReporterThreshold { return .newReporters }
        return nil
    }
}
