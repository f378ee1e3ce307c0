import RelaisCore

/// The console's appeal pages: the list with "claim the next appeal", and one appeal beside
/// its decision, statement of reasons and reports, with the review form.
struct ConsoleAppealsView: Sendable {
    var page: ConsolePage
    var csrf: String
    var decides: Bool
    var open: [Row]
    var decided: [Row]
    var hasOpen: Bool
    var hasDecided: Bool

    struct Row: Sendable {
        var id: String
        var caseId: String
        var party: String
        var receivedAt: String
        var dueAt: ConsoleMoment
        var overdue: Bool
        var outcome: String?
        var leasedBy: String?
    }
}

struct ConsoleAppealView: Sendable {
    var page: ConsolePage
    var csrf: String
    var appealId: String
    var caseId: String
    var party: String
    var status: String
    var receivedAt: String
    var dueAt: ConsoleMoment
    var overdue: Bool
    /// The appellant's words: attacker-controlled, escaped by the template.
    var explanation: String
    var lease: ConsoleCaseView.LeaseInfo?
    var holdsLease: Bool
    var original: ConsoleCaseView.DecisionRow
    var statementJSON: String?
    var reports: [Report]
    var review: Review?
    var form: Form?

    struct Report: Sendable {
        var receivedAt: String
        var categoryLabel: String
        var country: String
        var isTarget: Bool
        var details: String?
    }

    struct Review: Sendable {
        var outcome: String
        var reviewer: String
        var decidedAt: String
        var textForAppellant: String
        var reason: String?
        var internalNote: String?
        var newDecisionId: String?
    }

    struct Form: Sendable {
        var outcomes: [ConsoleOption]
        var textForAppellant: String
        var reason: String
        var internalNote: String
        /// The decision that replaces the one under review (modified; reversed when it was no action).
        var replacement: ConsoleDecisionForm
        var replacementNeeded: String
        var errors: [String]
        var hasErrors: Bool
    }
}
