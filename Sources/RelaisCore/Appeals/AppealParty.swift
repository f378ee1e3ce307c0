/// Who contests a decision (DSA Art. 20(1)): the person whose content or account it restricted
/// (or would have), or a person who reported it, including against a decision to do nothing.
public enum AppealParty: String, Sendable, Codable, CaseIterable {
    case author
    case reporter
}
