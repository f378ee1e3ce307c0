/// `GET /v1/support?country=&category=&locale=&age=&surface=`: help without filing a report.
public enum SupportQuery {
    /// Validates query parameters. `country` is required; `category` defaults to
    /// harassment (the general "get help" entry), `age` to unknown.
    public static func validate(_ params: [String: String], tenant: String) -> Result<SupportRequest, ValidationFailure> {
        var errors: [FieldError] = []
        var country: CountryCode?
        switch params["country"] {
        case nil, "": errors.append(FieldError("country", "is required (ISO 3166-1 alpha-2, such as FR)"))
        case let text?:
            country = CountryCode(rawValue: text)
            if country == nil { errors.append(FieldError("country", "'\(text)' is not an ISO 3166-1 alpha-2 country code (such as FR)")) }
        }
        var category = ReportCategory.harassment
        if let text = params["category"], !text.isEmpty {
            if let parsed = ReportCategory(rawValue: text) { category = parsed } else {
                errors.append(FieldError("category", "'\(text)' is not one of: " + ReportCategory.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        var locale: LanguageTag?
        if let text = params["locale"], !text.isEmpty {
            locale = LanguageTag(text)
            if locale == nil { errors.append(FieldError("locale", "'\(text)' is not a BCP 47 language tag (such as fr-FR)")) }
        }
        var age = AgeBracket.unknown
        if let text = params["age"], !text.isEmpty {
            if let parsed = AgeBracket(rawValue: text) { age = parsed } else {
                errors.append(FieldError("age", "'\(text)' is not one of: " + AgeBracket.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        let surface = params["surface"].flatMap { $0.isEmpty ? nil : $0 }
        if let surface, !ReportDraft.isIdentifier(surface) || surface.count > ReportDraft.Limits.surfaceLength {
            errors.append(FieldError("surface", "must be at most 64 letters, digits, '-' or '_'"))
        }
        guard errors.isEmpty, let country else { return .failure(ValidationFailure(errors)) }
        return .success(SupportRequest(tenant: tenant, reporterId: nil, country: country, category: category, locale: locale, age: age, surface: surface))
    }
}

/// `POST /v1/support/events`: what the reporter did with the card. Counted, never stored
/// one by one, and carries no personal data.
public struct SupportEventDraft: Sendable, Equatable {
    public var reportId: String?
    public var helplineId: String
    public var event: Kind
    public var surface: String
    public var country: CountryCode

    public init(reportId: String?, helplineId: String, event: Kind, surface: String, country: CountryCode) {
        self.reportId = reportId
        self.helplineId = helplineId
        self.event = event
        self.surface = surface
        self.country = country
    }

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case shown, call, link, chat, dismissed
    }

    public static func validate(_ json: Any, directory: HelplineDirectory) -> Result<SupportEventDraft, ValidationFailure> {
        guard let body = json as? [String: Any] else {
            return .failure(ValidationFailure([FieldError("body", "must be a JSON object")]))
        }
        var r = FieldReader(body)
        let reportId = r.string("reportId", required: false, maxLength: 64)
        let helplineId = r.string("helplineId", required: true, maxLength: 128)
        if let helplineId, directory.helpline(id: helplineId) == nil {
            r.fail("helplineId", "'\(helplineId)' is not a helpline of directory \(directory.version)")
        }
        let event = r.oneOf("event", required: true, Kind.self)
        let surface = r.string("surface", required: true, maxLength: ReportDraft.Limits.surfaceLength)
        if let surface, !ReportDraft.isIdentifier(surface) { r.fail("surface", "must contain only letters, digits, '-' and '_'") }
        let countryText = r.string("country", required: true, maxLength: 8)
        let country = countryText.flatMap(CountryCode.init(rawValue:))
        if let countryText, country == nil {
            r.fail("country", "'\(countryText)' is not an ISO 3166-1 alpha-2 country code (such as FR)")
        }
        guard r.errors.isEmpty, let helplineId, let event, let surface, let country else {
            return .failure(ValidationFailure(r.errors))
        }
        return .success(SupportEventDraft(reportId: reportId, helplineId: helplineId, event: event, surface: surface, country: country))
    }
}
