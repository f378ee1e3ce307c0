import Foundation
import RelaisCore
import RelaisStore

/// What the console's layout reads on every page.
struct ConsolePage: Sendable {
    var pageTitle: String
    var user: ConsoleUser?
    var notice: String?
    var noticeIsError: Bool = false
}

struct ConsoleUser: Sendable {
    var name: String
    var role: String
    var csrf: String
    var isAdmin: Bool
    var decides: Bool

    init(_ session: ConsoleSession) {
        name = session.moderator.name
        role = session.moderator.role.rawValue
        csrf = session.csrfToken
        isAdmin = session.moderator.role == .admin
        decides = session.moderator.role.decides
    }
}

struct ConsoleMessageView: Sendable {
    var page: ConsolePage
    var heading: String
    var lines: [String]
    var backURL: String?
}

struct ConsoleLoginView: Sendable {
    var page: ConsolePage
    var token: String
    var name: String
    var error: String?
}

struct ConsoleOption: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

struct ConsoleQueueView: Sendable {
    var page: ConsolePage
    var csrf: String
    var decides: Bool
    var categories: [ConsoleOption]
    var country: String
    var overdueOnly: Bool
    var filtered: Bool
    var rows: [Row]
    var isEmpty: Bool

    struct Row: Sendable {
        var caseId: String
        var position: Int
        var subjectKind: String
        var categories: String
        var countries: String
        var reportCount: Int
        var score: String
        var dueAt: String
        var overdue: Bool
        var leasedBy: String?
    }
}

/// Categories whose content is blurred until a moderator chooses to see it.
enum SensitiveContent {
    static let categories: Set<ReportCategory> = [.intimateImages, .sextortion, .grooming, .selfHarm]
}

struct ConsoleCaseView: Sendable {
    var page: ConsolePage
    var csrf: String
    var caseId: String
    var status: String
    var isOpen: Bool
    var subjectKind: String
    var subjectId: String
    var authorId: String?
    var categories: String
    var score: String
    var dueAt: String
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
    }

    struct AuthorRow: Sendable {
        var caseId: String
        var decidedAt: String
        var moderator: String
        var restrictions: String
    }
}

/// The decision form's values and, after a refusal, the core's reasons next to each field.
struct ConsoleDecisionForm: Sendable {
    var restrictions: [Check]
    var groundNone: Bool
    var groundIllegal: Bool
    var groundIncompatible: Bool
    var legalGround: String
    var termsClause: String
    var explanation: String
    var facts: String
    var automatedDetection: Bool
    var automation: [ConsoleOption]
    var territorialScope: String
    var endDate: String
    var noteForReporter: String
    var internalNote: String
    /// Per-field reasons, as stored properties: mustache reads a struct through its mirror.
    var errors: FieldReasons
    var allErrors: [String]
    var hasErrors: Bool

    struct FieldReasons: Sendable {
        var restrictions: [String] = []
        var ground: [String] = []
        var legalGround: [String] = []
        var termsClause: [String] = []
        var explanation: [String] = []
        var facts: [String] = []
        var automated: [String] = []
        var territorialScope: [String] = []
        var endDate: [String] = []
        var noteForReporter: [String] = []
        var internalNote: [String] = []

        init(_ errors: [FieldError]) {
            for error in errors {
                let key = String(error.field.split(separator: ".").first ?? Substring(error.field))
                switch key {
                case "restrictions": restrictions.append(error.message)
                case "ground": ground.append(error.message)
                case "legalGround": legalGround.append(error.message)
                case "termsClause": termsClause.append(error.message)
                case "facts": facts.append(error.message)
                case "automatedDetection", "automatedDecision": automated.append(error.message)
                case "territorialScope": territorialScope.append(error.field == key ? error.message : "\(error.field): \(error.message)")
                case "endDate": endDate.append(error.message)
                case "noteForReporter": noteForReporter.append(error.message)
                case "internalNote": internalNote.append(error.message)
                default: explanation.append(error.message)
                }
            }
        }
    }

    struct Check: Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    static let restrictionLabels: [(Decision.Restriction, String)] = [
        (.contentRemoved, "Content removed"), (.contentDisabled, "Content disabled"), (.contentDemoted, "Content demoted"),
        (.contentAgeRestricted, "Content age-restricted"), (.interactionRestricted, "Interaction restricted"),
        (.contentLabelled, "Content labelled"), (.accountSuspended, "Account suspended"), (.accountTerminated, "Account terminated"),
        (.serviceSuspended, "Service suspended"), (.monetarySuspended, "Monetary restriction"),
    ]

    static let automationLabels: [(Decision.Automation, String)] = [
        (.notAutomated, "Not automated"), (.partially, "Partially automated"), (.fully, "Fully automated"),
    ]

    /// An empty form; the territorial scope starts with the reporters' EU/EEA countries.
    static func blank(scope: String) -> ConsoleDecisionForm {
        make(FormFields(["territorialScope": scope, "automatedDecision": Decision.Automation.notAutomated.rawValue]), errors: [])
    }

    static func make(_ fields: FormFields, errors: [FieldError]) -> ConsoleDecisionForm {
        let ground = fields["ground"] ?? ""
        let automation = fields["automatedDecision"] ?? Decision.Automation.notAutomated.rawValue
        return ConsoleDecisionForm(
            restrictions: restrictionLabels.map { Check(value: $0.0.rawValue, label: $0.1, checked: fields["restriction_\($0.0.rawValue)"] != nil) },
            groundNone: ground.isEmpty, groundIllegal: ground == "illegal", groundIncompatible: ground == "incompatible",
            legalGround: fields["legalGround"] ?? "", termsClause: fields["termsClause"] ?? "", explanation: fields["explanation"] ?? "",
            facts: fields["facts"] ?? "", automatedDetection: fields["automatedDetection"] != nil,
            automation: automationLabels.map { ConsoleOption(value: $0.0.rawValue, label: $0.1, selected: $0.0.rawValue == automation) },
            territorialScope: fields["territorialScope"] ?? "", endDate: fields["endDate"] ?? "",
            noteForReporter: fields["noteForReporter"] ?? "", internalNote: fields["internalNote"] ?? "",
            errors: FieldReasons(errors), allErrors: errors.map { "\($0.field): \($0.message)" }, hasErrors: !errors.isEmpty)
    }

    /// The form as the moderation API's JSON body, so that it goes through exactly the same
    /// `Decision.validate(json:)` and then the same store call as `POST …/decisions`.
    static func json(_ fields: FormFields) -> [String: Any] {
        var body: [String: Any] = [
            "restrictions": Decision.Restriction.allCases.filter { fields["restriction_\($0.rawValue)"] != nil }.map(\.rawValue),
            "explanation": fields["explanation"] ?? "",
            "automatedDetection": fields["automatedDetection"] != nil,
            "warnAuthor": fields["warnAuthor"] != nil,
            "automatedDecision": fields["automatedDecision"] ?? Decision.Automation.notAutomated.rawValue,
            "territorialScope": (fields["territorialScope"] ?? "")
                .split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map { $0.uppercased() },
        ]
        for name in ["ground", "legalGround", "termsClause", "facts", "endDate", "noteForReporter", "internalNote"] {
            if let value = fields.nonEmpty(name) { body[name] = value }
        }
        return body
    }
}

struct ConsoleAuditRow: Sendable {
    var seq: Int64
    var at: String
    var actor: String
    var action: String
    var caseId: String?
    var before: String?
    var after: String?

    init(_ entry: AuditEntry) {
        seq = entry.seq
        at = ConsoleFormat.time(entry.at)
        actor = entry.actor
        action = entry.action
        caseId = entry.caseId?.rawValue
        before = entry.before
        after = entry.after
    }
}

struct ConsoleAuditView: Sendable {
    var page: ConsolePage
    var rows: [ConsoleAuditRow]
}

struct ConsoleStatementsView: Sendable {
    var page: ConsolePage
    var caseId: String
    var statements: [Statement]
    var isEmpty: Bool

    struct Statement: Sendable {
        var puid: String
        var json: String
    }
}

struct ConsoleWebhooksView: Sendable {
    var page: ConsolePage
    var csrf: String
    var pending: Int
    var delivered: Int
    var dead: Int
    var events: [Event]
    var hasDead: Bool

    struct Event: Sendable {
        var id: String
        var type: String
        var attempts: Int
        var lastError: String?
        var createdAt: String
    }
}

enum ConsoleFormat {
    /// "2026-11-30 14:05 UTC": moderators in several countries read one clock.
    static func time(_ date: Date) -> String {
        let text = Timestamp.format(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }
}
