import RelaisStore

struct ConsoleAuditRow: Sendable {
    var seq: Int64
    var at: String
    var actor: String
    var action: String
    var caseId: String?
    var before: String?
    var after: String?

    init(_ entry: AuditEntry) {
        seq = entry.seq
        at = ConsoleFormat.time(entry.at)
        actor = entry.actor
        action = entry.action
        caseId = entry.caseId?.rawValue
        before = entry.before
        after = entry.after
    }
}
