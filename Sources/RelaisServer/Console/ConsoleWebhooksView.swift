struct ConsoleWebhooksView: Sendable {
    var page: ConsolePage
    var csrf: String
    var pending: Int
    var delivered: Int
    var dead: Int
    var events: [Event]
    var hasDead: Bool

    struct Event: Sendable {
        var id: String
        var type: String
        var attempts: Int
        var lastError: String?
        var createdAt: String
    }
}
