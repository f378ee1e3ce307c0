import Hummingbird
import RelaisStore

/// What a console route asks of its user's role beyond being signed in, and the page that
/// refuses the others. Checked in one place, `ConsoleRoleMiddleware`, for a whole group.
enum ConsolePermission: Sendable {
    /// Claim, renew, release and decide cases: admins and moderators, not compliance staff.
    case decide
    /// The webhook dead letters: admins only.
    case administer
    /// Resending statements the Transparency Database refused: admins and compliance staff.
    case comply

    func allows(_ role: Moderator.Role) -> Bool {
        switch self {
        case .decide: role.decides
        case .administer: role == .admin
        case .comply: role == .admin || role == .compliance
        }
    }

    func refusal(_ session: ConsoleSession, _ t: Messages, _ pages: ConsolePages) throws -> Response {
        switch self {
        case .decide:
            try pages.message(
                t, session, status: .forbidden, t("error.notForRole"), [t("error.readOnlyRole", ["role": session.moderator.role.rawValue])],
                back: "/console/queue")
        case .administer:
            try pages.message(t, session, status: .forbidden, t("error.adminsOnly"), [t("error.adminsOnlyDetail")], back: "/console/queue")
        case .comply:
            try pages.message(t, session, status: .forbidden, t("error.notForRole"), [t("error.resendRole")], back: "/console/queue")
        }
    }
}
