import Foundation

/// A complaint as `POST /v1/appeals` receives it, validated: which decision, who contests it
/// (the platform's user id, checked against the case by the store), and in their words why.
public struct AppealRequest: Sendable, Equatable, Codable {
    public var decisionId: String
    public var party: AppealParty
    public var userId: String
    public var explanation: String
    /// The language the appellant is answered in ("fr", "de"…): the texts Relais shows them.
    public var language: String

    public init(decisionId: String, party: AppealParty, userId: String, explanation: String, language: String = "en") {
        self.decisionId = decisionId
        self.party = party
        self.userId = userId
        self.explanation = explanation
        self.language = language
    }

    public enum Limits {
        public static let explanationLength = 5000
        public static let idLength = 200
    }

    /// The languages of the help card, which are those of Relais's pages (the appeal page's too).
    public static var languages: [String] { SupportTexts.all.map(\.language) }

    /// Every field error at once, in the API's field names.
    public static func validate(json: Any) -> Result<AppealRequest, ValidationFailure> {
        guard let body = json as? [String: Any] else {
            return .failure(ValidationFailure([FieldError("body", "must be a JSON object")]))
        }
        var r = FieldReader(body)
        let decisionId = r.string("decisionId", required: true, maxLength: 64)
        let party = r.oneOf("party", required: true, AppealParty.self)
        let userId = r.string("userId", required: true, maxLength: Limits.idLength)
        let explanation = r.string("explanation", required: true, maxLength: Limits.explanationLength)
        let language = r.string("language", required: false, maxLength: 8) ?? "en"
        if !languages.contains(language) { r.fail("language", "'\(language)' is not one of: " + languages.joined(separator: ", ")) }
        if let explanation, explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            r.fail("explanation", "must say why the decision is wrong")
        }
        guard r.errors.isEmpty, let decisionId, let party, let userId, let explanation else {
            return .failure(ValidationFailure(r.errors))
        }
        return .success(AppealRequest(decisionId: decisionId, party: party, userId: userId, explanation: explanation, language: language))
    }
}
