import RelaisStore

struct ConsoleCaseView: Sendable {
    var page: ConsolePage
    var csrf: String
    var caseId: String
    var status: String
    var statusLabel: String
    var isOpen: Bool
    var subjectKind: String
    var subjectId: String
    var authorId: String?
    var categories: String
    var score: String
    var dueAt: ConsoleMoment
    var overdue: Bool
    var lease: LeaseInfo?
    var holdsLease: Bool
    var canDecide: Bool
    var sensitive: Bool
    var blurred: Bool
    var revealed: Bool
    var reports: [ReportRow]
    var decisions: [DecisionRow]
    var hasDecisions: Bool
    var repeatCount: Int
    var repeatThreshold: Int
    var repeatSuggestion: String?
    var authorDecisions: [AuthorRow]
    var hasAuthorDecisions: Bool
    var form: ConsoleDecisionForm?
    var audit: [ConsoleAuditRow]
    /// Possible coordinated reporting, and why (DSA Art. 23): only the priority changes.
    var coordinated: String? = nil
    /// The tenant's presets, those written for the case's categories first; `nil` when the
    /// tenant has none or the form is not shown.
    var presets: PresetChoice? = nil

    /// The team's private tags and comments, and the escalation if any.
    var notes: Notes
    /// `ExposureCounter`'s line for the moderator.
    var exposure: String = ""
    /// `BreakCheck`'s suggestion, when it is time.
    var breakPrompt: String?

    struct Notes: Sendable {
        var tags: [String]
        var hasTags: Bool
        var comments: [Comment]
        var hasComments: Bool
        var escalation: Escalation?

        struct Comment: Sendable {
            var author: String
            var at: String
            var body: String
        }

        struct Escalation: Sendable {
            var by: String
            var at: String
            var reason: String
        }

        init(_ notes: CaseNotes) {
            tags = notes.tags
            hasTags = !notes.tags.isEmpty
            comments = notes.comments.map { Comment(author: $0.author, at: ConsoleFormat.time($0.at), body: $0.body) }
            hasComments = !notes.comments.isEmpty
            escalation = notes.escalation.map { Escalation(by: $0.by, at: ConsoleFormat.time($0.at), reason: $0.reason) }
        }
    }

    struct PresetChoice: Sendable {
        var fitting: [PresetLink]
        var others: [PresetLink]
        var hasFitting: Bool
        var hasOthers: Bool
        /// The label of the preset the form was filled from.
        var chosen: String?
    }

    struct PresetLink: Sendable {
        var id: String
        var label: String
    }

    struct LeaseInfo: Sendable {
        var moderator: String
        var expiresAt: String
    }

    struct ReportRow: Sendable {
        var id: String
        var receivedAt: String
        var surface: String
        var category: String
        var categoryLabel: String
        var ageBracket: String
        var country: String
        var isTarget: Bool
        var trustedFlagger: String?
        var details: String?
        var snapshot: String?
        var subjectURL: String?
        /// A trusted flagger's notice that came through the victim's hand-off reference.
        var linked: Bool = false
        var weighsLess: Bool = false
    }

    struct DecisionRow: Sendable {
        var decidedAt: String
        var moderator: String
        var restrictions: String
        var ground: String?
        var explanation: String
        var noteForReporter: String?
        var internalNote: String?
        var statementPuid: String?
        var facts: String?

        /// A decision as every console page shows it (the case page, an appeal's review).
        init(_ d: RecordedDecision, _ t: Messages) {
            decidedAt = ConsoleFormat.time(d.decidedAt)
            moderator = d.moderatorName
            restrictions = t.restrictions(d.decision.restrictions)
            ground = d.decision.ground.map {
                $0 == .illegal ? t("decisionRow.groundIllegal", ["ground": d.decision.legalGround ?? ""]) : t("decisionRow.groundTerms", ["clause": d.decision.termsClause ?? ""])
            }
            explanation = d.decision.explanation
            noteForReporter = d.decision.noteForReporter
            internalNote = d.decision.internalNote
            statementPuid = d.statement?.puid
            facts = d.decision.facts
        }
    }

    struct AuthorRow: Sendable {
        var caseId: String
        var decidedAt: String
        var moderator: String
        var restrictions: String
    }
}
