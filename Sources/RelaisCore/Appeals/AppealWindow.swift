import Foundation

/// The time a party has to contest a decision: at least six months from the day they were
/// informed of it (DSA Art. 20(1) and (2)). Relais counts six calendar months in UTC from the
/// instant of informing, so the window ends at the same clock time six months later: a
/// complaint a minute before is received, a minute after is refused.
public enum AppealWindow {
    public static let months = 6

    /// The last instant a complaint is received, for a party informed at `informedAt`.
    public static func closes(informedAt: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: months, to: informedAt) ?? informedAt
    }

    /// A party not yet informed (the platform has not confirmed it, and the decision's webhook
    /// was not delivered) can already complain: the window has not started, so it cannot
    /// have closed.
    public static func isOpen(informedAt: Date?, now: Date) -> Bool {
        guard let informedAt else { return true }
        return now <= closes(informedAt: informedAt)
    }
}
