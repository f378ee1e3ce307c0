import Foundation
import RelaisCore

/// "Get help" without filing a report (`GET /v1/support`): who asks, from where, for what.
public struct HelpQuery: Sendable, Equatable {
    /// Where the person is: the country's lines are offered.
    public var country: CountryCode
    /// Harassment by default: the general "get help" entry.
    public var category: ReportCategory
    /// A BCP 47 tag ("fr-FR"); the card's texts follow it.
    public var locale: String?
    /// As the app knows it; `.unknown` counts as possibly a minor.
    public var age: AgeBracket
    /// The app's surface id ("ios", "android"), as the tenant's rollout names surfaces.
    public var surface: String?

    /// A "get help" query; only `country` is required.
    public init(country: CountryCode, category: ReportCategory = .harassment, locale: String? = nil, age: AgeBracket = .unknown, surface: String? = nil) {
        self.country = country
        self.category = category
        self.locale = locale
        self.age = age
        self.surface = surface
    }

    /// The policy's input as the server builds it from the same query (`SupportQuery`).
    func supportRequest(tenant: String) -> SupportRequest {
        SupportRequest(
            tenant: tenant, reporterId: nil, country: country, category: category, locale: locale.flatMap(LanguageTag.init), age: age,
            surface: surface)
    }

    var queryItems: [URLQueryItem] {
        var items = [URLQueryItem(name: "country", value: country.rawValue), URLQueryItem(name: "category", value: category.rawValue)]
        if let locale { items.append(URLQueryItem(name: "locale", value: locale)) }
        items.append(URLQueryItem(name: "age", value: age.rawValue))
        if let surface { items.append(URLQueryItem(name: "surface", value: surface)) }
        return items
    }
}
