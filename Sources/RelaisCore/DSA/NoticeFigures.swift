/// The notice figures of one row of the transparency report's part 4 (and of part 8's
/// notice rows): all notices, and those a trusted flagger sent.
public struct NoticeFigures: Sendable, Equatable {
    public var notices = 0
    public var trustedFlaggerNotices = 0
    /// Receipt → restriction, for the notices that led to one.
    public var hoursToAction = HoursHistogram()
    public var trustedFlaggerHoursToAction = HoursHistogram()
    public var actionsOnLaw = 0
    public var trustedFlaggerActionsOnLaw = 0
    public var actionsOnTerms = 0
    public var trustedFlaggerActionsOnTerms = 0
    public var solelyAutomated = 0
    public var trustedFlaggerSolelyAutomated = 0

    public init() {}

    public mutating func add(_ tally: NoticeTally) {
        notices += tally.notices
        actionsOnLaw += tally.actionsOnLaw
        actionsOnTerms += tally.actionsOnTerms
        solelyAutomated += tally.solelyAutomated
        if let hours = tally.actionCentiHours { hoursToAction.add(centiHours: hours, count: tally.actionsOnLaw + tally.actionsOnTerms) }
        guard tally.trustedFlagger else { return }
        trustedFlaggerNotices += tally.notices
        trustedFlaggerActionsOnLaw += tally.actionsOnLaw
        trustedFlaggerActionsOnTerms += tally.actionsOnTerms
        trustedFlaggerSolelyAutomated += tally.solelyAutomated
        if let hours = tally.actionCentiHours { trustedFlaggerHoursToAction.add(centiHours: hours, count: tally.actionsOnLaw + tally.actionsOnTerms) }
    }
}
