/// Everything a help card depends on besides the instant and the tenant: two reporters with
/// the same key see the same card at the same moment. `SupportPolicy.key(for:config:)`
/// derives it from a request; the card itself is `SupportPolicy.card(for:…)`.
public struct SupportCardKey: Hashable, Sendable {
    public var country: CountryCode
    public var category: ReportCategory
    /// The index of the card's texts in `SupportTexts.all`.
    public var language: Int
    public var age: AgeBracket
    public var presentation: SupportCard.Presentation

    public init(country: CountryCode, category: ReportCategory, language: Int, age: AgeBracket, presentation: SupportCard.Presentation) {
        self.country = country
        self.category = category
        self.language = language
        self.age = age
        self.presentation = presentation
    }
}
