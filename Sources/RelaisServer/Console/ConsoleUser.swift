import RelaisStore

struct ConsoleUser: Sendable {
    var name: String
    var role: String
    var csrf: String
    var isAdmin: Bool
    var decides: Bool
    /// Admins and compliance staff: the compliance page.
    var complies: Bool
    /// The moderator sees the console in greyscale (`ConsolePreferenceRoutes`).
    var greyscale: Bool

    init(_ session: ConsoleSession) {
        name = session.moderator.name
        role = session.moderator.role.rawValue
        csrf = session.csrfToken
        isAdmin = session.moderator.role == .admin
        decides = session.moderator.role.decides
        complies = ConsolePermission.comply.allows(session.moderator.role)
        greyscale = session.greyscale
    }
}
