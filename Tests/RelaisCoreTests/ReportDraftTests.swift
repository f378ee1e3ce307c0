import Foundation
import Testing

@testable import RelaisCore

/// Request validation: report bodies (`POST /v1/reports`), help queries (`GET /v1/support`)
/// and support events (`POST /v1/support/events`). Bodies are decoded with JSONSerialization,
/// as the server does, so JSON booleans and numbers arrive as they will in production.
@Suite("Request validation")
struct ReportDraftTests {

    static let validBody = #"""
        {
          "surface": "instagram_dm",
          "category": "harassment",
          "details": "He sends me messages every night.",
          "goodFaith": true,
          "reporter": {"id": "u-1", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": true},
          "subject": {
            "kind": "message", "id": "m-9", "url": "https://example.com/m/9", "authorId": "u-2",
            "text": "Tu vas voir demain.", "language": "fr", "createdAt": "2026-11-29T21:30:00Z"
          },
          "clientVersion": "4.2.0"
        }
        """#

    /// The valid body with the value at a dotted path replaced by a JSON fragment, or removed (`nil`).
    static func body(setting path: String, to fragment: String?) -> Any {
        var root = Fixture.json(validBody) as! [String: Any]
        let keys = path.split(separator: ".").map(String.init)
        func apply(_ object: inout [String: Any], _ keys: ArraySlice<String>) {
            let key = keys.first!
            if keys.count == 1 {
                object[key] = fragment.map(Fixture.json)
            } else {
                var nested = object[key] as! [String: Any]
                apply(&nested, keys.dropFirst())
                object[key] = nested
            }
        }
        apply(&root, keys[...])
        return reparsed(root)
    }

    /// Serialises and parses again, so every value is what JSONSerialization produces.
    static func reparsed(_ object: Any) -> Any {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])
        return try! JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// A JSON string literal for test text (no quotes or backslashes inside).
    static func quoted(_ text: String) -> String { "\"" + text + "\"" }

    // MARK: - ReportDraft: the valid body

    @Test("the person targeted: the reporter, another user, or both refused")
    func theTargetIsTheReporterOrAnotherUser() throws {
        let own = try #require(ReportDraft.validate(Fixture.json(Self.validBody)).value)
        #expect(own.target == nil && own.targetId == "u-1")
        var friend = Self.body(setting: "reporter.isTarget", to: "false") as! [String: Any]
        friend["target"] = "u-77"
        let forFriend = try #require(ReportDraft.validate(Self.reparsed(friend)).value)
        #expect(forFriend.target == "u-77" && forFriend.targetId == "u-77")
        let nobody = try #require(ReportDraft.validate(Self.body(setting: "reporter.isTarget", to: "false")).value)
        #expect(nobody.targetId == nil)
        // Both at once, a target too long, a target that is not a string: each said on `target`.
        #expect(ReportDraft.validate(Self.body(setting: "target", to: "\"u-77\"")).errorFields == ["target"])
        #expect(ReportDraft.validate(Self.body(setting: "target", to: Self.quoted(String(repeating: "x", count: 257)))).errorFields == ["target"])
        #expect(ReportDraft.validate(Self.body(setting: "target", to: "42")).errorFields == ["target"])
    }

    @Test("a valid body passes with every field read")
    func validBodyPasses() throws {
        let result = ReportDraft.validate(Fixture.json(Self.validBody))
        #expect(result.fieldErrors == [])
        let draft = try #require(result.value)
        #expect(draft.surface == "instagram_dm")
        #expect(draft.category == .harassment)
        #expect(draft.details == "He sends me messages every night.")
        #expect(draft.goodFaith)
        #expect(draft.reporter.id == "u-1")
        #expect(draft.reporter.country == CountryCode(rawValue: "FR"))
        #expect(draft.reporter.locale == "fr-FR")
        #expect(draft.reporter.ageBracket == .teen)
        #expect(draft.reporter.isTarget)
        #expect(draft.subject.kind == .message)
        #expect(draft.subject.id == "m-9")
        #expect(draft.subject.url == "https://example.com/m/9")
        #expect(draft.subject.authorId == "u-2")
        #expect(draft.subject.text == "Tu vas voir demain.")
        #expect(draft.subject.language == "fr")
        #expect(draft.subject.createdAt == "2026-11-29T21:30:00Z")
        #expect(draft.subjectKey == "message:m-9")

        let request = draft.supportRequest(tenant: "acme")
        #expect(request.tenant == "acme")
        #expect(request.reporterId == "u-1")
        #expect(request.country.rawValue == "FR")
        #expect(request.category == .harassment)
        #expect(request.locale?.language == "fr")
        #expect(request.age == .teen)
        #expect(request.surface == "instagram_dm")
    }

    @Test("a minimal body (only required fields) passes")
    func minimalBody() throws {
        let body = Fixture.json(
            #"""
            {"surface": "web", "category": "self_harm", "goodFaith": true,
             "reporter": {"id": "x", "country": "de", "locale": "de", "ageBracket": "unknown", "isTarget": false},
             "subject": {"kind": "account", "id": "acc-1"}}
            """#)
        let draft = try #require(ReportDraft.validate(body).value)
        #expect(draft.reporter.country.rawValue == "DE")  // lower case accepted, upper-cased
        #expect(!draft.reporter.isTarget)
        #expect(draft.details == nil && draft.subject.url == nil && draft.subject.text == nil && draft.subject.createdAt == nil)
    }

    @Test(
        "accepted edge values",
        arguments: [
            ("details", #""""#),
            ("details", nil),
            ("subject.text", #""""#),
            ("reporter.country", #""fr""#),
            ("reporter.locale", #""zh-Hant-TW""#),
            ("reporter.locale", #""en""#),
            ("subject.url", #""http://example.com/x""#),
            ("subject.url", #""HTTPS://EXAMPLE.COM/x""#),
            ("subject.createdAt", #""2026-11-29T21:30:00.123Z""#),
            ("subject.createdAt", #""2026-11-29T22:30:00+01:00""#),
            ("subject.url", "null"),
            ("surface", #""A-b_9""#),
        ] as [(String, String?)])
    func acceptedEdges(_ path: String, _ fragment: String?) {
        let result = ReportDraft.validate(Self.body(setting: path, to: fragment))
        #expect(result.fieldErrors == [])
        #expect(result.value != nil)
    }

    @Test("text and details at exactly their limits pass; one character more fails")
    func lengthLimits() {
        let text = String(repeating: "é", count: ReportDraft.Limits.textLength)
        #expect(ReportDraft.validate(Self.body(setting: "subject.text", to: Self.quoted(text))).value?.subject.text == text)
        #expect(ReportDraft.validate(Self.body(setting: "subject.text", to: Self.quoted(text + "x"))).errorFields == ["subject.text"])
        let details = String(repeating: "a", count: ReportDraft.Limits.detailsLength)
        #expect(ReportDraft.validate(Self.body(setting: "details", to: Self.quoted(details))).value?.details == details)
        #expect(ReportDraft.validate(Self.body(setting: "details", to: Self.quoted(details + "a"))).errorFields == ["details"])
        #expect(ReportDraft.Limits.textLength == 10_000 && ReportDraft.Limits.detailsLength == 4000)
    }

    // MARK: - ReportDraft: one error at a time

    static let requiredPaths = [
        "surface", "category", "goodFaith", "reporter", "subject",
        "reporter.id", "reporter.country", "reporter.locale", "reporter.ageBracket", "reporter.isTarget",
        "subject.kind", "subject.id",
    ]

    @Test("a missing required field is named by its dotted path", arguments: requiredPaths)
    func missing(_ path: String) {
        let result = ReportDraft.validate(Self.body(setting: path, to: nil))
        #expect(result.value == nil)
        #expect(result.fieldErrors == [FieldError(path, "is required")])
    }

    @Test("a null required field counts as missing", arguments: requiredPaths)
    func null(_ path: String) {
        let result = ReportDraft.validate(Self.body(setting: path, to: "null"))
        #expect(result.fieldErrors == [FieldError(path, "is required")])
    }

    /// (path, JSON fragment, expected message, or "" when only the field matters).
    static let invalid: [(String, String, String)] = [
        // Wrong types.
        ("surface", "42", "must be a string"),
        ("category", "7", "must be a string"),
        ("details", "5", "must be a string"),
        ("reporter.id", "42", "must be a string"),
        ("reporter.country", "33", "must be a string"),
        ("reporter.locale", "true", "must be a string"),
        ("subject.id", "9", "must be a string"),
        ("subject.text", "true", "must be a string"),
        ("goodFaith", #""true""#, "must be true or false"),
        ("goodFaith", "1", "must be true or false"),
        ("goodFaith", "1.0", "must be true or false"),
        ("reporter.isTarget", #""yes""#, "must be true or false"),
        ("reporter.isTarget", "1", "must be true or false"),
        ("reporter.isTarget", "0", "must be true or false"),
        ("reporter", #""FR""#, "must be an object"),
        ("reporter", "[]", "must be an object"),
        ("subject", "42", "must be an object"),
        // Bad values.
        ("reporter.country", #""XX""#, ""),
        ("reporter.country", #""fra""#, ""),
        ("reporter.country", #""F1""#, ""),
        ("reporter.country", #""France""#, ""),
        ("reporter.country", #""""#, "must not be empty"),
        ("reporter.locale", #""french""#, ""),
        ("reporter.locale", #""fr_FR""#, ""),
        ("reporter.locale", #""f""#, ""),
        ("reporter.locale", #""fr-""#, ""),
        ("category", #""bullying""#, ""),
        ("category", #""Harassment""#, ""),
        ("category", #""intimate-images""#, ""),
        ("reporter.ageBracket", #""adult""#, ""),
        ("reporter.ageBracket", #""18""#, ""),
        ("reporter.ageBracket", #""13_17""#, ""),
        ("subject.kind", #""video""#, ""),
        ("subject.url", #""ftp://example.com/x""#, "must be an absolute http or https URL"),
        ("subject.url", #""javascript:alert(1)""#, "must be an absolute http or https URL"),
        ("subject.url", #""example.com/x""#, "must be an absolute http or https URL"),
        ("subject.url", #""/relative/path""#, "must be an absolute http or https URL"),
        ("subject.url", #""https://""#, "must be an absolute http or https URL"),
        ("subject.createdAt", #""2026-11-29""#, ""),
        ("subject.createdAt", #""yesterday""#, ""),
        ("subject.createdAt", #""2026-11-29T21:30:00""#, ""),
        ("subject.createdAt", #""2026-13-29T21:30:00Z""#, ""),
        ("subject.createdAt", #""29/11/2026 21:30""#, ""),
        ("subject.language", #""français""#, ""),
        ("subject.id", #""""#, "must not be empty"),
        ("reporter.id", #""""#, "must not be empty"),
        ("surface", #""""#, "must not be empty"),
        ("surface", #""insta gram""#, "must contain only letters, digits, '-' and '_'"),
        ("surface", #""a/b""#, "must contain only letters, digits, '-' and '_'"),
        ("surface", #""café""#, "must contain only letters, digits, '-' and '_'"),
        ("goodFaith", "false", ""),
    ]

    @Test("a bad field gives exactly one error naming its dotted path", arguments: invalid)
    func invalidField(_ path: String, _ fragment: String, _ message: String) {
        let result = ReportDraft.validate(Self.body(setting: path, to: fragment))
        #expect(result.value == nil)
        #expect(result.errorFields == [path])
        if !message.isEmpty {
            #expect(result.fieldErrors.first?.message == message)
        }
        #expect(result.fieldErrors.allSatisfy { !$0.message.isEmpty })
    }

    @Test("over-long fields are rejected", arguments: [
        ("surface", ReportDraft.Limits.surfaceLength), ("reporter.id", ReportDraft.Limits.idLength),
        ("subject.id", ReportDraft.Limits.idLength), ("subject.authorId", ReportDraft.Limits.idLength),
        ("subject.text", ReportDraft.Limits.textLength), ("details", ReportDraft.Limits.detailsLength),
    ])
    func overLong(_ path: String, _ limit: Int) {
        let atLimit = ReportDraft.validate(Self.body(setting: path, to: Self.quoted(String(repeating: "a", count: limit))))
        #expect(atLimit.fieldErrors == [])
        let over = ReportDraft.validate(Self.body(setting: path, to: Self.quoted(String(repeating: "a", count: limit + 1))))
        #expect(over.errorFields == [path])
        #expect(over.fieldErrors.first?.message == "must be at most \(limit) characters (got \(limit + 1))")
    }

    @Test("an over-long url is rejected")
    func overLongURL() {
        let prefix = "https://example.com/"
        let atLimit = prefix + String(repeating: "a", count: ReportDraft.Limits.urlLength - prefix.count)
        #expect(ReportDraft.validate(Self.body(setting: "subject.url", to: Self.quoted(atLimit))).fieldErrors == [])
        #expect(ReportDraft.validate(Self.body(setting: "subject.url", to: Self.quoted(atLimit + "a"))).errorFields == ["subject.url"])
    }

    @Test("goodFaith false is refused with a reason citing Art. 16")
    func goodFaithFalse() throws {
        let result = ReportDraft.validate(Self.body(setting: "goodFaith", to: "false"))
        let error = try #require(result.fieldErrors.first)
        #expect(error.field == "goodFaith")
        #expect(error.message.contains("16(2)(d)"))
    }

    @Test("unknown values are listed in the error", arguments: [
        ("category", "harassment"), ("reporter.ageBracket", "13-17"), ("subject.kind", "message"),
    ])
    func choicesListed(_ path: String, _ oneChoice: String) throws {
        let result = ReportDraft.validate(Self.body(setting: path, to: #""nope""#))
        let error = try #require(result.fieldErrors.first)
        #expect(error.message.hasPrefix("'nope' is not one of: "))
        #expect(error.message.contains(oneChoice))
    }

    @Test("a body that is not an object is refused as a whole", arguments: ["[1, 2]", #""text""#, "42", "null", "true", "[]"])
    func notAnObject(_ text: String) {
        let result = ReportDraft.validate(Fixture.json(text))
        #expect(result.fieldErrors == [FieldError("body", "must be a JSON object")])
    }

    // MARK: - ReportDraft: several errors at once

    @Test("every error in a body is reported at once")
    func severalErrors() {
        let body = Fixture.json(
            #"""
            {"category": "nope", "goodFaith": false, "details": 3,
             "reporter": {"id": "", "country": "XX", "locale": "french", "ageBracket": "adult", "isTarget": 1},
             "subject": {"kind": "video", "url": "ftp://x.org", "createdAt": "soon", "text": 5}}
            """#)
        let result = ReportDraft.validate(body)
        #expect(result.value == nil)
        #expect(
            Set(result.errorFields) == [
                "surface", "category", "goodFaith", "details",
                "reporter.id", "reporter.country", "reporter.locale", "reporter.ageBracket", "reporter.isTarget",
                "subject.kind", "subject.id", "subject.url", "subject.createdAt", "subject.text",
            ])
        #expect(result.errorFields.count == 14)
    }

    @Test("an empty object names every required top-level field")
    func emptyObject() {
        #expect(Set(ReportDraft.validate(Fixture.json("{}")).errorFields) == ["surface", "category", "goodFaith", "reporter", "subject"])
    }

    @Test("errors in reporter and subject are reported together")
    func nestedErrorsTogether() {
        let body = Fixture.json(
            #"""
            {"surface": "web", "category": "hate", "goodFaith": true,
             "reporter": {"id": "u", "country": "fra", "locale": "fr", "ageBracket": "13-17", "isTarget": true},
             "subject": {"kind": "post", "id": "p", "language": "fr FR"}}
            """#)
        #expect(ReportDraft.validate(body).errorFields == ["reporter.country", "subject.language"])
    }

    // MARK: - Country codes and language tags

    @Test("country codes: only assigned ISO 3166-1 alpha-2 codes, any case", arguments: [
        ("FR", "FR"), ("fr", "FR"), ("gb", "GB"), ("US", "US"), ("DE", "DE"),
        ("XX", nil), ("UK", nil), ("EU", nil), ("FRA", nil), ("F", nil), ("", nil), ("F1", nil),
    ] as [(String, String?)])
    func countryCodes(_ text: String, _ expected: String?) {
        #expect(CountryCode(rawValue: text)?.rawValue == expected)
    }

    @Test("the country list has the 249 assigned codes and the 30 EU/EEA ones")
    func countryLists() {
        #expect(CountryCode.assigned.count == 249)
        #expect(CountryCode.euAndEEA.count == 30)
        #expect(CountryCode.euAndEEA.isSubset(of: CountryCode.assigned))
        #expect(CountryCode(rawValue: "FR")?.isEUOrEEA == true)
        #expect(CountryCode(rawValue: "NO")?.isEUOrEEA == true)
        #expect(CountryCode(rawValue: "GB")?.isEUOrEEA == false)
        #expect(CountryCode(rawValue: "CH")?.isEUOrEEA == false)
    }

    @Test("language tags: well-formed BCP 47 shapes", arguments: [
        ("fr-FR", "fr"), ("en", "en"), ("pt-BR", "pt"), ("zh-Hant-TW", "zh"), ("EN-gb", "en"), ("ast", "ast"),
        ("es-419", "es"),
        ("", nil), ("f", nil), ("fr_FR", nil), ("fr-", nil), ("-fr", nil), ("french", nil), ("fr--FR", nil),
        ("fr-abcdefghi", nil), ("12", nil), ("fr FR", nil),
    ] as [(String, String?)])
    func languageTags(_ text: String, _ language: String?) {
        #expect(LanguageTag(text)?.language == language)
    }

    @Test("timestamps need a zone; fractional seconds are optional")
    func timestamps() {
        #expect(Timestamp.parse("2026-11-29T21:30:00Z") == Fixture.instant("2026-11-29T21:30:00Z"))
        #expect(Timestamp.parse("2026-11-29T22:30:00+01:00") == Fixture.instant("2026-11-29T21:30:00Z"))
        let fractional = Timestamp.parse("2026-11-29T21:30:00.250Z")
        #expect(fractional.map { $0.timeIntervalSince(Fixture.instant("2026-11-29T21:30:00Z")) } == 0.25)
        #expect(Timestamp.parse("2026-11-29T21:30:00") == nil)
        #expect(Timestamp.parse("2026-11-29") == nil)
        #expect(Timestamp.parse("") == nil)
        #expect(Timestamp.format(Fixture.instant("2026-11-29T21:30:00Z")) == "2026-11-29T21:30:00.000Z")
    }

    // MARK: - SupportQuery

    @Test("a full help query is read into a request without a reporter")
    func queryValid() throws {
        let request = try #require(
            SupportQuery.validate(
                ["country": "FR", "category": "threat", "locale": "fr-FR", "age": "13-17", "surface": "web", "extra": "x"],
                tenant: "acme"
            ).value)
        #expect(request.tenant == "acme")
        #expect(request.reporterId == nil)
        #expect(request.country.rawValue == "FR")
        #expect(request.category == .threat)
        #expect(request.locale?.rawValue == "fr-FR")
        #expect(request.age == .teen)
        #expect(request.surface == "web")
    }

    @Test("a help query defaults to harassment, unknown age, no locale, no surface")
    func queryDefaults() throws {
        for params in [["country": "fr"], ["country": "FR", "category": "", "locale": "", "age": "", "surface": ""]] {
            let request = try #require(SupportQuery.validate(params, tenant: "t").value)
            #expect(request.country.rawValue == "FR")
            #expect(request.category == .harassment)
            #expect(request.age == .unknown)
            #expect(request.locale == nil)
            #expect(request.surface == nil)
        }
    }

    @Test("a bad query parameter is named", arguments: [
        (["category": "harassment"], "country"),
        (["country": ""], "country"),
        (["country": "XX"], "country"),
        (["country": "FRA"], "country"),
        (["country": "FR", "category": "bullying"], "category"),
        (["country": "FR", "locale": "fr_FR"], "locale"),
        (["country": "FR", "age": "adult"], "age"),
        (["country": "FR", "age": "18"], "age"),
        (["country": "FR", "surface": "my surface"], "surface"),
        (["country": "FR", "surface": String(repeating: "s", count: 65)], "surface"),
    ])
    func queryInvalid(_ params: [String: String], _ field: String) {
        #expect(SupportQuery.validate(params, tenant: "t").errorFields == [field])
    }

    @Test("a 64-character surface is accepted in a query")
    func querySurfaceLimit() {
        let surface = String(repeating: "s", count: 64)
        #expect(SupportQuery.validate(["country": "FR", "surface": surface], tenant: "t").value?.surface == surface)
    }

    @Test("every query error is reported at once")
    func queryErrors() {
        let result = SupportQuery.validate(["country": "XX", "category": "x", "locale": "1", "age": "old", "surface": "a b"], tenant: "t")
        #expect(result.errorFields == ["country", "category", "locale", "age", "surface"])
        // Errors in the other parameters are still reported when the country is missing.
        #expect(SupportQuery.validate(["age": "old"], tenant: "t").errorFields == ["country", "age"])
    }

    // MARK: - SupportEventDraft

    static let validEvent = #"{"reportId": "r-1", "helplineId": "fr-3018", "event": "call", "surface": "ios", "country": "FR"}"#

    static func event(setting key: String, to fragment: String?) -> Any {
        var object = Fixture.json(validEvent) as! [String: Any]
        object[key] = fragment.map(Fixture.json)
        return reparsed(object)
    }

    @Test("a valid support event passes")
    func eventValid() throws {
        let event = try #require(SupportEventDraft.validate(Fixture.json(Self.validEvent), directory: Fixture.policy).value)
        #expect(event.reportId == "r-1")
        #expect(event.helplineId == "fr-3018")
        #expect(event.event == .call)
        #expect(event.surface == "ios")
        #expect(event.country.rawValue == "FR")
        let withoutReport = try #require(SupportEventDraft.validate(Self.event(setting: "reportId", to: nil), directory: Fixture.policy).value)
        #expect(withoutReport.reportId == nil)
    }

    @Test("every event kind is accepted", arguments: SupportEventDraft.Kind.allCases)
    func eventKinds(_ kind: SupportEventDraft.Kind) {
        let result = SupportEventDraft.validate(Self.event(setting: "event", to: #""\#(kind.rawValue)""#), directory: Fixture.policy)
        #expect(result.value?.event == kind)
    }

    @Test("a bad support event field is named", arguments: [
        ("helplineId", nil, "is required"),
        ("event", nil, "is required"),
        ("surface", nil, "is required"),
        ("country", nil, "is required"),
        ("helplineId", #""fr-9999""#, "'fr-9999' is not a helpline of directory fixture-1"),
        ("helplineId", "3018", "must be a string"),
        ("event", #""clicked""#, ""),
        ("event", "true", "must be a string"),
        ("surface", #""a b""#, "must contain only letters, digits, '-' and '_'"),
        ("country", #""XX""#, ""),
        ("country", #""fra""#, ""),
        ("reportId", "12", "must be a string"),
        ("reportId", #""\#(String(repeating: "r", count: 65))""#, "must be at most 64 characters (got 65)"),
    ] as [(String, String?, String)])
    func eventInvalid(_ key: String, _ fragment: String?, _ message: String) {
        let result = SupportEventDraft.validate(Self.event(setting: key, to: fragment), directory: Fixture.policy)
        #expect(result.value == nil)
        #expect(result.errorFields == [key])
        if !message.isEmpty { #expect(result.fieldErrors.first?.message == message) }
    }

    @Test("a support event checks the helpline against the directory it is given")
    func eventDirectory() throws {
        let other = try HelplineDirectory.decode(Data(#"{"format": 2, "version": "empty-1", "helplines": []}"#.utf8))
        let result = SupportEventDraft.validate(Fixture.json(Self.validEvent), directory: other)
        #expect(result.fieldErrors == [FieldError("helplineId", "'fr-3018' is not a helpline of directory empty-1")])
    }

    @Test("every support event error is reported at once, and a non-object is refused")
    func eventErrors() {
        let result = SupportEventDraft.validate(
            Fixture.json(#"{"helplineId": "nope", "event": "x", "surface": "", "country": "ZZ"}"#), directory: Fixture.policy)
        #expect(result.errorFields == ["helplineId", "event", "surface", "country"])
        #expect(SupportEventDraft.validate(Fixture.json("[]"), directory: Fixture.policy).fieldErrors == [FieldError("body", "must be a JSON object")])
    }

    // MARK: - FieldError

    @Test("a field error describes itself as path: message and encodes both")
    func fieldErrorShape() throws {
        let error = FieldError("reporter.country", "'XX' is not an ISO 3166-1 alpha-2 country code (such as FR)")
        #expect(error.description == "reporter.country: 'XX' is not an ISO 3166-1 alpha-2 country code (such as FR)")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(error)) as? [String: String]
        #expect(json == ["field": "reporter.country", "message": "'XX' is not an ISO 3166-1 alpha-2 country code (such as FR)"])
    }
}

@Suite("Timestamps and text templates")
struct TimestampAndTemplateTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"), (1_795_000_000.5, "2026-11-18T11:06:40.500Z"),
        (951_782_400.25, "2000-02-29T00:00:00.250Z"), (-1.25, "1969-12-31T23:59:58.750Z"),
        (4_102_444_799.0, "2099-12-31T23:59:59.000Z"),
    ])
    func formatsUTCWithMilliseconds(_ seconds: Double, _ expected: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Timestamp.format(date) == expected)
        #expect(Timestamp.format(date) == date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    @Test func fillsPlaceholdersAndLeavesUnknownOnes() {
        #expect("Call {number}".filling(["number": TextSlot("3018")!]) == "Call 3018")
        #expect("{a}{b}-{a}".filling(["a": TextSlot("x")!, "b": TextSlot("{a}")!]) == "x{a}-x", "values are not filled again")
        #expect("{unknown} stays".filling(["number": TextSlot("1")!]) == "{unknown} stays")
        #expect("no braces".filling(["a": TextSlot("b")!]) == "no braces")
        #expect("open { only".filling(["a": TextSlot("b")!]) == "open { only")
        #expect("Appeler le {number} à {time}".filling(["number": TextSlot("119")!, "time": TextSlot("09:00")!]) == "Appeler le 119 à 09:00")
    }

    @Test func dialableNumbersAndHosts() {
        #expect(SupportPolicy.dialable("+33 1 23-45") == "+3312345")
        #expect(SupportPolicy.displayHost("https://www.3018.fr") == "3018.fr")
        #expect(SupportPolicy.displayHost("https://www.incibe.es/linea-de-ayuda-en-ciberseguridad") == "incibe.es")
        #expect(SupportPolicy.displayHost("https://allo119.gouv.fr:443/x?y") == "allo119.gouv.fr")
        #expect(SupportPolicy.displayHost("not a url") == "not a url")
    }
}
