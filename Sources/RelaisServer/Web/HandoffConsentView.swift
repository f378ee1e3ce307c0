/// The reference and the consent question on the receipt (and the answer page): a form of two
/// buttons, posted with a form token bound to the report, that works without JavaScript.
struct HandoffConsentView: Sendable {
    var reference: String
    var reportId: String
    var tenant: String
    var lang: String
    var formId: String
    var formToken: String
    /// On the answer page: what was recorded.
    var recorded: String?

    /// The form id a consent token is bound to: one report, never another form.
    static func formId(reportId: String) -> String { "handoff:" + reportId }
}
