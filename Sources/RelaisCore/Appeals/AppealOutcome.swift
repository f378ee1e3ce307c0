/// How a review ends (DSA Art. 20(4)): the decision stands, is undone, is replaced by another,
/// or the complaint cannot be examined. The names of the Commission's template (part 7) are
/// "upheld", "reversed", "partially reversed" and "decision omitted" (`templateScope`).
public enum AppealOutcome: String, Sendable, Codable, CaseIterable {
    case upheld
    case reversed
    case modified
    case rejectedInadmissible = "rejected_inadmissible"

    /// The scope of the transparency report template under which the outcome is counted.
    public var templateScope: String {
        switch self {
        case .upheld: "Decisions upheld"
        case .reversed: "Decisions reversed"
        case .modified: "Decisions partially reversed"
        case .rejectedInadmissible: "Decision omitted"
        }
    }
}
