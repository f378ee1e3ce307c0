import Foundation

/// A reviewer's decision on a complaint, as `POST /v1/moderation/appeals/{id}/decision`
/// receives it, validated against the decision under review.
///
/// - `upheld`: the decision stands.
/// - `reversed`: the decision is undone. A restriction is lifted (Relais records a decision of
///   no action in its place, with the text for the appellant as its explanation); a decision
///   not to act is replaced by the restriction given in `decision`, which is then required.
/// - `modified`: another decision replaces it (`decision`, required), through the same rules
///   as any decision, with a statement of reasons that names the one it replaces.
/// - `rejectedInadmissible`: the complaint cannot be examined (`reason`, required).
///
/// Every outcome carries a reasoned text for the appellant (Art. 20(5)); the internal note
/// never leaves Relais.
public struct AppealResolution: Sendable, Equatable {
    public var outcome: AppealOutcome
    public var textForAppellant: String
    public var reason: String?
    public var internalNote: String?
    /// The decision in force after the review, when the outcome changes it.
    public var replacement: Decision?

    public init(outcome: AppealOutcome, textForAppellant: String, reason: String? = nil, internalNote: String? = nil, replacement: Decision? = nil) {
        self.outcome = outcome
        self.textForAppellant = textForAppellant
        self.reason = reason
        self.internalNote = internalNote
        self.replacement = replacement
    }

    public enum Limits {
        public static let textLength = 5000
        public static let reasonLength = 2000
    }

    /// Validates the body against the decision under review: every field error at once.
    public static func validate(json: Any, reviewing original: Decision) -> Result<AppealResolution, ValidationFailure> {
        guard let body = json as? [String: Any] else {
            return .failure(ValidationFailure([FieldError("body", "must be a JSON object")]))
        }
        var r = FieldReader(body)
        let outcome = r.oneOf("outcome", required: true, AppealOutcome.self)
        let text = r.string("textForAppellant", required: true, maxLength: Limits.textLength)
        let reason = r.string("reason", required: false, maxLength: Limits.reasonLength)
        let internalNote = r.string("internalNote", required: false, maxLength: Decision.Limits.internalNoteLength)
        var replacement: Decision?
        if let raw = body["decision"], !(raw is NSNullLike) {
            switch Decision.validate(json: raw) {
            case .success(let decision): replacement = decision
            case .failure(let failure): r.absorb(failure.errors.map { FieldError("decision." + $0.field, $0.message) })
            }
        }
        guard let outcome, let text, r.errors.isEmpty else { return .failure(ValidationFailure(r.errors)) }
        let given = body["decision"].map { !($0 is NSNullLike) } ?? false
        switch outcome {
        case .upheld, .rejectedInadmissible:
            if given { r.fail("decision", "must be absent when the outcome is \(outcome.rawValue): the decision in force does not change") }
            if outcome == .rejectedInadmissible, reason == nil { r.fail("reason", "is required: say why the complaint cannot be examined") }
        case .modified:
            if !given { r.fail("decision", "is required: the decision that replaces the one under review") }
            if let replacement, replacement.restrictions == original.restrictions, replacement.endDate == original.endDate {
                r.fail("decision.restrictions", "are the same as the decision under review: use the outcome upheld")
            }
        case .reversed:
            if original.isNoAction {
                if !given { r.fail("decision", "is required: reversing a decision not to act means restricting; give the restriction") }
                if let replacement, replacement.isNoAction { r.fail("decision.restrictions", "must not be empty: reversing no action restricts") }
            } else {
                if given { r.fail("decision", "must be absent: reversing lifts every restriction (use modified for a lighter one)") }
                replacement = Decision(
                    restrictions: [], ground: nil, explanation: String(text.prefix(Decision.Limits.explanationLength)), facts: nil,
                    automatedDetection: false, automatedDecision: .notAutomated, territorialScope: original.territorialScope,
                    internalNote: internalNote)
            }
        }
        guard r.errors.isEmpty else { return .failure(ValidationFailure(r.errors)) }
        return .success(AppealResolution(outcome: outcome, textForAppellant: text, reason: reason, internalNote: internalNote, replacement: replacement))
    }

    /// Whether the review imposed a restriction the decision under review did not: the
    /// template's "restrictions newly imposed as a result of an internal complaint".
    public func imposesNewRestriction(over original: Decision) -> Bool {
        guard let replacement else { return false }
        return !Set(replacement.restrictions).isSubset(of: Set(original.restrictions))
    }
}
