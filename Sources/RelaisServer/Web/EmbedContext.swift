import Foundation
import RelaisCore

/// What the platform put in the sheet's URL: who reports what, where. Carried from step to
/// step in hidden fields. Every value is attacker-controlled: it is validated by
/// `ReportDraft.validate` before use and escaped wherever it is shown.
struct EmbedContext: Sendable {
    var tenant: String?
    var surface: String
    var subjectKind: String?
    var subjectId: String?
    var subjectAuthor: String?
    var reporter: String
    var country: String?
    var age: String
    var language: WebLanguage

    /// Names of the fields, in the order they appear in links.
    static let fieldNames = ["tenant", "surface", "subjectKind", "subjectId", "subjectAuthor", "reporter", "country", "age", "lang"]

    init(_ fields: FormFields, language: WebLanguage) {
        tenant = fields.nonEmpty("tenant")
        surface = fields.nonEmpty("surface") ?? "web"
        subjectKind = fields.nonEmpty("subjectKind")
        subjectId = fields.nonEmpty("subjectId")
        subjectAuthor = fields.nonEmpty("subjectAuthor")
        // The platform should pass its opaque reporter id (it keys the rollout share);
        // without one every anonymous reporter shares a bucket.
        reporter = fields.nonEmpty("reporter") ?? "anonymous-web"
        country = fields.nonEmpty("country")
        age = fields.nonEmpty("age") ?? AgeBracket.unknown.rawValue
        self.language = language
    }

    var pairs: [(String, String?)] {
        [
            ("tenant", tenant), ("surface", surface), ("subjectKind", subjectKind), ("subjectId", subjectId),
            ("subjectAuthor", subjectAuthor), ("reporter", reporter), ("country", country), ("age", age),
            ("lang", language.rawValue),
        ]
    }

    struct Hidden: Sendable {
        var name: String
        var value: String
    }

    /// Hidden inputs carrying the context to the next step.
    var hidden: [Hidden] { pairs.compactMap { name, value in value.map { Hidden(name: name, value: $0) } } }

    func url(_ path: String, language: WebLanguage? = nil, extra: [(String, String?)] = []) -> String {
        var pairs = self.pairs
        if let language { pairs[pairs.count - 1] = ("lang", language.rawValue) }
        return path + "?" + QueryString.make(pairs + extra)
    }

    /// The report as JSON for `ReportDraft.validate`: exactly what the API would receive.
    func draftJSON(category: String?, details: String?, isTarget: Bool, goodFaith: Bool) -> [String: Any] {
        var subject: [String: Any] = [:]
        subject["kind"] = subjectKind
        subject["id"] = subjectId
        subject["authorId"] = subjectAuthor
        var reporterObject: [String: Any] = [
            "id": reporter, "locale": language.rawValue, "ageBracket": age, "isTarget": isTarget,
        ]
        reporterObject["country"] = country
        var body: [String: Any] = [
            "surface": surface, "subject": subject, "reporter": reporterObject, "goodFaith": goodFaith,
        ]
        body["category"] = category
        body["details"] = details
        return body
    }

    /// Problems with the platform's URL itself (not the reporter's choices), checked with
    /// the API's own validation before the sheet is shown.
    func integrationErrors() -> [FieldError] {
        switch ReportDraft.validate(draftJSON(category: ReportCategory.other.rawValue, details: nil, isTarget: false, goodFaith: true)) {
        case .success: return []
        case .failure(let failure): return failure.errors
        }
    }
}
