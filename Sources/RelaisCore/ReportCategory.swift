/// What a person can report, with the ids the API uses.
///
/// Each category maps to the EU DSA Transparency Database codes (statement `category` and
/// `category_specification` keywords, see `Tests/Fixtures/reference/dsa-sor-enums.json`) and says
/// whether it triggers the help card. Where a Relais category could fall under several DSA
/// categories, the more specific one wins (grooming is "protection of minors", not
/// "cyber violence").
public enum ReportCategory: String, CaseIterable, Codable, Sendable, Hashable {
    case harassment
    case hate
    case threat
    case intimateImages = "intimate_images"
    case sextortion
    case doxxing
    case impersonation
    case grooming
    case selfHarm = "self_harm"
    case scam
    case spam
    case other

    /// Plain-English description, for documentation and error messages.
    public var summary: String {
        switch self {
        case .harassment: "Harassment or bullying"
        case .hate: "Hate speech"
        case .threat: "Threats or violence"
        case .intimateImages: "Non-consensual intimate images"
        case .sextortion: "Sextortion"
        case .doxxing: "Private information exposed"
        case .impersonation: "Impersonation"
        case .grooming: "Sexual contact with a minor"
        case .selfHarm: "Self-harm or suicide"
        case .scam: "Scam or fraud"
        case .spam: "Spam"
        case .other: "Something else"
        }
    }

    /// The harassment family: the reports after which the 3018-style help card is shown
    /// (MISSION.md: Meta and TikTok show the 3018 after "harassment" / "hate and harassment").
    public var isHarassmentFamily: Bool {
        switch self {
        case .harassment, .hate, .threat, .intimateImages, .sextortion, .doxxing, .impersonation: true
        default: false
        }
    }

    /// How a category shapes the help card. `nil`: no card.
    public var supportUrgency: SupportUrgency? {
        switch self {
        case .threat: .emergencyFirst
        case .selfHarm: .suicidePrevention
        case .grooming: .childProtection
        case .harassment, .hate, .intimateImages, .sextortion, .doxxing, .impersonation: .standard
        case .scam, .spam, .other: nil
        }
    }

    public var triggersSupport: Bool { supportUrgency != nil }

    /// DSA Transparency Database `category` (STATEMENT_CATEGORY_*).
    public var dsaCategory: String {
        switch self {
        case .harassment, .intimateImages, .sextortion: "STATEMENT_CATEGORY_CYBER_VIOLENCE"
        case .hate: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
        case .threat: "STATEMENT_CATEGORY_VIOLENCE"
        case .doxxing: "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS"
        case .impersonation, .scam: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"
        case .grooming: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"
        case .selfHarm: "STATEMENT_CATEGORY_SELF_HARM"
        case .spam: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
        case .other: "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE"
        }
    }

    /// DSA Transparency Database `category_specification` keywords (KEYWORD_*), each a
    /// child of `dsaCategory` in the 2024/2835 hierarchy. Empty where no keyword fits.
    public var dsaKeywords: [String] {
        switch self {
        case .harassment: ["KEYWORD_CYBER_HARASSMENT", "KEYWORD_CYBER_BULLYING_INTIMIDATION"]
        case .hate: ["KEYWORD_HATE_SPEECH"]
        case .threat: []
        case .intimateImages, .sextortion: ["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"]
        case .doxxing: []
        case .impersonation: ["KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING"]
        case .grooming: ["KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS"]
        case .selfHarm: ["KEYWORD_SUICIDE", "KEYWORD_SELF_MUTILATION"]
        case .scam, .spam, .other: []
        }
    }

    /// Extra DSA categories (`category_addition`) that also describe the report.
    public var dsaAdditionalCategories: [String] {
        switch self {
        case .doxxing, .threat: ["STATEMENT_CATEGORY_CYBER_VIOLENCE"]
        default: []
        }
    }
}

/// How a category orders the help card.
public enum SupportUrgency: String, Sendable, Codable {
    /// The youth online-harm helpline first (the 3018 in France).
    case standard
    /// Threats of violence: the emergency number first.
    case emergencyFirst = "emergency_first"
    /// Self-harm: the suicide-prevention line first, always shown.
    case suicidePrevention = "suicide_prevention"
    /// Grooming: the child-protection line and the youth helpline.
    case childProtection = "child_protection"
}
