import Foundation

/// What a moderator may write on a case for the team: private tags, comments, the reason
/// of an escalation or of closing a pile-on. None of it leaves Relais (not in webhooks, statements or the API's
/// reporter answers); it is still checked like any text a caller sends.
public enum CaseNoteRules {
    public enum Limits {
        public static let tagLength = 32
        public static let commentLength = 2000
        public static let escalationReasonLength = 500
        /// Its own limit, though the same today: a closing reason is not an escalation's.
        public static let closingReasonLength = 500
    }

    /// A tag, lower-cased and trimmed: letters, digits, "-" and "_" ("needs-context", "legal").
    public static func tag(_ text: String) -> Result<String, ValidationFailure> {
        let tag = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !tag.isEmpty else { return .failure(ValidationFailure([FieldError("tag", "must not be empty")])) }
        guard tag.count <= Limits.tagLength else {
            return .failure(ValidationFailure([FieldError("tag", "must be at most \(Limits.tagLength) characters (got \(tag.count))")]))
        }
        guard tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return .failure(ValidationFailure([FieldError("tag", "must be letters, digits, '-' and '_' only")]))
        }
        return .success(tag)
    }

    /// A comment for the team: 1–2000 characters, not blank.
    public static func comment(_ text: String) -> Result<String, ValidationFailure> {
        note("comment", text, limit: Limits.commentLength)
    }

    /// Why a case goes to a senior (an admin): 1–500 characters, not blank.
    public static func escalationReason(_ text: String) -> Result<String, ValidationFailure> {
        note("reason", text, limit: Limits.escalationReasonLength)
    }

    /// Why a pile-on is closed (the attack is dealt with, or it was not one): 1–500
    /// characters, not blank; kept for the team and the audit log, never sent to the platform.
    public static func closingReason(_ text: String) -> Result<String, ValidationFailure> {
        note("reason", text, limit: Limits.closingReasonLength)
    }

    private static func note(_ field: String, _ text: String, limit: Int) -> Result<String, ValidationFailure> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(ValidationFailure([FieldError(field, "must not be empty")])) }
        guard trimmed.count <= limit else {
            return .failure(ValidationFailure([FieldError(field, "must be at most \(limit) characters (got \(trimmed.count))")]))
        }
        guard StoredText.isStorable(trimmed) else { return .failure(ValidationFailure([FieldError(field, StoredText.nulRefusal)])) }
        return .success(trimmed)
    }
}
