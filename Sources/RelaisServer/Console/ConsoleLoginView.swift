struct ConsoleLoginView: Sendable {
    var page: ConsolePage
    var token: String
    var name: String
    var error: String?
}
