import Foundation

/// Checks a statement of reasons against every rule of the DSA Transparency Database's
/// `POST /api/v1/statement` (docs/reference/dsa-notes.md §1.3), plus the rules the database
/// documents but does not enforce, which Relais enforces itself:
///
/// - at least one of `decision_visibility` (non-empty), `decision_monetary`,
///   `decision_provision`, `decision_account`;
/// - the "other" texts (`decision_visibility_other`, `decision_monetary_other`,
///   `content_type_other`) required with the OTHER value and refused without it (the database
///   would silently drop them, so what the user reads and what is published would differ);
/// - `decision_ground` required; with ILLEGAL the legal ground (≤ 500) and explanation
///   (≤ 2000) required and the INCOMPATIBLE fields refused, and the reverse;
///   `incompatible_content_illegal` only with INCOMPATIBLE;
/// - `content_type` a non-empty array; `category`, each `category_addition` and each
///   `category_specification` keyword from the database's lists;
/// - `territorial_scope` non-empty (the docs call it required; the code only tolerates its
///   absence) and within the 30 EU/EEA codes (Greece is GR, not EL);
/// - `content_language` one of the 184 UPPERCASE codes;
/// - dates written YYYY-MM-DD and real: `content_date` 2000-01-01…2038-01-01,
///   `application_date` 2020-01-01…2038-01-01, `content_date` not after `application_date`,
///   each `end_date_*` ≤ 2038-01-01, ≥ `application_date` (documented, not enforced by the
///   database) and only with the decision it ends;
/// - `decision_facts` non-empty, ≤ 5000; other texts ≤ 500; `source_identity` refused with
///   SOURCE_VOLUNTARY; `decision_ground_reference_url` an http(s) URL;
/// - `puid` ≤ 500 matching `^[a-zA-Z0-9-_]+$`;
/// - a guard against obvious personal data in the published texts (Art. 24(5)): e-mail
///   addresses and international phone numbers. It cannot prove the absence of personal
///   data; it catches the common slip.
///
/// Whitespace-only texts count as missing, as in the database (Laravel trims input).
/// Errors use the database's field names, with the index for array items
/// ("territorial_scope.2").
public enum StatementOfReasonsValidator {
    public enum Limits {
        public static let shortText = 500
        public static let explanation = 2000
        public static let decisionFacts = 5000
        public static let puid = 500
        public static let earliestContentDate = CalendarDay(year: 2000, month: 1, day: 1)!
        public static let earliestApplicationDate = CalendarDay(year: 2020, month: 1, day: 1)!
        public static let latestDate = CalendarDay(year: 2038, month: 1, day: 1)!
    }

    public static func validate(_ statement: StatementOfReasons) -> [FieldError] {
        var errors: [FieldError] = []
        func fail(_ field: String, _ message: String) { errors.append(FieldError(field, message)) }
        func isBlank(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        /// A text that must be present (`required`) or absent (`allowed == false`), with a limit.
        func text(_ field: String, _ value: String?, limit: Int, required: Bool, allowed: Bool = true, because condition: String = "") {
            if !allowed {
                if value != nil { fail(field, "is only accepted \(condition)") }
                return
            }
            if isBlank(value) {
                if required { fail(field, condition.isEmpty ? "is required" : "is required \(condition)") }
                else if value != nil { fail(field, "must not be empty when present") }
                return
            }
            if let value, value.count > limit { fail(field, "must be at most \(limit) characters (got \(value.count))") }
        }

        // The four decision fields: at least one.
        let visibility = statement.decisionVisibility ?? []
        if visibility.isEmpty && statement.decisionMonetary == nil && statement.decisionProvision == nil && statement.decisionAccount == nil {
            fail("decision_visibility", "is required when none of decision_monetary, decision_provision, decision_account is present")
        }
        text("decision_visibility_other", statement.decisionVisibilityOther, limit: Limits.shortText,
             required: visibility.contains(.other), allowed: visibility.contains(.other),
             because: "when decision_visibility contains DECISION_VISIBILITY_OTHER")
        let monetaryOther = statement.decisionMonetary == .other
        text("decision_monetary_other", statement.decisionMonetaryOther, limit: Limits.shortText,
             required: monetaryOther, allowed: monetaryOther, because: "when decision_monetary is DECISION_MONETARY_OTHER")

        // The ground and its texts.
        let illegal = statement.decisionGround == .illegalContent
        let incompatible = statement.decisionGround == .incompatibleContent
        if statement.decisionGround == nil { fail("decision_ground", "is required") }
        text("illegal_content_legal_ground", statement.illegalContentLegalGround, limit: Limits.shortText,
             required: illegal, allowed: illegal, because: "when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT")
        text("illegal_content_explanation", statement.illegalContentExplanation, limit: Limits.explanation,
             required: illegal, allowed: illegal, because: "when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT")
        text("incompatible_content_ground", statement.incompatibleContentGround, limit: Limits.shortText,
             required: incompatible, allowed: incompatible, because: "when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT")
        text("incompatible_content_explanation", statement.incompatibleContentExplanation, limit: Limits.explanation,
             required: incompatible, allowed: incompatible, because: "when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT")
        if statement.incompatibleContentIllegal != nil && !incompatible {
            fail("incompatible_content_illegal", "is only accepted when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT")
        }
        if let url = statement.decisionGroundReferenceUrl {
            text("decision_ground_reference_url", url, limit: Limits.shortText, required: false)
            if !ReportDraft.isWebURL(url) { fail("decision_ground_reference_url", "must be an absolute http or https URL") }
        }

        // What the content is.
        if statement.contentType.isEmpty { fail("content_type", "must list at least one content type") }
        let otherType = statement.contentType.contains(.other)
        text("content_type_other", statement.contentTypeOther, limit: Limits.shortText,
             required: otherType, allowed: otherType, because: "when content_type contains CONTENT_TYPE_OTHER")
        if let category = statement.category {
            if !categories.contains(category) { fail("category", "'\(category)' is not a Transparency Database category") }
        } else {
            fail("category", "is required")
        }
        for (index, code) in (statement.categoryAddition ?? []).enumerated() where !categories.contains(code) {
            fail("category_addition.\(index)", "'\(code)' is not a Transparency Database category")
        }
        for (index, keyword) in (statement.categorySpecification ?? []).enumerated() where !keywords.contains(keyword) {
            fail("category_specification.\(index)", "'\(keyword)' is not a Transparency Database keyword")
        }
        text("category_specification_other", statement.categorySpecificationOther, limit: Limits.shortText, required: false)
        if let language = statement.contentLanguage, !contentLanguages.contains(language) {
            fail("content_language", contentLanguages.contains(language.uppercased())
                ? "'\(language)' must be written in upper case ('\(language.uppercased())')"
                : "'\(language)' is not one of the database's ISO 639-1 language codes")
        }

        // Where.
        if statement.territorialScope.isEmpty {
            fail("territorial_scope", "must list at least one EU/EEA country (the database's documentation requires it)")
        }
        for (index, code) in statement.territorialScope.enumerated() where !CountryCode.euAndEEA.contains(code) {
            fail("territorial_scope.\(index)", code == "EL"
                ? "'EL' is not accepted: Greece is GR in territorial_scope"
                : "'\(code)' is not one of the 30 EU/EEA countries the database accepts")
        }

        // When.
        let contentDay = day("content_date", statement.contentDate, from: Limits.earliestContentDate, &errors)
        let applicationDay = day("application_date", statement.applicationDate, from: Limits.earliestApplicationDate, &errors)
        if let contentDay, let applicationDay, contentDay > applicationDay {
            fail("content_date", "must not be after application_date (\(applicationDay)): content cannot postdate its moderation")
        }
        let endDates: [(String, String?, Bool, String)] = [
            ("end_date_visibility_restriction", statement.endDateVisibilityRestriction, !visibility.isEmpty, "decision_visibility"),
            ("end_date_monetary_restriction", statement.endDateMonetaryRestriction, statement.decisionMonetary != nil, "decision_monetary"),
            ("end_date_service_restriction", statement.endDateServiceRestriction, statement.decisionProvision != nil, "decision_provision"),
            ("end_date_account_restriction", statement.endDateAccountRestriction, statement.decisionAccount != nil, "decision_account"),
        ]
        for (field, value, hasDecision, decisionField) in endDates {
            guard let value else { continue }
            if !hasDecision { fail(field, "is only accepted with \(decisionField)") }
            if let end = day(field, value, from: nil, &errors), let applicationDay, end < applicationDay {
                fail(field, "must be on or after application_date (\(applicationDay))")
            }
        }
        if statement.endDateAccountRestriction != nil && statement.decisionAccount == .terminated {
            fail("end_date_account_restriction", "a termination has no end date")
        }

        // Facts, source, automation, identifier.
        text("decision_facts", statement.decisionFacts, limit: Limits.decisionFacts, required: true)
        text("source_identity", statement.sourceIdentity, limit: Limits.shortText, required: false,
             allowed: statement.sourceType != .voluntary, because: "when source_type is not SOURCE_VOLUNTARY")
        if statement.puid.isEmpty {
            fail("puid", "is required")
        } else {
            if statement.puid.utf8.count > Limits.puid { fail("puid", "must be at most \(Limits.puid) characters (got \(statement.puid.utf8.count))") }
            if !ReportDraft.isIdentifier(statement.puid) { fail("puid", "must match ^[a-zA-Z0-9-_]+$ (letters, digits, '-' and '_')") }
        }

        // Published texts must not carry personal data (Art. 24(5)).
        let published: [(String, String?)] = [
            ("decision_facts", statement.decisionFacts),
            ("illegal_content_legal_ground", statement.illegalContentLegalGround),
            ("illegal_content_explanation", statement.illegalContentExplanation),
            ("incompatible_content_ground", statement.incompatibleContentGround),
            ("incompatible_content_explanation", statement.incompatibleContentExplanation),
            ("source_identity", statement.sourceIdentity),
            ("decision_visibility_other", statement.decisionVisibilityOther),
            ("decision_monetary_other", statement.decisionMonetaryOther),
            ("content_type_other", statement.contentTypeOther),
            ("category_specification_other", statement.categorySpecificationOther),
        ]
        for (field, value) in published {
            if let value, let kind = PersonalDataScreen.firstFinding(in: value) {
                fail(field, "seems to contain \(kind); the statement is published and must not contain personal data (DSA Art. 24(5))")
            }
        }
        return errors
    }

    /// Parses a statement date and checks its range; `nil` (with an error) when it fails.
    private static func day(_ field: String, _ text: String, from earliest: CalendarDay?, _ errors: inout [FieldError]) -> CalendarDay? {
        guard let day = CalendarDay(text) else {
            errors.append(FieldError(field, "'\(text)' does not match the format YYYY-MM-DD"))
            return nil
        }
        if let earliest, day < earliest { errors.append(FieldError(field, "must be on or after \(earliest)")) }
        if day > Limits.latestDate { errors.append(FieldError(field, "must be on or before \(Limits.latestDate)")) }
        return day
    }

    /// `category` values (16), from Tests/Fixtures/reference/dsa-sor-enums.json.
    public static let categories: Set<String> = [
        "STATEMENT_CATEGORY_ANIMAL_WELFARE", "STATEMENT_CATEGORY_CONSUMER_INFORMATION", "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN", "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
        "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS", "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
        "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_SELF_HARM", "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
        "STATEMENT_CATEGORY_VIOLENCE",
    ]

    /// `category_specification` keywords (69), from Tests/Fixtures/reference/dsa-sor-enums.json.
    public static let keywords: Set<String> = [
        "KEYWORD_ADULT_SEXUAL_MATERIAL", "KEYWORD_AGE_SPECIFIC_RESTRICTIONS", "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS",
        "KEYWORD_ANIMAL_HARM", "KEYWORD_BIOMETRIC_DATA_BREACH", "KEYWORD_BULLYING_AGAINST_GIRLS",
        "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL", "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE", "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS",
        "KEYWORD_COORDINATED_HARM", "KEYWORD_COPYRIGHT_INFRINGEMENT", "KEYWORD_CYBER_BULLYING_INTIMIDATION",
        "KEYWORD_CYBER_HARASSMENT", "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN", "KEYWORD_CYBER_INCITEMENT",
        "KEYWORD_CYBER_STALKING", "KEYWORD_CYBER_STALKING_AGAINST_WOMEN", "KEYWORD_DATA_FALSIFICATION",
        "KEYWORD_DEFAMATION", "KEYWORD_DESIGN_INFRINGEMENT", "KEYWORD_DISCRIMINATION",
        "KEYWORD_FEMALE_GENDERED_DISINFORMATION", "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT", "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
        "KEYWORD_GOODS_SERVICES_NOT_PERMITTED", "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS", "KEYWORD_HATE_SPEECH",
        "KEYWORD_HIDDEN_ADVERTISEMENT", "KEYWORD_HUMAN_EXPLOITATION", "KEYWORD_HUMAN_TRAFFICKING",
        "KEYWORD_ILLEGAL_ORGANIZATIONS", "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING", "KEYWORD_INAUTHENTIC_ACCOUNTS",
        "KEYWORD_INAUTHENTIC_LISTINGS", "KEYWORD_INAUTHENTIC_USER_REVIEWS", "KEYWORD_INCITEMENT_AGAINST_WOMEN",
        "KEYWORD_INCITEMENT_VIOLENCE_HATRED", "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS", "KEYWORD_LANGUAGE_REQUIREMENTS",
        "KEYWORD_MISINFORMATION_DISINFORMATION", "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS", "KEYWORD_MISLEADING_INFO_GOODS_SERVICES",
        "KEYWORD_MISSING_PROCESSING_GROUND", "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING", "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN",
        "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN", "KEYWORD_NONCOMPLIANCE_PRICING",
        "KEYWORD_NUDITY", "KEYWORD_PATENT_INFRINGEMENT", "KEYWORD_PHISHING",
        "KEYWORD_PROHIBITED_PRODUCTS", "KEYWORD_PYRAMID_SCHEMES", "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
        "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE", "KEYWORD_RISK_PUBLIC_HEALTH", "KEYWORD_SELF_MUTILATION",
        "KEYWORD_STALKING", "KEYWORD_SUICIDE", "KEYWORD_TERRORIST_CONTENT",
        "KEYWORD_TRADE_SECRET_INFRINGEMENT", "KEYWORD_TRADEMARK_INFRINGEMENT", "KEYWORD_TRAFFICKING_WOMEN_GIRLS",
        "KEYWORD_UNLAWFUL_SALE_ANIMALS", "KEYWORD_UNSAFE_CHALLENGES", "KEYWORD_UNSAFE_PRODUCTS",
        "KEYWORD_VIOLATION_EU_LAW", "KEYWORD_VIOLATION_NATIONAL_LAW", "KEYWORD_OTHER",
    ]

    /// `content_language` codes (184, UPPERCASE ISO 639-1), from Tests/Fixtures/reference/dsa-sor-enums.json.
    public static let contentLanguages: Set<String> = [
        "AB", "AA", "AF", "AK", "SQ", "AM", "AR", "AN", "HY", "AS", "AV", "AE", "AY", "AZ", "BM", "BA",
        "EU", "BE", "BN", "BH", "BI", "BS", "BR", "BG", "MY", "CA", "KM", "CH", "CE", "NY", "ZH", "CU",
        "CV", "KW", "CO", "CR", "HR", "CS", "DA", "DV", "NL", "DZ", "EN", "EO", "ET", "EE", "FO", "FJ",
        "FI", "FR", "FF", "GD", "GL", "LG", "KA", "DE", "KI", "EL", "KL", "GN", "GU", "HT", "HA", "HE",
        "HZ", "HI", "HO", "HU", "IS", "IO", "IG", "ID", "IA", "IE", "IU", "IK", "GA", "IT", "JA", "JV",
        "KN", "KR", "KS", "KK", "RW", "KV", "KG", "KO", "KJ", "KU", "KY", "LO", "LA", "LV", "LB", "LI",
        "LN", "LT", "LU", "MK", "MG", "MS", "ML", "MT", "GV", "MI", "MR", "MH", "RO", "MN", "NA", "NV",
        "ND", "NG", "NE", "SE", "NO", "NB", "NN", "II", "OC", "OJ", "OR", "OM", "OS", "PI", "PA", "PS",
        "FA", "PL", "PT", "QU", "RM", "RN", "RU", "SM", "SG", "SA", "SC", "SR", "SN", "SD", "SI", "SK",
        "SL", "SO", "ST", "NR", "ES", "SU", "SW", "SS", "SV", "TL", "TY", "TG", "TA", "TT", "TE", "TH",
        "BO", "TI", "TO", "TS", "TN", "TR", "TK", "TW", "UG", "UK", "UR", "UZ", "VE", "VI", "VO", "WA",
        "CY", "FY", "WO", "XH", "YI", "YO", "ZA", "ZU",
    ]
}

/// Spots the most common personal data slipped into free text: e-mail addresses and phone
/// numbers written in international form. A heuristic guard, not a proof of absence.
enum PersonalDataScreen {
    static func firstFinding(in text: String) -> String? {
        if text.contains("@"), let email = try? Regex(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#),
            text.contains(email)
        {
            return "an e-mail address"
        }
        if text.contains("+"), let phone = try? Regex(#"\+[0-9][0-9 .\-]{6,}[0-9]"#), text.contains(phone) {
            return "a phone number"
        }
        return nil
    }
}
