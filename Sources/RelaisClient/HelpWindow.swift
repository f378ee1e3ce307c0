import Foundation
import RelaisCore

/// The help window as every UI layer draws it, decided once here so that SwiftUI, UIKit,
/// AppKit, a web view or a terminal show the same thing: the lines in order, each line's
/// primary action for this device, its open/closed text, accessibility labels, and the
/// support event to record for each tap.
///
/// Pure: built from a `HelpCard` with no I/O, so it is tested on Linux like the core.
public struct HelpWindow: Sendable, Equatable {
    /// The card's title, in its language.
    public var title: String
    /// The card's message: what to do, which line is closed and when it opens.
    public var message: String
    /// Set when the card was decided on the device: say so, and that the report will follow.
    public var offlineNotice: String?
    /// Most relevant first, as the policy ordered them.
    public var lines: [Line]
    /// The card's language ("fr"), for the window's `lang`/locale.
    public var language: String
    /// The directory the card was decided from, for a footer or a support request.
    public var directoryVersion: String
    /// To record when the window appears: one `shown` per line.
    public var shownEvents: [SupportEventDraft]
    /// To record when the person closes the window without using a line.
    public var dismissEvent: SupportEventDraft?

    /// One helpline, ready to draw.
    public struct Line: Sendable, Equatable, Identifiable {
        /// The directory's id of the line.
        public var id: String
        /// In the reader's language where a source gives one.
        public var name: String
        /// Who runs the line, when the directory says.
        public var organisation: String?
        /// Whether a person can be reached now.
        public var status: Status
        /// "Open now", "Closed now", "Hours not known".
        public var statusText: String
        /// The hours today in words ("09:00–23:00", "Open 24/7").
        public var hoursToday: String
        /// Today is a public holiday that changes the line's hours: the sentence to show.
        public var holiday: String?
        /// On a desktop, the phone number to dial from a phone, shown before the buttons.
        public var displayNumber: String?
        /// The first button, drawn prominently.
        public var primary: Button?
        /// The other buttons, in the device's order.
        public var others: [Button]
        /// "Free", "Anonymous", "Confidential", where a source says so.
        public var facts: [String]
        /// An emergency number (112, 17): apps may draw it apart.
        public var isEmergency: Bool
        /// Everything a screen reader says for the line, in one sentence.
        public var accessibilityLabel: String
    }

    /// A line's state now: `unknown` when no source gives its hours.
    public enum Status: String, Sendable, Equatable {
        case open, closed, unknown
    }

    /// One action of a line: a call, a text, a chat, a link or an app.
    public struct Button: Sendable, Equatable {
        /// What the button does, for its icon.
        public var kind: SupportCard.Action.Kind
        /// `tel:`, `sms:`, `https:` or `mailto:`: open it with the platform's URL opener.
        public var uri: String
        /// Localized by the policy: "Appeler le 3018".
        public var label: String
        /// The label with the line's name, for a screen reader out of context.
        public var accessibilityLabel: String
        /// To record when the person taps it.
        public var event: SupportEventDraft
    }

    /// - Parameters:
    ///   - reportId: the filed report's id, so the events are counted with it; `nil` for
    ///     "get help" without a report and for a report still in the queue.
    ///   - texts: the window's own words; by default English or French after the card.
    public init(
        _ help: HelpCard, device: DeviceKind, surface: String, country: CountryCode, reportId: String? = nil, texts: HelpWindowTexts? = nil
    ) {
        let card = help.card
        let texts = texts ?? .forLanguage(card.locale)
        func event(_ kind: SupportEventDraft.Kind, _ line: String) -> SupportEventDraft {
            SupportEventDraft(reportId: reportId, helplineId: line, event: kind, surface: surface, country: country)
        }
        title = card.title
        message = card.message
        language = card.locale
        directoryVersion = card.directoryVersion
        offlineNotice = help.decidedOffline ? texts.decidedOffline.replacingOccurrences(of: "{version}", with: card.directoryVersion) : nil
        lines = card.helplines.map { (entry) -> Line in
            let status: Status = entry.open == true ? .open : entry.open == false ? .closed : .unknown
            let statusText = switch status {
            case .open: texts.openNow
            case .closed: texts.closedNow
            case .unknown: texts.hoursUnknown
            }
            let rank = Dictionary(uniqueKeysWithValues: device.preference.enumerated().map { ($1, $0) })
            // Stable: the card's order within a kind (the policy's order of channels).
            let actions = entry.actions.enumerated().sorted { a, b in
                let ra = rank[a.element.kind] ?? .max, rb = rank[b.element.kind] ?? .max
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
            let buttons = actions.map { action in
                Button(
                    kind: action.kind, uri: action.uri, label: action.label, accessibilityLabel: action.label + ", " + entry.name,
                    event: event(Self.eventKind(action.kind), entry.id))
            }
            var facts: [String] = []
            if entry.free == true { facts.append(texts.free) }
            if entry.anonymous == true { facts.append(texts.anonymous) }
            if entry.confidential == true { facts.append(texts.confidential) }
            let number = device == .desktop ? Self.phoneNumber(of: entry) : nil
            let spoken = [entry.name, entry.organisation, statusText, entry.hoursToday, entry.holiday, number.map { texts.numberLabel + " " + $0 }]
                .compactMap { $0 } + facts
            return Line(
                id: entry.id, name: entry.name, organisation: entry.organisation, status: status, statusText: statusText, hoursToday: entry.hoursToday,
                holiday: entry.holiday, displayNumber: number, primary: buttons.first, others: Array(buttons.dropFirst()), facts: facts,
                isEmergency: entry.emergency, accessibilityLabel: spoken.joined(separator: ". "))
        }
        shownEvents = card.helplines.map { event(.shown, $0.id) }
        dismissEvent = card.helplines.first.map { event(.dismissed, $0.id) }
    }

    /// The event a tap on an action counts as.
    static func eventKind(_ kind: SupportCard.Action.Kind) -> SupportEventDraft.Kind {
        switch kind {
        case .call, .sms: .call
        case .chat: .chat
        case .link, .app: .link
        }
    }

    /// The number of the line's phone channel that the card offers (not a closed one), as
    /// the directory writes it ("0 800 200 000").
    static func phoneNumber(of entry: SupportCard.Entry) -> String? {
        guard let call = entry.actions.first(where: { $0.kind == .call }) else { return nil }
        let dialled = call.uri.dropFirst("tel:".count)
        let digits = { (text: String) in String(text.filter { $0.isNumber || $0 == "+" }) }
        return entry.channels.first { $0.kind == .phone && digits($0.value) == dialled }?.value ?? String(dialled)
    }
}
