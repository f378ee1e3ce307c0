/// Who may contest a decision: its author (the case's affected user) as `author`, and a person
/// who reported the case before the decision as `reporter` (DSA Art. 20(1)). Anyone else is
/// a stranger to it, whatever the platform claims.
public enum AppealStanding {
    public static func hasStanding(party: AppealParty, userId: String, authorId: String?, reporterIds: Set<String>) -> Bool {
        switch party {
        case .author: authorId != nil && authorId == userId
        case .reporter: reporterIds.contains(userId)
        }
    }
}
