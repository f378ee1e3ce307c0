import Foundation

/// `POST /v1/moderation/cases/{id}/escalate`'s answer.
struct EscalationView: Encodable {
    var caseId: String
    /// The role the case now waits for (`Moderator.Role.seniorRole`).
    var escalatedTo: String
    var reason: String
    var escalatedAt: Date
}
