import RelaisCore
import RelaisStore

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
    var pageLabel: String
    var previousPage: String?
    var nextPage: String?
    /// `ExposureCounter`'s line for the moderator.
    var exposure: String = ""
    /// `BreakCheck`'s suggestion, when it is time.
    var breakPrompt: String?

    /// One case as a moderator reads it: a short reference, a preview line, the level of its
    /// priority with the reasons, never a bare id or score.
    struct Row: Sendable {
        var caseId: String
        /// The victim's hand-off reference when a report has one, else the id's first 8 characters.
        var reference: String
        var position: Int
        var subjectKind: String
        var categories: String
        /// `nil` when empty (an empty string would still open a mustache section).
        var countries: String?
        var ages: String?
        var reportCount: Int
        /// `nil` for a sensitive category: the text is not sent, only that it is blurred.
        var preview: String?
        var sensitive: Bool
        var level: String
        var levelLabel: String
        var reasons: String
        var coordinated: Bool
        var escalated: Bool
        var score: String
        var dueAt: ConsoleMoment
        var overdue: Bool
        var leasedBy: String?

        static let previewLength = 140

        init(_ entry: QueueEntry, position: Int, _ t: Messages) {
            let categories = entry.categories.compactMap(ReportCategory.init(rawValue:))
            let sensitive = categories.contains { SensitiveContent.categories.contains($0) }
            let level = entry.priority.map(PriorityLevel.level(of:)) ?? .normal
            caseId = entry.caseId.rawValue
            reference = entry.reference ?? String(entry.caseId.rawValue.prefix(8)).uppercased()
            self.position = position
            subjectKind = t.subjectKind(entry.subjectKind)
            self.categories = entry.categories.map(t.consoleCategory(code:)).joined(separator: ", ")
            countries = entry.countries.isEmpty ? nil : entry.countries.joined(separator: ", ")
            ages = entry.ageBrackets.isEmpty ? nil : entry.ageBrackets.joined(separator: ", ")
            reportCount = entry.reportCount
            self.sensitive = sensitive
            preview = sensitive ? nil : entry.preview.map { text in
                let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
                return line.count > Self.previewLength ? String(line.prefix(Self.previewLength)) + "…" : line
            }
            self.level = level.rawValue
            levelLabel = t.priorityLevel(level)
            reasons = (entry.priority.map(PriorityLevel.reasons(of:)) ?? []).map(t.priorityReason).joined(separator: ", ")
            coordinated = entry.priority?.coordinatedReporting ?? false
            escalated = entry.escalated
            score = String(format: "%.1f", entry.score)
            dueAt = ConsoleFormat.moment(entry.dueAt)
            overdue = entry.overdue
            leasedBy = entry.leasedBy
        }
    }
}
