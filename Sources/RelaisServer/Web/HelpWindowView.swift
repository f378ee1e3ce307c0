import Foundation
import RelaisCore

/// A help card shaped for the template: the first line is the lead (large call button on a
/// phone, the number shown large on a desktop), the others follow, emergency lines last.
/// Only facts the card states as true are shown; nothing is invented.
struct HelpWindowView: Sendable {
    var title: String
    var message: String
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

    init(card: SupportCard, texts: WebTexts, now: Date) {
        title = card.title
        message = card.message
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

    static func line(_ entry: SupportCard.Entry, texts: WebTexts, now: Date) -> LineView {
        var flags: [String] = []
        if entry.free == true { flags.append(texts.free) }
        if entry.anonymous == true { flags.append(texts.anonymous) }
        if entry.confidential == true { flags.append(texts.confidential) }
        let call = entry.actions.first { $0.kind == .call }
        let others = entry.actions.filter { $0 != call }.map { action($0, texts: texts) }
        let statusText: String
        switch entry.open {
        case true?: statusText = texts.openNow
        case false?: statusText = texts.closedNow
        case nil: statusText = texts.hoursNotKnown
        }
        return LineView(
            id: entry.id, name: entry.name, organisation: entry.organisation,
            open: entry.open == true, closed: entry.open == false, statusText: statusText,
            // A public holiday that changes the hours is said beside them.
            hoursToday: entry.holiday.map { entry.hoursToday + " · " + $0 } ?? entry.hoursToday,
            opensText: entry.opensAt.flatMap { nextOpening($0, texts: texts, now: now) }.map { texts.opensAt.substituting(["when": $0]) },
            flags: flags, hasFlags: !flags.isEmpty,
            number: call.map { String($0.uri.dropFirst("tel:".count)) },
            call: call.map { action($0, texts: texts) }, otherActions: others, hasOtherActions: !others.isEmpty)
    }

    /// A channel whose hours no source gives says so on its button: it may not answer.
    static func action(_ action: SupportCard.Action, texts: WebTexts) -> ActionView {
        ActionView(
            kind: action.kind.rawValue, uri: action.uri,
            label: action.open == nil ? action.label + " (" + texts.hoursNotKnown.lowercased() + ")" : action.label,
            external: action.uri.hasPrefix("https://") || action.uri.hasPrefix("http://"))
    }

    /// "2026-11-30T09:00:00+01:00" → "demain à 09:00", in the helpline's own local time (the
    /// offset written in the timestamp), relative to the same local day of `now`.
    static func nextOpening(_ iso: String, texts: WebTexts, now: Date) -> String? {
        guard iso.count >= 25, let opens = Timestamp.parse(iso) else { return nil }
        let offsetText = iso.suffix(6)
        let sign: Int = offsetText.hasPrefix("-") ? -1 : 1
        let offsetParts = offsetText.dropFirst().split(separator: ":")
        guard offsetParts.count == 2, let hours = Int(offsetParts[0]), let minutes = Int(offsetParts[1]) else { return nil }
        let offset = sign * (hours * 3600 + minutes * 60)
        func localDay(_ date: Date) -> Int64 {
            let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
            return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        }
        let time = String(iso.dropFirst(11).prefix(5))
        switch localDay(opens) - localDay(now) {
        case 0: return texts.todayAt.substituting(["time": time])
        case 1: return texts.tomorrowAt.substituting(["time": time])
        default:
            let date = String(iso.dropFirst(8).prefix(2)) + "/" + String(iso.dropFirst(5).prefix(2))
            return texts.onDayAt.substituting(["date": date, "time": time])
        }
    }
}
