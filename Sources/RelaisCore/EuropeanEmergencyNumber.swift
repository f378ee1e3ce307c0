import Foundation

/// 112, the single European emergency number, for an EU or EEA country whose directory
/// entries include no emergency line.
///
/// This is the only entry Relais builds rather than reads: it rests on EU law, not on a
/// helpline's page, and holds in all 30 countries alike. EU and EEA member states must let
/// everyone reach the emergency services free of charge on 112 (Directive (EU) 2018/1972,
/// the European Electronic Communications Code, Art. 109, a text with EEA relevance). It is
/// the honest card for a country with no other sourced line: it invents no helpline.
enum EuropeanEmergencyNumber {
    static let source = Helpline.Source(
        url: "https://eur-lex.europa.eu/eli/dir/2018/1972/oj",
        checked: "2026-11-29",
        backs: "112 is the single European emergency number, free of charge, in every EU and EEA member state (Art. 109)")

    static func entry(for country: CountryCode) -> Helpline {
        Helpline(
            id: country.rawValue.lowercased() + "-112",
            country: country,
            name: "112",
            shortName: "112",
            organisation: nil,
            roles: [.emergency],
            topics: ReportCategory.allCases.filter(\.triggersSupport),
            audience: nil,
            channels: [.init(kind: .phone, value: "112", hours: nil, note: nil)],
            hours: OpeningHours(timeZone: TimeZone(identifier: "UTC")!, alwaysOpen: true, publicHolidays: .open),
            languages: [],
            free: true,
            anonymous: nil,
            confidential: nil,
            emergency: true,
            sources: [source],
            verified: true,
            notes: "The European emergency number (Directive (EU) 2018/1972, Art. 109)."
        )
    }
}
