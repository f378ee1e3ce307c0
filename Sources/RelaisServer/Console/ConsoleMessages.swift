import RelaisCore

/// The console's texts that depend on a value (a priority, a count, a category): each maps
/// the value to its key in `messages/console/LANGUAGE.json`, so the English and French
/// consoles say the same thing.
extension Messages {
    func priorityLevel(_ level: PriorityLevel) -> String { self("priority.level.\(level.rawValue)") }

    func priorityReason(_ reason: PriorityLevel.Reason) -> String {
        switch reason {
        case .severity(let severity):
            switch severity {
            case .critical: self("priority.severity.critical")
            case .high: self("priority.severity.high")
            case .moderate: self("priority.severity.moderate")
            case .low: self("priority.severity.low")
            case .lowest: self("priority.severity.lowest")
            }
        case .involvesMinor: self("priority.involvesMinor")
        case .trustedFlagger: self("priority.trustedFlagger")
        case .manyReporters(let count): plural("priority.manyReporters", count: count)
        case .overdue: self("priority.overdue")
        case .coordinatedReporting: self("priority.coordinatedReporting")
        case .pileOn: self("priority.pileOn")
        }
    }

    /// A category as moderators name it (shorter than the reporter's words on the sheet).
    func consoleCategory(_ category: ReportCategory) -> String { self("category.\(category.rawValue)") }

    /// A category code as stored; one Relais no longer knows is shown as it is.
    func consoleCategory(code: String) -> String { ReportCategory(rawValue: code).map(consoleCategory) ?? code }

    /// "post", "comment"… in words.
    func subjectKind(_ code: String) -> String {
        ReportDraft.SubjectKind(rawValue: code).map { self("subjectKind.\($0.rawValue)") } ?? code
    }

    /// A decision's restrictions for the team, or "No action".
    func restrictions(_ restrictions: [Decision.Restriction]) -> String {
        restrictions.isEmpty ? self("decisionRow.noAction") : restrictions.map { self("restriction.\($0.rawValue)") }.joined(separator: ", ")
    }

    /// A case's, appeal's or pile-on's status ("open", "decided", "closed") or an appeal's
    /// outcome in words (`status.CODE`); a code the catalogue does not name is shown as it is.
    func statusLabel(_ code: String) -> String {
        ifKnown("status." + code) ?? code
    }

    func queuePage(_ number: Int) -> String { self("queue.page", ["number": String(number)]) }

    func exposure(_ count: Int) -> String {
        count >= ExposureCounter.ceiling ? self("exposure.atLeast", ["count": String(count)]) : plural("exposure.count", count: count)
    }

    func breakPrompt(_ run: Int) -> String { self("exposure.breakPrompt", ["count": String(run)]) }
}
