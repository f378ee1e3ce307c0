import Foundation
import Testing

@testable import RelaisCore

/// Report categories: API ids, the harassment family, urgency, and the DSA codes they map to.
@Suite("Categories")
struct CategoryTests {
    /// `category` values of the DSA Transparency Database, copied from
    /// Tests/Fixtures/reference/dsa-sor-enums.json (16 values).
    static let dsaCategories: Set<String> = [
        "STATEMENT_CATEGORY_ANIMAL_WELFARE",
        "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
        "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
        "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
        "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
        "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
        "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
        "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
        "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
        "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        "STATEMENT_CATEGORY_SELF_HARM",
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
        "STATEMENT_CATEGORY_VIOLENCE",
    ]

    /// `transparency_report_category_hierarchy_2024_2835`: the keywords under each category,
    /// copied from Tests/Fixtures/reference/dsa-sor-enums.json.
    static let hierarchy: [String: Set<String>] = [
        "STATEMENT_CATEGORY_ANIMAL_WELFARE": ["KEYWORD_ANIMAL_HARM", "KEYWORD_UNLAWFUL_SALE_ANIMALS", "KEYWORD_OTHER"],
        "STATEMENT_CATEGORY_CONSUMER_INFORMATION": [
            "KEYWORD_HIDDEN_ADVERTISEMENT", "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS", "KEYWORD_MISLEADING_INFO_GOODS_SERVICES",
            "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS", "KEYWORD_NONCOMPLIANCE_PRICING", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_CYBER_VIOLENCE": [
            "KEYWORD_CYBER_BULLYING_INTIMIDATION", "KEYWORD_CYBER_HARASSMENT", "KEYWORD_CYBER_INCITEMENT", "KEYWORD_CYBER_STALKING",
            "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN": [
            "KEYWORD_BULLYING_AGAINST_GIRLS", "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN", "KEYWORD_CYBER_STALKING_AGAINST_WOMEN",
            "KEYWORD_FEMALE_GENDERED_DISINFORMATION", "KEYWORD_INCITEMENT_AGAINST_WOMEN",
            "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN",
            "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS": [
            "KEYWORD_BIOMETRIC_DATA_BREACH", "KEYWORD_DATA_FALSIFICATION", "KEYWORD_MISSING_PROCESSING_GROUND",
            "KEYWORD_RIGHT_TO_BE_FORGOTTEN", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH": ["KEYWORD_DEFAMATION", "KEYWORD_DISCRIMINATION", "KEYWORD_HATE_SPEECH", "KEYWORD_OTHER"],
        "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS": [
            "KEYWORD_COPYRIGHT_INFRINGEMENT", "KEYWORD_DESIGN_INFRINGEMENT", "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT",
            "KEYWORD_PATENT_INFRINGEMENT", "KEYWORD_TRADE_SECRET_INFRINGEMENT", "KEYWORD_TRADEMARK_INFRINGEMENT", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS": [
            "KEYWORD_MISINFORMATION_DISINFORMATION", "KEYWORD_VIOLATION_EU_LAW", "KEYWORD_VIOLATION_NATIONAL_LAW", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_PROTECTION_OF_MINORS": [
            "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS", "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
            "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE", "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS", "KEYWORD_UNSAFE_CHALLENGES",
            "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY": [
            "KEYWORD_ILLEGAL_ORGANIZATIONS", "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE", "KEYWORD_RISK_PUBLIC_HEALTH",
            "KEYWORD_TERRORIST_CONTENT", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD": [
            "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING", "KEYWORD_INAUTHENTIC_ACCOUNTS", "KEYWORD_INAUTHENTIC_LISTINGS",
            "KEYWORD_INAUTHENTIC_USER_REVIEWS", "KEYWORD_PHISHING", "KEYWORD_PYRAMID_SCHEMES", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_SELF_HARM": [
            "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS", "KEYWORD_SELF_MUTILATION", "KEYWORD_SUICIDE", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS": ["KEYWORD_PROHIBITED_PRODUCTS", "KEYWORD_UNSAFE_PRODUCTS", "KEYWORD_OTHER"],
        "STATEMENT_CATEGORY_VIOLENCE": [
            "KEYWORD_COORDINATED_HARM", "KEYWORD_INCITEMENT_VIOLENCE_HATRED", "KEYWORD_HUMAN_EXPLOITATION",
            "KEYWORD_HUMAN_TRAFFICKING", "KEYWORD_TRAFFICKING_WOMEN_GIRLS", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_OTHER_VIOLATION_TC": [
            "KEYWORD_ADULT_SEXUAL_MATERIAL", "KEYWORD_AGE_SPECIFIC_RESTRICTIONS", "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
            "KEYWORD_GOODS_SERVICES_NOT_PERMITTED", "KEYWORD_LANGUAGE_REQUIREMENTS", "KEYWORD_NUDITY", "KEYWORD_OTHER",
        ],
        "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE": [],
    ]

    @Test("the copied lists have the reference file's sizes")
    func referenceSizes() {
        #expect(Self.dsaCategories.count == 16)
        #expect(Set(Self.hierarchy.keys) == Self.dsaCategories)
    }

    @Test("every dsaCategory is one of the 16 DSA values", arguments: ReportCategory.allCases)
    func dsaCategory(_ category: ReportCategory) {
        #expect(Self.dsaCategories.contains(category.dsaCategory))
    }

    @Test("every dsaKeywords entry is a child of the category in the 2024/2835 hierarchy", arguments: ReportCategory.allCases)
    func dsaKeywords(_ category: ReportCategory) throws {
        let children = try #require(Self.hierarchy[category.dsaCategory])
        for keyword in category.dsaKeywords {
            #expect(children.contains(keyword), "\(keyword) is not under \(category.dsaCategory)")
        }
        #expect(Set(category.dsaKeywords).count == category.dsaKeywords.count)
    }

    @Test("additional DSA categories are valid and differ from the main one", arguments: ReportCategory.allCases)
    func additionalCategories(_ category: ReportCategory) {
        for extra in category.dsaAdditionalCategories {
            #expect(Self.dsaCategories.contains(extra))
            #expect(extra != category.dsaCategory)
        }
    }

    @Test("the mapping for the categories the help card is about")
    func mapping() {
        #expect(ReportCategory.harassment.dsaCategory == "STATEMENT_CATEGORY_CYBER_VIOLENCE")
        #expect(ReportCategory.harassment.dsaKeywords.contains("KEYWORD_CYBER_HARASSMENT"))
        #expect(ReportCategory.hate.dsaKeywords == ["KEYWORD_HATE_SPEECH"])
        #expect(ReportCategory.grooming.dsaCategory == "STATEMENT_CATEGORY_PROTECTION_OF_MINORS")
        #expect(ReportCategory.grooming.dsaKeywords == ["KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS"])
        #expect(ReportCategory.selfHarm.dsaCategory == "STATEMENT_CATEGORY_SELF_HARM")
        #expect(ReportCategory.threat.dsaCategory == "STATEMENT_CATEGORY_VIOLENCE")
        #expect(ReportCategory.threat.dsaAdditionalCategories == ["STATEMENT_CATEGORY_CYBER_VIOLENCE"])
        #expect(ReportCategory.other.dsaCategory == "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE")
        #expect(ReportCategory.other.dsaKeywords.isEmpty)
    }

    @Test("the API ids are stable")
    func rawValues() {
        #expect(
            ReportCategory.allCases.map(\.rawValue) == [
                "harassment", "hate", "threat", "intimate_images", "sextortion", "doxxing", "impersonation", "grooming",
                "self_harm", "scam", "spam", "other",
            ])
        #expect(AgeBracket.allCases.map(\.rawValue) == ["under13", "13-17", "18+", "unknown"])
    }

    @Test("the harassment family, urgency and whether the card is shown", arguments: ReportCategory.allCases)
    func family(_ category: ReportCategory) {
        let family: Set<ReportCategory> = [.harassment, .hate, .threat, .intimateImages, .sextortion, .doxxing, .impersonation]
        #expect(category.isHarassmentFamily == family.contains(category))
        let expected: SupportUrgency? =
            switch category {
            case .threat: .emergencyFirst
            case .selfHarm: .suicidePrevention
            case .grooming: .childProtection
            case .scam, .spam, .other: nil
            default: .standard
            }
        #expect(category.supportUrgency == expected)
        #expect(category.triggersSupport == ![.scam, .spam, .other].contains(category))
        #expect(!category.summary.isEmpty)
    }

    @Test("summaries are distinct")
    func summaries() {
        #expect(Set(ReportCategory.allCases.map(\.summary)).count == ReportCategory.allCases.count)
    }

    @Test("categories encode as their API ids")
    func codable() throws {
        let data = try JSONEncoder().encode([ReportCategory.intimateImages, .selfHarm])
        #expect(String(decoding: data, as: UTF8.self) == #"["intimate_images","self_harm"]"#)
        #expect(try JSONDecoder().decode([ReportCategory].self, from: data) == [.intimateImages, .selfHarm])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ReportCategory].self, from: Data(#"["selfHarm"]"#.utf8)) }
    }

    @Test("who may be a minor: every bracket but 18+")
    func mayBeMinor() {
        #expect(AgeBracket.under13.mayBeMinor)
        #expect(AgeBracket.teen.mayBeMinor)
        #expect(AgeBracket.unknown.mayBeMinor)
        #expect(!AgeBracket.adult.mayBeMinor)
        #expect(AgeBracket.under13.ageRange == 0...12)
        #expect(AgeBracket.teen.ageRange == 13...17)
        #expect(AgeBracket.unknown.ageRange == nil)
    }
}
