struct ConsoleAuditView: Sendable {
    var page: ConsolePage
    var rows: [ConsoleAuditRow]
}
