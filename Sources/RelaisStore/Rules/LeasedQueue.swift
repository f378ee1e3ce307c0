/// The two queues a moderator claims from with a lease: cases, and complaints against
/// decisions. Both hold their lease in the same columns (`status`, `lease_owner`,
/// `lease_expires_at`), so claiming, renewing and releasing are written once (`LeaseChange`).
enum LeasedQueue: Sendable {
    case cases
    case appeals

    var table: String {
        switch self {
        case .cases: "cases"
        case .appeals: "appeals"
        }
    }

    /// The prefix of its audit actions: "case.claimed", "appeal.claimed".
    var auditPrefix: String {
        switch self {
        case .cases: "case"
        case .appeals: "appeal"
        }
    }

    /// The column that names the case an item belongs to, for the audit log.
    var caseColumn: String {
        switch self {
        case .cases: "id"
        case .appeals: "case_id"
        }
    }
}
