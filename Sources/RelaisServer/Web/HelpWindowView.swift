import Foundation
import RelaisCore

/// A help card shaped for the template: the first line is the lead (large call button on a
/// phone, the number shown large on a desktop), the others follow, emergency lines last.
/// Only facts the card states as true are shown; nothing is invented.
struct HelpWindowView: Sendable {
    var title: String
    var message: String
    /// The card's language, always the page's (the sheet asks the policy in it).
    var locale: String
    var lead: LineView?
    var others: [LineView]
    var emergencies: [LineView]
    /// Lines open right now other than the lead, shown under "Open now" when the lead is
    /// closed — and the first line is already the open fallback when the policy chose one.
    var directoryVersion: String
    /// Where sheet.js counts what the person does with the window (nil: not counted).
    var events: EventsView?

    /// The fields of `POST /embed/support-events`, signed for this window.
    struct EventsView: Sendable {
        var url: String
        var tenant: String
        /// A random id for this window; the token is bound to it and to the tenant.
        var view: String
        var token: String
        var surface: String
        var country: String
        var reportId: String?
    }

    struct LineView: Sendable {
        var id: String
        var name: String
        var organisation: String?
        var open: Bool
        var closed: Bool
        var statusText: String
        var hoursToday: String
        var opensText: String?
        var flags: [String]
        var hasFlags: Bool
        var number: String?
        var call: ActionView?
        var otherActions: [ActionView]
        var hasOtherActions: Bool
    }

    struct ActionView: Sendable {
        var kind: String
        var uri: String
        var label: String
        /// Links to websites open in a new tab: leaving the sheet would lose it.
        var external: Bool
    }

    init(card: SupportCard, texts: Messages, now: Date) {
        title = card.title
        message = card.message
        locale = card.locale
        directoryVersion = card.directoryVersion
        let lines = card.helplines.map { Self.line($0, texts: texts, now: now) }
        let regular = zip(card.helplines, lines).filter { !$0.0.emergency }.map(\.1)
        emergencies = zip(card.helplines, lines).filter { $0.0.emergency }.map(\.1)
        lead = regular.first
        others = Array(regular.dropFirst())
        if lead == nil, let first = emergencies.first {
            lead = first
            emergencies.removeFirst()
        }
    }

    static func line(_ entry: SupportCard.Entry, texts: Messages, now: Date) -> LineView {
        var flags: [String] = []
        if entry.free == true { flags.append(texts("help.free")) }
        if entry.anonymous == true { flags.append(texts("help.anonymous")) }
        if entry.confidential == true { flags.append(texts("help.confidential")) }
        let call = entry.actions.first { $0.kind == .call }
        let others = entry.actions.filter { $0 != call }.map { action($0, texts: texts) }
        let statusText: String
        switch entry.open {
        case true?: statusText = texts("help.openNow")
        case false?: statusText = texts("help.closedNow")
        case nil: statusText = texts.card.hoursUnknown
        }
        return LineView(
            id: entry.id, name: entry.name, organisation: entry.organisation,
            open: entry.open == true, closed: entry.open == false, statusText: statusText,
            // A public holiday that changes the hours is said beside them.
            hoursToday: entry.holiday.map { entry.hoursToday + " · " + $0 } ?? entry.hoursToday,
            opensText: entry.opensAt.flatMap { nextOpening($0, texts: texts, now: now) }.map { texts("help.opensAt", ["when": $0]) },
            flags: flags, hasFlags: !flags.isEmpty,
            number: call.map { String($0.uri.dropFirst("tel:".count)) },
            call: call.map { action($0, texts: texts) }, otherActions: others, hasOtherActions: !others.isEmpty)
    }

    /// A channel whose hours no source gives says so on its button: it may not answer.
    static func action(_ action: SupportCard.Action, texts: Messages) -> ActionView {
        ActionView(
            kind: action.kind.rawValue, uri: action.uri,
            label: action.open == nil ? texts("help.actionHoursUnknown", ["action": action.label]) : action.label,
            external: action.uri.hasPrefix("https://") || action.uri.hasPrefix("http://"))
    }

    /// "2026-11-30T09:00:00+01:00" → "demain à 09:00", "on Monday 7 December at 09:00": in the
    /// helpline's own local time (the offset written in the timestamp, which the policy
    /// computed in the line's zone), relative to the same local day of `now`, written in the
    /// reader's conventions.
    static func nextOpening(_ iso: String, texts: Messages, now: Date) -> String? {
        guard iso.count >= 25, let opens = Timestamp.parse(iso) else { return nil }
        let offsetText = iso.suffix(6)
        let sign: Int = offsetText.hasPrefix("-") ? -1 : 1
        let offsetParts = offsetText.dropFirst().split(separator: ":")
        guard offsetParts.count == 2, let hours = Int(offsetParts[0]), let minutes = Int(offsetParts[1]),
            let zone = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: opens)).day ?? 0
        let time = texts.time(opens, in: zone)
        switch days {
        case 0: return texts("help.todayAt", ["time": time])
        case 1: return texts("help.tomorrowAt", ["time": time])
        default: return texts("help.onDayAt", ["date": texts.weekdayAndDay(opens, in: zone), "time": time])
        }
    }
}
