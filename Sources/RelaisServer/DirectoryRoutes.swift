import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// A tenant's view of the directory, computed once at start: the lines it may show
/// (verified, or unverified ones it opted in to, with its overrides applied) and the
/// cacheable JSON of `GET /v1/directory` with its ETag.
struct DirectorySnapshot: Sendable {
    let directory: HelplineDirectory
    /// The entries this tenant's users may see.
    let visible: [Helpline]
    /// The document as `GET /v1/directory` sends it, encoded at the first such request:
    /// encoding the whole directory for every snapshot was a tenth of a start.
    private let encoded: Encoded
    var body: Data { encoded.value.body }
    var etag: String { encoded.value.etag }

    /// `tenant`: the name the document carries when the rollout covers a share of reporters
    /// (`DirectoryDocument`), `nil` for the snapshot every unconfigured tenant shares.
    init(directory: HelplineDirectory, settings: TenantSupportConfig, tenant: String? = nil) {
        self.directory = directory
        let document = DirectoryDocument(directory: directory, settings: settings, tenant: tenant)
        visible = document.helplines
        encoded = Encoded(document)
    }

    /// The encoded document and its ETag, made once, by whichever request asks first.
    private final class Encoded: @unchecked Sendable {
        // Guarded by `lock`.
        private let lock = NSLock()
        private var document: DirectoryDocument?
        private var made: (body: Data, etag: String)?

        init(_ document: DirectoryDocument) { self.document = document }

        var value: (body: Data, etag: String) {
            lock.withLock {
                if let made { return made }
                let body = document.flatMap { try? JSONCoding.encoder.encode($0) } ?? Data()
                let value = (body: body, etag: "\"" + Fingerprint.sha256(body).prefix(32) + "\"")
                made = value
                document = nil
                return value
            }
        }
    }

    func visible(in country: CountryCode) -> [Helpline] {
        let ids = Set(visible.lazy.filter { $0.country == country }.map(\.id))
        // The directory's per-country order (with the tenant's `order` applied).
        return directory.helplines(in: country).filter { ids.contains($0.id) }
    }
}

/// `GET /v1/helplines?country=` (one country's lines, as a card would show them now) and
/// `GET /v1/directory` (everything, for apps that show help even when Relais is unreachable).
struct DirectoryRoutes {
    let help: HelpCards
    let clock: RelaisClock

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.get("helplines") { request, context in try helplines(request, context) }
        group.get("directory") { request, context in try directory(request, context) }
    }

    struct HelplinesResponse: Encodable {
        var country: String
        var directoryVersion: String
        var helplines: [HelplineView]
    }

    /// An entry as the card shows it now (open, hours, localized actions, each channel's
    /// state), with the facts an app needs to show it later: roles, topics, languages,
    /// audience, each channel's hours (`hours` is the main channel's schedule, kept for
    /// clients of format 1), the names in every language, sources.
    struct HelplineView: Encodable {
        var card: SupportCard.Entry
        var roles: [HelplineRole]
        var topics: [ReportCategory]
        var languages: [String]
        var audience: Helpline.Audience?
        var hours: OpeningHours?
        var channelHours: [ChannelHoursView]
        var names: LocalizedNames
        var publicHolidays: HolidayPolicy?
        var sources: [Helpline.Source]
        var verified: Bool

        struct ChannelHoursView: Encodable {
            var kind: Helpline.Channel.Kind
            var key: String
            var value: String
            var hours: ChannelHours
        }

        func encode(to encoder: any Encoder) throws {
            try card.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(roles, forKey: .roles)
            try c.encode(topics, forKey: .topics)
            try c.encode(languages, forKey: .languages)
            try c.encodeIfPresent(audience, forKey: .audience)
            try c.encodeIfPresent(hours, forKey: .hours)
            try c.encode(channelHours, forKey: .channelHours)
            try c.encode(names, forKey: .names)
            try c.encodeIfPresent(publicHolidays, forKey: .publicHolidays)
            try c.encode(sources, forKey: .sources)
            try c.encode(verified, forKey: .verified)
        }

        enum CodingKeys: String, CodingKey {
            case roles, topics, languages, audience, hours, channelHours, names, publicHolidays, sources, verified
        }
    }

    func helplines(_ request: Request, _ context: RelaisRequestContext) throws -> Response {
        let tenant = try context.requireTenant()
        let params = request.uri.queryParameters
        var errors: [FieldError] = []
        let countryText = params["country"].map(String.init) ?? ""
        let country = CountryCode(rawValue: countryText)
        if country == nil {
            errors.append(FieldError("country", countryText.isEmpty ? "is required (ISO 3166-1 alpha-2, such as FR)" : "'\(countryText)' is not an ISO 3166-1 alpha-2 country code (such as FR)"))
        }
        var locale: LanguageTag?
        if let text = params["locale"].map(String.init), !text.isEmpty {
            locale = LanguageTag(text)
            if locale == nil { errors.append(FieldError("locale", "'\(text)' is not a BCP 47 language tag (such as fr-FR)")) }
        }
        guard errors.isEmpty, let country else { throw Problem.validation(ValidationFailure(errors)) }
        let snapshot = help.snapshot(for: tenant)
        let texts = SupportTexts.forLanguage(locale)
        let now = clock.now()
        let holidays = snapshot.directory.holidays(in: country)
        let views = snapshot.visible(in: country).map { line in
            let main = line.channels.first { $0.kind.isConversation } ?? line.channels.first
            return HelplineView(
                card: SupportPolicy.entry(for: line, presentation: .both, texts: texts, now: now, holidays: holidays),
                roles: line.roles, topics: line.topics, languages: line.languages, audience: line.audience,
                hours: main?.hours.schedule,
                channelHours: line.channels.map { .init(kind: $0.kind, key: $0.key, value: $0.value, hours: $0.hours) },
                names: line.name, publicHolidays: line.publicHolidays, sources: line.sources, verified: line.verified)
        }
        return try JSONCoding.response(HelplinesResponse(country: country.rawValue, directoryVersion: snapshot.directory.version, helplines: views))
    }

    func directory(_ request: Request, _ context: RelaisRequestContext) throws -> Response {
        let snapshot = help.snapshot(for: try context.requireTenant())
        let headers: HTTPFields = [.eTag: snapshot.etag, .cacheControl: "private, max-age=3600"]
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: snapshot.etag) {
            return Response(status: .notModified, headers: headers)
        }
        var all = headers
        all[.contentType] = "application/json"
        return Response(status: .ok, headers: all, body: .init(byteBuffer: ByteBuffer(bytes: snapshot.body)))
    }

    /// `If-None-Match: "a", W/"b"` or `*` (RFC 9110 §13.1.2, weak comparison).
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
