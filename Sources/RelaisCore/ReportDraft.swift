import Foundation

/// A report as a platform sends it (`POST /v1/reports`), validated: a DSA Art. 16 notice.
public struct ReportDraft: Sendable, Equatable, Codable {
    public var surface: String
    public var reporter: Reporter
    public var subject: Subject
    public var category: ReportCategory
    public var details: String?
    /// The reporter confirms the notice is accurate and made in good faith (DSA Art. 16(2)(d)).
    public var goodFaith: Bool
    /// The platform's id of the person targeted, when it is not the reporter (a friend, a
    /// parent reporting for their child). When the reporter is the person targeted, they say
    /// so with `reporter.isTarget` and this stays empty.
    public var target: String? = nil

    /// Who the report is about, when the platform said: the reporter themselves
    /// (`reporter.isTarget`) or the user named in `target`. Reports about one person, against
    /// many authors, are what a pile-on is made of (`PileOnPolicy`).
    public var targetId: String? { reporter.isTarget ? reporter.id : target }

    public struct Reporter: Sendable, Equatable, Codable {
        /// The platform's opaque id for the reporter.
        public var id: String
        public var country: CountryCode
        public var locale: String
        public var ageBracket: AgeBracket
        /// The reporter is the person targeted.
        public var isTarget: Bool
        /// The organisation, when the notice comes through the trusted-flagger channel
        /// (DSA Art. 22: "e-Enfance"). The platform vouches for it with its own API key; the
        /// name is public (a Digital Services Coordinator designates it), so it may appear in
        /// a statement of reasons as `source_identity`. The case is then handled first.
        public var trustedFlagger: String?

        public init(id: String, country: CountryCode, locale: String, ageBracket: AgeBracket, isTarget: Bool, trustedFlagger: String? = nil) {
            self.id = id
            self.country = country
            self.locale = locale
            self.ageBracket = ageBracket
            self.isTarget = isTarget
            self.trustedFlagger = trustedFlagger
        }
    }

    public struct Subject: Sendable, Equatable, Codable {
        public var kind: SubjectKind
        public var id: String
        public var url: String?
        public var authorId: String?
        /// A snapshot of the reported content. Attacker-controlled: escape it wherever shown.
        public var text: String?
        public var language: String?
        public var createdAt: String?

        public init(
            kind: SubjectKind, id: String, url: String? = nil, authorId: String? = nil, text: String? = nil,
            language: String? = nil, createdAt: String? = nil
        ) {
            self.kind = kind
            self.id = id
            self.url = url
            self.authorId = authorId
            self.text = text
            self.language = language
            self.createdAt = createdAt
        }
    }

    public enum SubjectKind: String, Sendable, Codable, CaseIterable {
        case post, comment, message, account, story, live, other
    }

    /// Limits, documented in `openapi.yaml`.
    public enum Limits {
        public static let idLength = 256
        public static let urlLength = 2048
        public static let textLength = 10_000
        public static let detailsLength = 4000
        public static let surfaceLength = 64
        public static let trustedFlaggerLength = 200
    }

    public init(surface: String, reporter: Reporter, subject: Subject, category: ReportCategory, details: String?, goodFaith: Bool) {
        self.surface = surface
        self.reporter = reporter
        self.subject = subject
        self.category = category
        self.details = details
        self.goodFaith = goodFaith
    }

    /// Validates a decoded JSON body, collecting every field error. Unknown fields are
    /// ignored, so platforms can send more than Relais reads.
    public static func validate(_ json: Any) -> Result<ReportDraft, ValidationFailure> {
        guard let body = json as? [String: Any] else {
            return .failure(ValidationFailure([FieldError("body", "must be a JSON object")]))
        }
        var r = FieldReader(body)
        let surface = r.string("surface", required: true, maxLength: Limits.surfaceLength)
        if let surface, !Self.isIdentifier(surface) {
            r.fail("surface", "must contain only letters, digits, '-' and '_'")
        }
        let category = r.oneOf("category", required: true, ReportCategory.self)
        let details = r.string("details", required: false, maxLength: Limits.detailsLength, minLength: 0)
        let goodFaith = r.bool("goodFaith", required: true)
        let target = r.string("target", required: false, maxLength: Limits.idLength)
        if target != nil, (body["reporter"] as? [String: Any])?["isTarget"] as? Bool == true {
            r.fail("target", "must be left out when reporter.isTarget is true: the reporter is then the person targeted")
        }
        if goodFaith == false {
            r.fail("goodFaith", "must be true: a notice needs the reporter's statement that it is made in good faith (DSA Art. 16(2)(d))")
        }

        var reporter: Reporter?
        if let object = r.object("reporter", required: true) {
            var rr = FieldReader(object, prefix: "reporter")
            let id = rr.string("id", required: true, maxLength: Limits.idLength)
            let countryText = rr.string("country", required: true, maxLength: 8)
            let country = countryText.flatMap(CountryCode.init(rawValue:))
            if let countryText, country == nil {
                rr.fail("country", "'\(countryText)' is not an ISO 3166-1 alpha-2 country code (such as FR)")
            }
            let locale = rr.string("locale", required: true, maxLength: 35)
            if let locale, LanguageTag(locale) == nil {
                rr.fail("locale", "'\(locale)' is not a BCP 47 language tag (such as fr-FR)")
            }
            let age = rr.oneOf("ageBracket", required: true, AgeBracket.self)
            let isTarget = rr.bool("isTarget", required: true)
            // A trusted flagger's notice comes only with the flagger's own token: a platform
            // cannot lift a report's priority by naming an organisation.
            if object["trustedFlagger"] != nil {
                rr.fail("trustedFlagger", "cannot be set on a platform's report: a trusted flagger files its own notices with its token (POST /v1/flagger/notices)")
            }
            let trustedFlagger: String? = nil
            r.absorb(rr.errors)
            if let id, let country, let locale, LanguageTag(locale) != nil, let age, let isTarget, rr.errors.isEmpty {
                reporter = Reporter(
                    id: id, country: country, locale: locale, ageBracket: age, isTarget: isTarget,
                    trustedFlagger: trustedFlagger?.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }

        var subject: Subject?
        if let object = r.object("subject", required: true) {
            var sr = FieldReader(object, prefix: "subject")
            let kind = sr.oneOf("kind", required: true, SubjectKind.self)
            let id = sr.string("id", required: true, maxLength: Limits.idLength)
            let url = sr.string("url", required: false, maxLength: Limits.urlLength)
            if let url, !Self.isWebURL(url) { sr.fail("url", "must be an absolute http or https URL") }
            let authorId = sr.string("authorId", required: false, maxLength: Limits.idLength)
            let text = sr.string("text", required: false, maxLength: Limits.textLength, minLength: 0)
            let language = sr.string("language", required: false, maxLength: 35)
            if let language, LanguageTag(language) == nil {
                sr.fail("language", "'\(language)' is not a BCP 47 language tag (such as fr)")
            }
            let createdAt = sr.string("createdAt", required: false, maxLength: 40)
            if let createdAt, Timestamp.parse(createdAt) == nil {
                sr.fail("createdAt", "must be an ISO 8601 date-time with a time zone (such as 2026-11-29T21:30:00Z)")
            }
            r.absorb(sr.errors)
            if let kind, let id, sr.errors.isEmpty {
                subject = Subject(kind: kind, id: id, url: url, authorId: authorId, text: text, language: language, createdAt: createdAt)
            }
        }

        guard r.errors.isEmpty, let surface, let category, let goodFaith, let reporter, let subject else {
            return .failure(ValidationFailure(r.errors))
        }
        var draft = ReportDraft(surface: surface, reporter: reporter, subject: subject, category: category, details: details, goodFaith: goodFaith)
        draft.target = target
        return .success(draft)
    }

    /// Ids such as surfaces: letters, digits, '-' and '_'.
    public static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }

    static func isWebURL(_ text: String) -> Bool { WebURI.isAbsoluteHTTP(text) }

    /// The help-card request this report makes.
    public func supportRequest(tenant: String) -> SupportRequest {
        SupportRequest(
            tenant: tenant, reporterId: reporter.id, country: reporter.country, category: category,
            locale: LanguageTag(reporter.locale), age: reporter.ageBracket, surface: surface)
    }

    /// The subject's identity within a tenant: reports with the same key form one case.
    public var subjectKey: String { subject.kind.rawValue + ":" + subject.id }
}
