import Foundation
import RelaisClient
import RelaisCore
import Testing

/// The help window's model, from cards the core decides: no server, no UI.
@Suite("HelpWindow")
struct HelpWindowTests {
    static let france = CountryCode(rawValue: "FR")!

    static func card(category: ReportCategory = .harassment, age: AgeBracket = .teen, at instant: String = "2026-11-29T15:00:00+01:00", locale: String = "fr-FR")
        throws -> SupportCard
    {
        let request = SupportRequest(
            tenant: "acme", reporterId: nil, country: france, category: category, locale: LanguageTag(locale), age: age, surface: nil)
        return try #require(SupportPolicy.decide(request, config: .default, directory: try HelplineDirectory.bundled(), now: Timestamp.parse(instant)!))
    }

    @Test func aPhoneLeadsWithTheCallButton() throws {
        let card = try Self.card()
        let window = HelpWindow(HelpCard(card: card, origin: .server, decidedAt: Date()), device: .phone, surface: "ios", country: Self.france, reportId: "r-1")
        #expect(window.title == card.title && window.message == card.message && window.offlineNotice == nil)
        #expect(window.lines.map(\.id) == card.helplines.map(\.id), "the card's order, unchanged")
        let first = try #require(window.lines.first)
        #expect(first.id == "fr-3018" && first.status == .open && first.statusText == "Ouvert maintenant")
        #expect(first.primary?.kind == .call && first.primary?.uri == "tel:3018")
        #expect(first.others.map(\.kind) == [.chat])
        #expect(first.displayNumber == nil, "a phone has the button")
        #expect(first.primary?.event == SupportEventDraft(reportId: "r-1", helplineId: "fr-3018", event: .call, surface: "ios", country: Self.france))
        #expect(first.others.first?.event.event == .chat)
        #expect(first.accessibilityLabel.hasPrefix(first.name + ". ") && first.accessibilityLabel.contains("Ouvert maintenant"))
        #expect(first.primary?.accessibilityLabel.hasSuffix(", " + first.name) == true)
        #expect(window.shownEvents.map(\.helplineId) == card.helplines.map(\.id) && window.shownEvents.allSatisfy { $0.event == .shown })
        #expect(window.dismissEvent?.event == .dismissed)
    }

    @Test func aDesktopShowsTheNumberAndLeadsWithTheChat() throws {
        let card = try Self.card(locale: "en-GB")
        let window = HelpWindow(HelpCard(card: card, origin: .server, decidedAt: Date()), device: .desktop, surface: "web", country: Self.france)
        let first = try #require(window.lines.first)
        #expect(first.primary?.kind == .chat && first.others.last?.kind == .call)
        #expect(first.displayNumber == "3018")
        #expect(first.statusText == "Open now" && first.accessibilityLabel.contains("Number 3018"))
        #expect(window.shownEvents.allSatisfy { $0.reportId == nil && $0.surface == "web" })
    }

    @Test func closedLinesAndTheOfflineNotice() throws {
        let card = try Self.card(at: "2026-11-29T23:30:00+01:00", locale: "en")
        let help = HelpCard(card: card, origin: .device(directory: .cached), decidedAt: Date())
        let window = HelpWindow(help, device: .phone, surface: "ios", country: Self.france)
        #expect(window.offlineNotice?.contains(card.directoryVersion) == true)
        let closed = try #require(window.lines.first { $0.id == "fr-3018" })
        #expect(closed.status == .closed && closed.statusText == "Closed now")
        #expect(closed.primary == nil, "a closed line offers no action")
        #expect(window.lines.contains { $0.status == .open }, "an open line is offered at night")
        let custom = HelpWindowTexts.english
        var german = custom
        german.openNow = "Jetzt offen"
        #expect(HelpWindow(help, device: .phone, surface: "ios", country: Self.france, texts: german).lines.contains { $0.statusText == "Jetzt offen" })
    }
}
