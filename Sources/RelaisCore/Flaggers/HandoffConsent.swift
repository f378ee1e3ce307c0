/// What the person who reported said when asked whether the helpline may use their reference
/// to act on their behalf. Only `given` lets a flagger's notice be linked to their case.
public enum HandoffConsent: String, Sendable, Codable, CaseIterable {
    case given
    case refused
    case withdrawn
}
