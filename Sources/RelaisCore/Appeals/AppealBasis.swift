/// What a complaint is about, in the five kinds of the Commission's transparency template
/// (part 7): the kinds of restriction of Art. 20(1)(a)–(d), and a decision not to act on a
/// notice. A decision that restricts in several ways is counted under each of them.
public enum AppealBasis: String, Sendable, Codable, CaseIterable {
    case visibility
    case service
    case account
    case monetisation
    case noAction = "no_action"

    public static func of(_ decision: Decision) -> [AppealBasis] {
        guard !decision.isNoAction else { return [.noAction] }
        var kinds: [AppealBasis] = []
        let restrictions = decision.restrictions
        if restrictions.contains(where: \.isVisibilityRestriction) { kinds.append(.visibility) }
        if restrictions.contains(.serviceSuspended) { kinds.append(.service) }
        if restrictions.contains(.accountSuspended) || restrictions.contains(.accountTerminated) { kinds.append(.account) }
        if restrictions.contains(.monetarySuspended) { kinds.append(.monetisation) }
        return kinds
    }
}
