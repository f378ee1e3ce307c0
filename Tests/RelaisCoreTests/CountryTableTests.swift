import Foundation
import Testing

@testable import RelaisCore

/// Issue 3's table: countries × age × instants around opening and closing, on the
/// daylight-saving days of each zone, with the lines and opening times written out.
@Suite("Help card by country, at the minutes that matter")
struct CountryTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let country: String
        let age: AgeBracket
        let at: String
        /// Expected helplines, in order; empty for no card.
        let ids: [String]
        /// The line whose state is checked, with its expected `open` and `opensAt`.
        let watched: String?
        let open: Bool?
        let opensAt: String?
        var testDescription: String { "\(country) \(age.rawValue) at \(at)" }
    }

    static let rows: [Row] = [
        // Spain: INCIBE 017 every day 08:00–23:00 (Europe/Madrid); ANAR 24/7; 112 by EU law.
        // 29 March 2026: clocks go forward at 02:00.
        Row(country: "ES", age: .teen, at: "2026-03-29T07:59:00+02:00", ids: ["es-anar-900202010", "es-incibe-017", "es-112"],
            watched: "es-incibe-017", open: false, opensAt: "2026-03-29T08:00:00+02:00"),
        Row(country: "ES", age: .teen, at: "2026-03-29T08:00:00+02:00", ids: ["es-incibe-017", "es-112"],
            watched: "es-incibe-017", open: true, opensAt: nil),
        Row(country: "ES", age: .teen, at: "2026-03-29T22:59:00+02:00", ids: ["es-incibe-017", "es-112"],
            watched: "es-incibe-017", open: true, opensAt: nil),
        Row(country: "ES", age: .teen, at: "2026-03-29T23:00:00+02:00", ids: ["es-anar-900202010", "es-incibe-017", "es-112"],
            watched: "es-incibe-017", open: false, opensAt: "2026-03-30T08:00:00+02:00"),
        Row(country: "ES", age: .adult, at: "2026-03-29T23:00:00+02:00", ids: ["es-incibe-017", "es-112"],
            watched: "es-incibe-017", open: false, opensAt: "2026-03-30T08:00:00+02:00"),
        // 25 October 2026: clocks go back at 03:00.
        Row(country: "ES", age: .teen, at: "2026-10-25T07:59:00+01:00", ids: ["es-anar-900202010", "es-incibe-017", "es-112"],
            watched: "es-incibe-017", open: false, opensAt: "2026-10-25T08:00:00+01:00"),
        Row(country: "ES", age: .teen, at: "2026-10-25T08:00:00+01:00", ids: ["es-incibe-017", "es-112"],
            watched: "es-incibe-017", open: true, opensAt: nil),
        // The Netherlands: Helpwanted Mon–Sat 07:00–23:00, Sun 11:00–19:00. 25 October is a
        // Sunday and the day clocks go back. De Kindertelefoon has no sourced hours, so it is
        // never offered as "open now".
        Row(country: "NL", age: .teen, at: "2026-10-25T10:59:00+01:00", ids: ["nl-helpwanted", "nl-112"],
            watched: "nl-helpwanted", open: false, opensAt: "2026-10-25T11:00:00+01:00"),
        Row(country: "NL", age: .teen, at: "2026-10-25T11:00:00+01:00", ids: ["nl-helpwanted", "nl-112"],
            watched: "nl-helpwanted", open: true, opensAt: nil),
        Row(country: "NL", age: .teen, at: "2026-10-25T18:59:00+01:00", ids: ["nl-helpwanted", "nl-112"],
            watched: "nl-helpwanted", open: true, opensAt: nil),
        Row(country: "NL", age: .teen, at: "2026-10-25T19:00:00+01:00", ids: ["nl-helpwanted", "nl-112"],
            watched: "nl-helpwanted", open: false, opensAt: "2026-10-26T07:00:00+01:00"),
        // Germany: Nummer gegen Kummer Mon–Sat 14:00–20:00, on the Monday after clocks went forward.
        Row(country: "DE", age: .teen, at: "2026-03-30T13:59:00+02:00", ids: ["de-nummer-gegen-kummer-116111", "de-112"],
            watched: "de-nummer-gegen-kummer-116111", open: false, opensAt: "2026-03-30T14:00:00+02:00"),
        Row(country: "DE", age: .teen, at: "2026-03-30T14:00:00+02:00", ids: ["de-nummer-gegen-kummer-116111", "de-112"],
            watched: "de-nummer-gegen-kummer-116111", open: true, opensAt: nil),
        Row(country: "DE", age: .teen, at: "2026-03-30T19:59:00+02:00", ids: ["de-nummer-gegen-kummer-116111", "de-112"],
            watched: "de-nummer-gegen-kummer-116111", open: true, opensAt: nil),
        Row(country: "DE", age: .teen, at: "2026-03-30T20:00:00+02:00", ids: ["de-nummer-gegen-kummer-116111", "de-112"],
            watched: "de-nummer-gegen-kummer-116111", open: false, opensAt: "2026-03-31T14:00:00+02:00"),
        Row(country: "DE", age: .adult, at: "2026-03-30T15:00:00+02:00", ids: ["de-112"], watched: "de-112", open: true, opensAt: nil),
        // New Zealand: Netsafe Mon–Fri 08:00–20:00, Sat–Sun 09:00–17:00 (Pacific/Auckland); clocks
        // go forward on Sunday 27 September 2026. Youthline 24/7 (to 24). No 112 outside Europe.
        Row(country: "NZ", age: .teen, at: "2026-09-26T16:59:00+12:00", ids: ["nz-netsafe"], watched: "nz-netsafe", open: true, opensAt: nil),
        Row(country: "NZ", age: .teen, at: "2026-09-26T17:00:00+12:00", ids: ["nz-youthline", "nz-netsafe"],
            watched: "nz-netsafe", open: false, opensAt: "2026-09-27T09:00:00+13:00"),
        Row(country: "NZ", age: .teen, at: "2026-09-27T08:59:00+13:00", ids: ["nz-youthline", "nz-netsafe"],
            watched: "nz-netsafe", open: false, opensAt: "2026-09-27T09:00:00+13:00"),
        Row(country: "NZ", age: .adult, at: "2026-09-27T09:00:00+13:00", ids: ["nz-netsafe"], watched: "nz-netsafe", open: true, opensAt: nil),
        // The United Kingdom: Childline 24/7, in the hour clocks go forward; nothing for adults.
        Row(country: "GB", age: .teen, at: "2026-03-29T01:30:00+00:00", ids: ["gb-childline"], watched: "gb-childline", open: true, opensAt: nil),
        Row(country: "GB", age: .adult, at: "2026-03-29T12:00:00+01:00", ids: [], watched: nil, open: nil, opensAt: nil),
        // Australia: eSafety has no sourced hours (open unknown), so the 24/7 Kids Helpline comes first.
        Row(country: "AU", age: .teen, at: "2026-11-29T20:00:00+10:00", ids: ["au-kids-helpline", "au-esafety"],
            watched: "au-esafety", open: nil, opensAt: nil),
        // Portugal: Linha Internet Segura Mon–Fri 08:00–22:00, closed on Saturday; SOS-Criança too.
        Row(country: "PT", age: .teen, at: "2026-11-28T12:00:00+00:00", ids: ["pt-linha-internet-segura", "pt-112"],
            watched: "pt-linha-internet-segura", open: false, opensAt: "2026-11-30T08:00:00+00:00"),
        // Iceland: no entry of its own, 112 by EU/EEA law; Japan: nothing is invented.
        Row(country: "IS", age: .teen, at: "2026-11-29T12:00:00+00:00", ids: ["is-112"], watched: "is-112", open: true, opensAt: nil),
        Row(country: "JP", age: .teen, at: "2026-11-29T12:00:00+09:00", ids: [], watched: nil, open: nil, opensAt: nil),
    ]

    @Test("harassment card", arguments: rows)
    func row(_ row: Row) throws {
        let request = SupportRequest(
            tenant: "acme", reporterId: "r-1", country: CountryCode(rawValue: row.country)!, category: .harassment,
            locale: LanguageTag("en"), age: row.age, surface: nil)
        let card = SupportPolicy.decide(request, config: .default, directory: try HelplineDirectory.bundled(), now: Fixture.instant(row.at))
        guard !row.ids.isEmpty else {
            #expect(card == nil)
            return
        }
        let shown = try #require(card)
        #expect(shown.helplines.map(\.id) == row.ids)
        if let watched = row.watched {
            let entry = try #require(shown.helplines.first { $0.id == watched })
            #expect(entry.open == row.open)
            #expect(entry.opensAt == row.opensAt)
        }
        // Among the lines people call for help (emergency lines have their own place), none
        // open now comes after one that is closed or has unknown hours.
        let helpLines = shown.helplines.filter { !$0.emergency }
        if let firstNotOpen = helpLines.firstIndex(where: { $0.open != true }) {
            #expect(!helpLines[firstNotOpen...].contains { $0.open == true }, "open lines come first")
        }
    }

    @Test func theMessageNamesTheDayWhenTheLineOpensLater() throws {
        let request = SupportRequest(
            tenant: "acme", reporterId: "r-1", country: CountryCode(rawValue: "PT")!, category: .harassment,
            locale: LanguageTag("fr"), age: .teen, surface: nil)
        let card = try #require(
            SupportPolicy.decide(request, config: .default, directory: try HelplineDirectory.bundled(), now: Fixture.instant("2026-11-28T12:00:00+00:00")))
        #expect(card.message == "800 21 90 90 est fermé pour le moment et rouvre lundi à 08:00. Parlez-en à quelqu’un qui peut vous aider.")
    }
}
