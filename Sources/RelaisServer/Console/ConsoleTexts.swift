import RelaisCore

/// The console's newer texts, kept together so that they can move into a message catalogue
/// (the older ones are in the templates and `ConsolePages.notices`).
enum ConsoleTexts {
    static let noteRefused = "Not saved"
    static let noLeaseToEscalate = (
        title: "You do not hold a lease on this case",
        detail: "Only the moderator who holds the case escalates it. Claim it first; nothing was changed."
    )
    static let claimRefused = (
        title: "Someone else holds this case",
        detail: "Another moderator holds a live lease on it, it is already decided, or it waits for a senior. Nothing was changed."
    )
    static let escalated = "Escalated to a senior (admin) with your reason; the case waits for them, and your lease is released."
    static let noted = "Saved on the case, for the team only."


    static func priorityLevel(_ level: PriorityLevel) -> String {
        switch level {
        case .urgent: "Urgent"
        case .high: "High"
        case .normal: "Normal"
        case .low: "Low"
        }
    }

    static func priorityReason(_ reason: PriorityLevel.Reason) -> String {
        switch reason {
        case .severity(let severity):
            switch severity {
            case .critical: "critical harm"
            case .high: "serious harm"
            case .moderate: "moderate harm"
            case .low: "unclear harm"
            case .lowest: "nuisance"
            }
        case .involvesMinor: "may involve a minor"
        case .trustedFlagger: "trusted flagger"
        case .manyReporters(let count): "\(count) reporters"
        case .overdue: "overdue"
        case .coordinatedReporting: "possible coordinated reporting (new reporters weigh less)"
        case .pileOn: "part of a pile-on: many authors against the person targeted"
        }
    }

    static func queuePage(_ number: Int) -> String { "Page \(number)" }

    enum Users {
        static let title = "Users"
        static let active = "active"
        static let disabled = "disabled"
        static let noPassword = "no password yet"
        static let unknownRole = "role: must be one of admin, moderator, compliance"
        static let notFound = "User not found"
        static let notFoundDetail = "No user with this name in your tenant. Nothing was changed."
        static let notOnSelf = "You cannot disable yourself or change your own role: ask another admin."
        static let changed = "Saved. The change is in the audit log."
    }

    enum Audit {
        static let badPeriod = "from and until: dates written YYYY-MM-DD"
    }

    static func exposure(_ count: Int) -> String {
        let shown = count >= ExposureCounter.ceiling ? "at least \(count)" : "\(count)"
        return "Sensitive content you chose to see today (UTC): \(shown)."
    }

    static func breakPrompt(_ run: Int) -> String {
        "You have decided \(run) cases with sensitive content in a row. Time for a break: step away from the screen for fifteen minutes, "
            + "or switch to other work. Signing out hands back the case you hold."
    }
}
