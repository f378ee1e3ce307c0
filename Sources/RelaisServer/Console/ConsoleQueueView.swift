struct ConsoleQueueView: Sendable {
    var page: ConsolePage
    var csrf: String
    var decides: Bool
    var categories: [ConsoleOption]
    var country: String
    var overdueOnly: Bool
    var filtered: Bool
    var rows: [Row]
    var isEmpty: Bool

    struct Row: Sendable {
        var caseId: String
        var position: Int
        var subjectKind: String
        var categories: String
        var countries: String
        var reportCount: Int
        var score: String
        var dueAt: String
        var overdue: Bool
        var leasedBy: String?
    }
}
