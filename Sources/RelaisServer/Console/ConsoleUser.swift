import RelaisStore

struct ConsoleUser: Sendable {
    var name: String
    /// The role in the reader's words (`role.NAME`).
    var role: String
    var csrf: String
    var isAdmin: Bool
    var decides: Bool
    /// Admins and compliance staff: the compliance page.
    var complies: Bool
    /// The moderator sees the console in greyscale (`ConsolePreferenceRoutes`).
    var greyscale: Bool

    init(_ session: ConsoleSession, _ t: Messages) {
        name = session.moderator.name
        role = t("role.\(session.moderator.role.rawValue)")
        csrf = session.csrfToken
        isAdmin = session.moderator.role == .admin
        decides = session.moderator.role.decides
        complies = ConsolePermission.comply.allows(session.moderator.role)
        greyscale = session.greyscale
    }
}
