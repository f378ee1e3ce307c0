struct ConsoleAuditView: Sendable {
    var page: ConsolePage
    var rows: [ConsoleAuditRow]
    var actor: String
    var action: String
    var caseFilter: String
    var from: String
    var until: String
    var filtered: Bool
    var nextPage: String?
    var isEmpty: Bool
}
