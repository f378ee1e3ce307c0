struct ConsoleMessageView: Sendable {
    var page: ConsolePage
    var heading: String
    var lines: [String]
    var backURL: String?
}
