struct ConsoleStatementsView: Sendable {
    var page: ConsolePage
    var caseId: String
    var statements: [Statement]
    var isEmpty: Bool

    struct Statement: Sendable {
        var puid: String
        var json: String
    }
}
