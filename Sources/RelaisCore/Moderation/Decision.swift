import Foundation

/// A moderator's decision on a case, as `POST /v1/moderation/cases/{id}/decisions` receives it.
///
/// No restriction means "no action": the reporter is told the outcome (DSA Art. 16(5)) but no
/// statement of reasons is due (Art. 17(1) covers restrictions only). With restrictions, the
/// decision carries everything the statement of reasons needs (Art. 17(3)).
public struct Decision: Sendable, Codable, Equatable {
    /// What is done to the content or its author. Each maps onto one Transparency Database
    /// decision field (see `StatementOfReasons`).
    public enum Restriction: String, CaseIterable, Codable, Sendable, Hashable {
        case contentRemoved = "content_removed"
        case contentDisabled = "content_disabled"
        case contentDemoted = "content_demoted"
        case contentAgeRestricted = "content_age_restricted"
        case interactionRestricted = "interaction_restricted"
        case contentLabelled = "content_labelled"
        case accountSuspended = "account_suspended"
        case accountTerminated = "account_terminated"
        case serviceSuspended = "service_suspended"
        case monetarySuspended = "monetary_suspended"

        /// Restrictions of the content's visibility (Art. 17(1)(a)).
        public var isVisibilityRestriction: Bool {
            switch self {
            case .contentRemoved, .contentDisabled, .contentDemoted, .contentAgeRestricted, .interactionRestricted, .contentLabelled: true
            default: false
            }
        }

        /// Permanent by nature: an end date cannot apply to it.
        public var isPermanent: Bool { self == .accountTerminated }
    }

    /// Why: the content is illegal (a law), or incompatible with the platform's terms.
    public enum Ground: String, CaseIterable, Codable, Sendable {
        case illegal
        case incompatible
    }

    /// How far a machine took the decision (Art. 17(3)(c)).
    public enum Automation: String, CaseIterable, Codable, Sendable {
        case fully
        case partially
        case notAutomated = "not_automated"
    }

    /// Empty: no action.
    public var restrictions: [Restriction]
    /// Required with restrictions; ignored for no action.
    public var ground: Ground?
    /// The law the content breaks ("Article 222-33-2-2 of the French Criminal Code"). Required
    /// when the ground is illegal.
    public var legalGround: String?
    /// The clause of the terms the content breaks ("Community Guidelines 3.2"). Required when
    /// the ground is incompatible.
    public var termsClause: String?
    /// Why the content is illegal or incompatible, or, for no action, why nothing was done.
    public var explanation: String
    /// The facts and circumstances relied on (Art. 17(3)(b)). Required with restrictions; it is
    /// published in the Transparency Database, so it must not contain personal data.
    public var facts: String?
    public var automatedDetection: Bool
    public var automatedDecision: Automation
    /// Where the restriction applies: EU/EEA countries (the statement covers only those).
    public var territorialScope: [CountryCode]
    /// The last day of a temporary restriction. `nil`: indefinite.
    public var endDate: CalendarDay?
    /// What the reporter is told besides the outcome (Art. 16(5)). Not in the statement.
    public var noteForReporter: String?
    /// For moderators only. Never leaves Relais.
    public var internalNote: String?
    /// The platform warns the author, with this decision, that repeated violations lead to a
    /// suspension: the prior warning DSA Art. 23(1) requires before suspending an account.
    /// Once warned, the repeat-offender suggestion at the threshold becomes "suspend".
    public var warnAuthor: Bool = false
    /// For no action: the notices of this case were manifestly unfounded (DSA Art. 23(2)); each
    /// reporter's count grows, and past the threshold they are warned, then deprioritized
    /// (`MisusePolicy`). Optional so that decisions stored before it read as `false`.
    public var manifestlyUnfounded: Bool?

    public var isManifestlyUnfounded: Bool { manifestlyUnfounded ?? false }

    public init(
        restrictions: [Restriction], ground: Ground?, legalGround: String? = nil, termsClause: String? = nil,
        explanation: String, facts: String?, automatedDetection: Bool = false, automatedDecision: Automation = .notAutomated,
        territorialScope: [CountryCode], endDate: CalendarDay? = nil, noteForReporter: String? = nil, internalNote: String? = nil
    ) {
        self.restrictions = restrictions
        self.ground = ground
        self.legalGround = legalGround
        self.termsClause = termsClause
        self.explanation = explanation
        self.facts = facts
        self.automatedDetection = automatedDetection
        self.automatedDecision = automatedDecision
        self.territorialScope = territorialScope
        self.endDate = endDate
        self.noteForReporter = noteForReporter
        self.internalNote = internalNote
    }

    public var isNoAction: Bool { restrictions.isEmpty }

    /// Limits. The four texts that enter the statement of reasons take the Transparency
    /// Database's limits, so a decision accepted here never fails there for length.
    public enum Limits {
        public static let legalGroundLength = 500
        public static let termsClauseLength = 500
        public static let explanationLength = 2000
        public static let factsLength = 5000
        public static let noteForReporterLength = 2000
        public static let internalNoteLength = 10_000
        /// The Transparency Database accepts no date after this day.
        public static let latestEndDate = CalendarDay(year: 2038, month: 1, day: 1)!
    }

    /// Validates a decoded JSON body (JSONSerialization's output), collecting every field
    /// error with dotted paths, then the rules between fields (`ruleViolations`).
    public static func validate(json: Any) -> Result<Decision, ValidationFailure> {
        guard let body = json as? [String: Any] else {
            return .failure(ValidationFailure([FieldError("body", "must be a JSON object")]))
        }
        var r = FieldReader(body)

        var restrictions: [Restriction]?
        // What could be read of each list, even with some items refused: the rules between
        // fields still run on it, so that every error is named in one answer.
        var readableRestrictions: [Restriction] = []
        var readableScope: [CountryCode] = []
        if let raw = body["restrictions"], !(raw is NSNullLike) {
            if let items = raw as? [Any] {
                var parsed: [Restriction] = []
                defer { readableRestrictions = parsed }
                var ok = true
                for (index, item) in items.enumerated() {
                    guard let text = item as? String, let restriction = Restriction(rawValue: text) else {
                        r.fail("restrictions.\(index)", "must be one of: " + Restriction.allCases.map(\.rawValue).joined(separator: ", "))
                        ok = false
                        continue
                    }
                    // A repeated restriction means the same thing once; keep the first.
                    if !parsed.contains(restriction) { parsed.append(restriction) }
                }
                if ok { restrictions = parsed }
            } else {
                r.fail("restrictions", "must be an array (empty for no action)")
            }
        } else {
            r.fail("restrictions", "is required (an empty array means no action)")
        }

        let ground = r.oneOf("ground", required: false, Ground.self)
        let legalGround = r.string("legalGround", required: false, maxLength: Limits.legalGroundLength)
        let termsClause = r.string("termsClause", required: false, maxLength: Limits.termsClauseLength)
        let explanation = r.string("explanation", required: true, maxLength: Limits.explanationLength)
        let facts = r.string("facts", required: false, maxLength: Limits.factsLength)
        let automatedDetection = r.bool("automatedDetection", required: true)
        let automatedDecision = r.oneOf("automatedDecision", required: true, Automation.self)
        let noteForReporter = r.string("noteForReporter", required: false, maxLength: Limits.noteForReporterLength)
        let internalNote = r.string("internalNote", required: false, maxLength: Limits.internalNoteLength)
        let warnAuthor = r.bool("warnAuthor", required: false) ?? false
        let manifestlyUnfounded = r.bool("manifestlyUnfounded", required: false)

        var endDate: CalendarDay?
        if let text = r.string("endDate", required: false, maxLength: 10) {
            endDate = CalendarDay(text)
            if endDate == nil { r.fail("endDate", "'\(text)' is not a date written YYYY-MM-DD") }
        }

        var territorialScope: [CountryCode]?
        if let raw = body["territorialScope"], !(raw is NSNullLike) {
            if let items = raw as? [Any] {
                var parsed: [CountryCode] = []
                defer { readableScope = parsed }
                var ok = true
                for (index, item) in items.enumerated() {
                    guard let text = item as? String, let code = CountryCode(rawValue: text) else {
                        let shown = (item as? String).map { "'\($0)'" } ?? "the value"
                        let hint = (item as? String)?.uppercased() == "EL" ? " (Greece is GR)" : ""
                        r.fail("territorialScope.\(index)", "\(shown) is not an ISO 3166-1 alpha-2 country code\(hint)")
                        ok = false
                        continue
                    }
                    if !parsed.contains(code) { parsed.append(code) }
                }
                if ok { territorialScope = parsed }
            } else {
                r.fail("territorialScope", "must be an array of country codes")
            }
        } else {
            r.fail("territorialScope", "is required (the EU/EEA countries where the decision applies)")
        }

        guard r.errors.isEmpty, let restrictions, let explanation, let automatedDetection, let automatedDecision,
            let territorialScope
        else {
            // The rules between fields still run on what could be read, so that one answer
            // names every field to fix; a field already refused is not named twice.
            var partial = Decision(
                restrictions: restrictions ?? readableRestrictions, ground: ground, legalGround: legalGround, termsClause: termsClause,
                explanation: explanation ?? "", facts: facts, automatedDetection: automatedDetection ?? false,
                automatedDecision: automatedDecision ?? .notAutomated, territorialScope: territorialScope ?? readableScope,
                endDate: endDate, noteForReporter: noteForReporter, internalNote: internalNote)
            partial.manifestlyUnfounded = manifestlyUnfounded == true ? true : nil
            // With no restriction read, whether this is "no action" is unknown: only the rules
            // on the texts apply.
            let knowsRestrictions = restrictions != nil || !readableRestrictions.isEmpty
            let rules = knowsRestrictions ? partial.ruleViolations() : partial.textViolations()
            return .failure(ValidationFailure(FieldError.merging(r.errors, rules)))
        }
        var decision = Decision(
            restrictions: restrictions, ground: ground, legalGround: legalGround, termsClause: termsClause,
            explanation: explanation, facts: facts, automatedDetection: automatedDetection,
            automatedDecision: automatedDecision, territorialScope: territorialScope, endDate: endDate,
            noteForReporter: noteForReporter, internalNote: internalNote)
        decision.warnAuthor = warnAuthor
        decision.manifestlyUnfounded = manifestlyUnfounded == true ? true : nil
        let violations = decision.ruleViolations()
        return violations.isEmpty ? .success(decision) : .failure(ValidationFailure(violations))
    }

    /// The rules between fields, in the API's field names. They mirror the statement-of-reasons
    /// rules (docs/reference/dsa-notes.md §1.3) so that a caller is told in its own terms; the statement
    /// validator still checks the result (`ModerationRules.statement`).
    public func ruleViolations() -> [FieldError] {
        var errors = textViolations()
        func blank(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

        guard !isNoAction else {
            if endDate != nil { errors.append(FieldError("endDate", "applies only to a restriction; no action has no end date")) }
            return errors
        }
        if isManifestlyUnfounded {
            errors.append(FieldError("manifestlyUnfounded", "applies only to no action: a notice that led to a restriction was founded"))
        }

        switch ground {
        case nil:
            errors.append(FieldError("ground", "is required with restrictions: illegal or incompatible"))
        case .illegal:
            if blank(legalGround) {
                errors.append(FieldError("legalGround", "is required when the ground is illegal: the law the content breaks (DSA Art. 17(3)(d))"))
            }
        case .incompatible:
            if blank(termsClause) {
                errors.append(FieldError("termsClause", "is required when the ground is incompatible: the clause of the terms the content breaks (DSA Art. 17(3)(e))"))
            }
        }
        if blank(facts) {
            errors.append(FieldError("facts", "is required with restrictions: the facts and circumstances relied on (DSA Art. 17(3)(b))"))
        }
        if restrictions.contains(.accountSuspended) && restrictions.contains(.accountTerminated) {
            errors.append(FieldError("restrictions", "account_suspended and account_terminated exclude each other: choose one"))
        }
        if let endDate {
            if restrictions.allSatisfy(\.isPermanent) {
                errors.append(FieldError("endDate", "account_terminated is permanent; an end date needs a temporary restriction"))
            }
            if endDate > Limits.latestEndDate {
                errors.append(FieldError("endDate", "must be on or before \(Limits.latestEndDate) (the Transparency Database's limit)"))
            }
        }
        if territorialScope.isEmpty {
            errors.append(FieldError("territorialScope", "must list at least one EU/EEA country where the restriction applies (DSA Art. 17(3)(a))"))
        }
        for (index, code) in territorialScope.enumerated() where !code.isEUOrEEA {
            errors.append(FieldError("territorialScope.\(index)", "'\(code)' is not an EU or EEA country; a statement of reasons covers only the 30 EU/EEA countries"))
        }
        return errors
    }

    /// The rules on the texts alone, whatever the restrictions: lengths, and an explanation.
    func textViolations() -> [FieldError] {
        var errors: [FieldError] = []
        func tooLong(_ field: String, _ text: String?, _ limit: Int) {
            if let text, text.count > limit { errors.append(FieldError(field, "must be at most \(limit) characters (got \(text.count))")) }
        }
        tooLong("legalGround", legalGround, Limits.legalGroundLength)
        tooLong("termsClause", termsClause, Limits.termsClauseLength)
        tooLong("explanation", explanation, Limits.explanationLength)
        tooLong("facts", facts, Limits.factsLength)
        tooLong("noteForReporter", noteForReporter, Limits.noteForReporterLength)
        tooLong("internalNote", internalNote, Limits.internalNoteLength)
        if explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.append(FieldError("explanation", "must not be empty")) }
        return errors
    }
}
