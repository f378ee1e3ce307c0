import Foundation
import RelaisCore
import RelaisStore

/// Help, counted (issue 14 part 4): per country, category and helpline, how many help cards
/// were shown and what people did with them in a period, from the support-event counts Relais
/// keeps (`support_event_counts`: counts per day, never a person). Outside the Commission's
/// templates, and named so (`relais_help_figures`).
///
/// "Shown" is the `shown` event as the platform's app or Relais's report sheet sent it; a card
/// returned in a receipt but never displayed is not counted. The tally reads day-level counts,
/// so its memory grows with the number of country × category × helpline combinations, not
/// with the number of notices.
public struct HelpFigures: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var country: String
        public var category: String
        public var helplineId: String
        public var shown = 0
        public var calls = 0
        public var chats = 0
        public var links = 0
        public var dismissed = 0
    }

    public var total: Row
    public var rows: [Row]

    public static let header = [
        "Reporting period", "Service", "Country", "Category", "Helpline", "Help cards shown", "Calls", "Chats", "Links opened", "Dismissed",
    ]

    /// The counts of days `from`…`to` (UTC, both included), by country, category and helpline.
    public static func tally(_ counts: [SupportEventCount], from: CalendarDay, to: CalendarDay) -> HelpFigures {
        var byKey: [String: Row] = [:]
        var total = Row(country: "TOTAL", category: "", helplineId: "")
        func add(_ count: SupportEventCount, to row: inout Row) {
            switch count.event {
            case "shown": row.shown += count.count
            case "call": row.calls += count.count
            case "chat": row.chats += count.count
            case "link": row.links += count.count
            case "dismissed": row.dismissed += count.count
            default: break
            }
        }
        for count in counts {
            guard let day = CalendarDay(count.day), from <= day, day <= to else { continue }
            let key = [count.country, count.category, count.helplineId].joined(separator: "\u{1F}")
            add(count, to: &byKey[key, default: Row(country: count.country, category: count.category, helplineId: count.helplineId)])
            add(count, to: &total)
        }
        let rows = byKey.values.sorted { ($0.country, $0.category, $0.helplineId) < ($1.country, $1.category, $1.helplineId) }
        return HelpFigures(total: total, rows: rows)
    }

    /// The CSV: the header, the TOTAL row, then one row per country, category and helpline.
    public func csv(period: String, service: String) -> String {
        ([Self.header] + ([total] + rows).map { row in
            [period, service, row.country, row.category, row.helplineId] + [row.shown, row.calls, row.chats, row.links, row.dismissed].map(String.init)
        }).map(CSVRecords.line).joined()
    }

    /// The figures in words, for the report's qualitative part: Relais's own count, outside
    /// the Commission's templates, named so.
    public func summary(file: String) -> String {
        let lines = helplines.map { "\($0.helplineId) (\($0.shown) shown, \($0.calls) calls, \($0.chats) chats, \($0.links) links)" }
        return "Help offered after a notice (counted by Relais, outside the Commission's templates; the figures per country, category and helpline are in "
            + "\(file)): \(total.shown) help cards shown to people who reported; from them \(total.calls) calls, \(total.chats) chats and "
            + "\(total.links) links opened to a helpline\(lines.isEmpty ? "" : ": " + lines.joined(separator: "; "))."
    }

    /// The rows summed per helpline, in helpline order.
    public var helplines: [Row] {
        var byHelpline: [String: Row] = [:]
        for row in rows {
            var sum = byHelpline[row.helplineId, default: Row(country: "", category: "", helplineId: row.helplineId)]
            sum.shown += row.shown
            sum.calls += row.calls
            sum.chats += row.chats
            sum.links += row.links
            sum.dismissed += row.dismissed
            byHelpline[row.helplineId] = sum
        }
        return byHelpline.values.sorted { $0.helplineId < $1.helplineId }
    }
}
