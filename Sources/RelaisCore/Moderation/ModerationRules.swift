import Foundation

/// The gate between a moderator's decision and its statement of reasons.
public enum ModerationRules {
    /// The statement of reasons for a decision, `nil` when none is due (no action), or the
    /// reasons the decision is refused.
    ///
    /// Three checks, all run, so that one refusal names every field to fix, each in the
    /// caller's own terms first:
    /// 1. the decision's own rules (`Decision.ruleViolations`), in the API's field names;
    /// 2. a reporter's id copied into a published text (personal data, Art. 24(5));
    /// 3. the statement built from the decision against every Transparency Database rule
    ///    (`StatementOfReasonsValidator`). Errors on fields that come from the decision are
    ///    renamed to the decision's field ("endDate", with the database field in the message);
    ///    the others, which come from the case, are "statement.<database field>". A field
    ///    already refused by 1 or 2 is not refused again by 3, which mirrors most of 1.
    public static func statement(for decision: Decision, case facts: CaseFacts, now: Date) -> Result<StatementOfReasons?, ValidationFailure> {
        var errors = decision.ruleViolations()
        if decision.isNoAction {
            return errors.isEmpty ? .success(nil) : .failure(ValidationFailure(errors))
        }
        errors = FieldError.merging(errors, reporterIdentifiers(in: decision, case: facts))
        guard let statement = StatementOfReasons.make(for: decision, case: facts, now: now) else {
            return errors.isEmpty ? .success(nil) : .failure(ValidationFailure(errors))
        }
        errors = FieldError.merging(errors, StatementOfReasonsValidator.validate(statement).map(inDecisionTerms))
        return errors.isEmpty ? .success(statement) : .failure(ValidationFailure(errors))
    }

    /// Reporter ids are the platform's opaque user ids: personal data that must not reach the
    /// published statement. Ids shorter than 4 characters are skipped, as they would match
    /// ordinary words and numbers.
    static func reporterIdentifiers(in decision: Decision, case facts: CaseFacts) -> [FieldError] {
        let ids = Set(facts.reports.map(\.reporterId)).filter { $0.count >= 4 }
        let texts: [(String, String?)] = [
            ("facts", decision.facts), ("explanation", decision.explanation),
            ("legalGround", decision.legalGround), ("termsClause", decision.termsClause),
        ]
        return texts.compactMap { field, text in
            guard let text, ids.contains(where: { text.contains($0) }) else { return nil }
            return FieldError(field, "contains a reporter's id; the statement of reasons is published and must not contain personal data (DSA Art. 24(5))")
        }
    }

    /// The decision field each statement field comes from.
    static let decisionFieldForStatementField: [String: String] = [
        "decision_visibility": "restrictions",
        "decision_monetary": "restrictions",
        "decision_provision": "restrictions",
        "decision_account": "restrictions",
        "decision_ground": "ground",
        "illegal_content_legal_ground": "legalGround",
        "illegal_content_explanation": "explanation",
        "incompatible_content_ground": "termsClause",
        "incompatible_content_explanation": "explanation",
        "decision_facts": "facts",
        "automated_detection": "automatedDetection",
        "automated_decision": "automatedDecision",
        "territorial_scope": "territorialScope",
        "end_date_visibility_restriction": "endDate",
        "end_date_monetary_restriction": "endDate",
        "end_date_service_restriction": "endDate",
        "end_date_account_restriction": "endDate",
    ]

    static func inDecisionTerms(_ error: FieldError) -> FieldError {
        let parts = error.field.split(separator: ".", maxSplits: 1).map(String.init)
        let statementField = parts[0]
        guard let decisionField = decisionFieldForStatementField[statementField] else {
            return FieldError("statement." + error.field, error.message)
        }
        let field = parts.count > 1 ? decisionField + "." + parts[1] : decisionField
        return FieldError(field, error.message + " (statement of reasons field \(statementField))")
    }
}
