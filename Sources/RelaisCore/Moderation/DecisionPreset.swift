import Foundation

/// A tenant's policy, written once in the config file and mapped to the decision's DSA fields
/// ("Harassment of a minor → content removed, incompatible with terms §4.2, explanation, warn
/// the author"). A moderator starts from it instead of empty fields; whatever they then write
/// overrides it, field by field.
///
/// A preset is checked when the server starts by `Decision.validate(json:)`, the rule every
/// decision goes through, so a preset can never produce a decision the API would refuse for
/// its own fields. Two values come from the case, not the preset, unless the preset sets them:
/// the territorial scope (the reporters' EU/EEA countries) and, for validation only, a
/// placeholder scope stands in for it. Automation defaults to a human decision on a human
/// report (`automatedDetection: false`, `automatedDecision: not_automated`).
public struct DecisionPreset: Sendable, Equatable {
    /// Letters, digits and "-": it appears in URLs (`?preset=`) and API bodies.
    public var id: String
    public var label: String
    /// The report categories the policy is written for; empty: any case.
    public var categories: [ReportCategory]
    /// The preset's decision, validated. Its scope is a placeholder unless `setsScope`.
    public var decision: Decision
    public var setsScope: Bool

    public enum Limits {
        public static let idLength = 64
        public static let labelLength = 120
    }

    /// The decision fields a preset may set: every field of a decision but the end date, which
    /// is a day and belongs to one case.
    static let decisionKeys: Set<String> = [
        "restrictions", "ground", "legalGround", "termsClause", "explanation", "facts", "automatedDetection", "automatedDecision",
        "territorialScope", "noteForReporter", "internalNote", "warnAuthor", "manifestlyUnfounded",
    ]

    /// Reads `{"id", "label", "categories", "decision": {…}}`, every error at once.
    public static func validate(json: Any) -> Result<DecisionPreset, ValidationFailure> {
        guard let object = json as? [String: Any] else { return .failure(ValidationFailure([FieldError("preset", "must be a JSON object")])) }
        var r = FieldReader(object)
        let id = r.string("id", required: true, maxLength: Limits.idLength)
        if let id, !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            r.fail("id", "'\(id)' must be letters, digits and '-' only")
        }
        let label = r.string("label", required: true, maxLength: Limits.labelLength)
        var categories: [ReportCategory] = []
        if let raw = object["categories"], !(raw is NSNullLike) {
            if let items = raw as? [Any] {
                for (index, item) in items.enumerated() {
                    if let text = item as? String, let category = ReportCategory(rawValue: text) {
                        if !categories.contains(category) { categories.append(category) }
                    } else {
                        r.fail("categories.\(index)", "must be one of: " + ReportCategory.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                }
            } else {
                r.fail("categories", "must be an array of report categories")
            }
        }
        var decision: Decision?
        var setsScope = false
        if let body = r.object("decision", required: true) {
            for key in body.keys.sorted() where !decisionKeys.contains(key) {
                r.fail("decision.\(key)", key == "endDate" ? "a preset has no end date: it is a day of one case" : "is not a decision field")
            }
            setsScope = body["territorialScope"] != nil
            switch Decision.validate(json: completed(body)) {
            case .success(let valid): decision = valid
            case .failure(let failure): r.absorb(failure.errors.map { FieldError("decision." + $0.field, $0.message) })
            }
        }
        guard r.errors.isEmpty, let id, let label, let decision else { return .failure(ValidationFailure(r.errors)) }
        return .success(DecisionPreset(id: id, label: label, categories: categories, decision: decision, setsScope: setsScope))
    }

    /// The preset's body with what a preset need not say: automation, and a placeholder scope
    /// that lets the rules on restrictions run (any EU country: only the rules read it).
    static func completed(_ body: [String: Any]) -> [String: Any] {
        var body = body
        if body["automatedDetection"] == nil { body["automatedDetection"] = false }
        if body["automatedDecision"] == nil { body["automatedDecision"] = Decision.Automation.notAutomated.rawValue }
        if body["territorialScope"] == nil { body["territorialScope"] = [placeholderScope.rawValue] }
        return body
    }

    static let placeholderScope = CountryCode(rawValue: "FR")!

    /// Whether the policy is written for a case with these categories.
    public func fits(_ caseCategories: Set<ReportCategory>) -> Bool {
        categories.isEmpty || !caseCategories.isDisjoint(with: categories)
    }

    /// The presets written for the case's categories first (in the config's order), then the
    /// others.
    public static func ordered(_ presets: [DecisionPreset], for caseCategories: Set<ReportCategory>) -> (fitting: [DecisionPreset], others: [DecisionPreset]) {
        (presets.filter { $0.fits(caseCategories) }, presets.filter { !$0.fits(caseCategories) })
    }

    /// The preset as a decision's API body: the fields it sets, and no scope unless it sets one.
    public var body: [String: Any] {
        var body: [String: Any] = [
            "restrictions": decision.restrictions.map(\.rawValue), "explanation": decision.explanation,
            "automatedDetection": decision.automatedDetection, "automatedDecision": decision.automatedDecision.rawValue,
            "warnAuthor": decision.warnAuthor,
        ]
        let texts: [String: String?] = [
            "ground": decision.ground?.rawValue, "legalGround": decision.legalGround, "termsClause": decision.termsClause,
            "facts": decision.facts, "noteForReporter": decision.noteForReporter, "internalNote": decision.internalNote,
        ]
        for (key, value) in texts { if let value { body[key] = value } }
        if decision.isManifestlyUnfounded { body["manifestlyUnfounded"] = true }
        if setsScope { body["territorialScope"] = decision.territorialScope.map(\.rawValue) }
        return body
    }

    /// A decision body naming a preset (`"preset": "id"`), resolved: the preset's fields, then
    /// every field the caller gave over them. A body without `preset` is returned as it is. An
    /// unknown preset is refused with the rest of the body's errors, so that one answer names
    /// everything.
    public static func resolving(_ json: Any, presets: [DecisionPreset]) -> Result<Any, ValidationFailure> {
        guard var body = json as? [String: Any], let raw = body.removeValue(forKey: "preset"), !(raw is NSNullLike) else {
            return .success(json)
        }
        let known = presets.map(\.id)
        guard let id = raw as? String, let preset = presets.first(where: { $0.id == id }) else {
            let refusal = FieldError(
                "preset", known.isEmpty ? "this tenant has no presets" : "must be one of: " + known.joined(separator: ", "))
            var errors = [refusal]
            if case .failure(let failure) = Decision.validate(json: body) { errors += failure.errors }
            return .failure(ValidationFailure(errors))
        }
        return .success(preset.body.merging(body) { _, given in given })
    }
}
