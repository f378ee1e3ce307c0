import RelaisCore
import RelaisStore

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
    var warnAuthor: Bool
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

    /// The restrictions in the form's order, each labelled `restriction.NAME` in the catalogue.
    static let restrictionOrder: [Decision.Restriction] = [
        .contentRemoved, .contentDisabled, .contentDemoted, .contentAgeRestricted, .interactionRestricted, .contentLabelled, .accountSuspended,
        .accountTerminated, .serviceSuspended, .monetarySuspended,
    ]

    /// Labelled `automation.NAME`.
    static let automationOrder: [Decision.Automation] = [.notAutomated, .partially, .fully]

    /// An empty form; the territorial scope starts with the reporters' EU/EEA countries.
    static func blank(scope: String, _ t: Messages) -> ConsoleDecisionForm {
        make(FormFields(["territorialScope": scope, "automatedDecision": Decision.Automation.notAutomated.rawValue]), errors: [], t)
    }

    static func make(_ fields: FormFields, errors: [FieldError], _ t: Messages) -> ConsoleDecisionForm {
        let ground = fields["ground"] ?? ""
        let automation = fields["automatedDecision"] ?? Decision.Automation.notAutomated.rawValue
        return ConsoleDecisionForm(
            restrictions: restrictionOrder.map { Check(value: $0.rawValue, label: t("restriction.\($0.rawValue)"), checked: fields["restriction_\($0.rawValue)"] != nil) },
            groundNone: ground.isEmpty, groundIllegal: ground == "illegal", groundIncompatible: ground == "incompatible",
            legalGround: fields["legalGround"] ?? "", termsClause: fields["termsClause"] ?? "", explanation: fields["explanation"] ?? "",
            facts: fields["facts"] ?? "", automatedDetection: fields["automatedDetection"] != nil,
            automation: automationOrder.map { ConsoleOption(value: $0.rawValue, label: t("automation.\($0.rawValue)"), selected: $0.rawValue == automation) },
            territorialScope: fields["territorialScope"] ?? "", endDate: fields["endDate"] ?? "",
            noteForReporter: fields["noteForReporter"] ?? "", internalNote: fields["internalNote"] ?? "",
            warnAuthor: fields["warnAuthor"] != nil, errors: FieldReasons(errors), allErrors: errors.map { "\($0.field): \($0.message)" }, hasErrors: !errors.isEmpty)
    }

    /// The territorial scope a decision on the case starts from: the EU and EEA countries its
    /// reporters wrote from (the case page prefills it; a preset without a scope takes it).
    static func scope(of found: ModerationCase) -> [String] {
        Set(found.reports.map(\.draft.reporter.country).filter(\.isEUOrEEA).map(\.rawValue)).sorted()
    }

    /// The form filled from a preset, as the moderator would have typed it: they edit it
    /// before recording. The scope is the case's unless the preset sets one.
    static func filled(by preset: DecisionPreset, scope: String, _ t: Messages) -> ConsoleDecisionForm {
        let decision = preset.decision
        var values: [String: String] = [
            "territorialScope": preset.setsScope ? decision.territorialScope.map(\.rawValue).joined(separator: ", ") : scope,
            "automatedDecision": decision.automatedDecision.rawValue, "explanation": decision.explanation,
        ]
        for restriction in decision.restrictions { values["restriction_\(restriction.rawValue)"] = "on" }
        if decision.automatedDetection { values["automatedDetection"] = "on" }
        if decision.warnAuthor { values["warnAuthor"] = "1" }
        let texts: [String: String?] = [
            "ground": decision.ground?.rawValue, "legalGround": decision.legalGround, "termsClause": decision.termsClause,
            "facts": decision.facts, "noteForReporter": decision.noteForReporter, "internalNote": decision.internalNote,
        ]
        for (name, value) in texts { if let value { values[name] = value } }
        return make(FormFields(values), errors: [], t)
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
