struct ConsoleUsersView: Sendable {
    var page: ConsolePage
    var csrf: String
    var users: [Row]
    var roles: [ConsoleOption]

    struct Row: Sendable {
        var name: String
        var role: String
        var isSelf: Bool
        var state: String
        var disabled: Bool
        var createdAt: String
        var roles: [ConsoleOption]
    }
}
