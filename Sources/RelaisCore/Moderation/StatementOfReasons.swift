import Foundation

/// A statement of reasons (DSA Art. 17) in the exact shape of the EU DSA Transparency
/// Database's `POST /api/v1/statement` body: its JSON encoding uses the database's field
/// names and enum keys (docs/reference/dsa-notes.md §1.3–1.4), and leaves out every field
/// that is `nil`, which the database reads as null.
///
/// Closed sets that Relais itself produces are Swift enums whose raw values are the database
/// keys. Codes that come from outside or from configuration (category, keywords, countries,
/// language) and dates stay strings, so that `StatementOfReasonsValidator` is the one place
/// that decides whether they are acceptable, including for statements read back from storage.
public struct StatementOfReasons: Sendable, Codable, Equatable {
    public enum VisibilityDecision: String, CaseIterable, Codable, Sendable, Comparable {
        case contentRemoved = "DECISION_VISIBILITY_CONTENT_REMOVED"
        case contentDisabled = "DECISION_VISIBILITY_CONTENT_DISABLED"
        case contentDemoted = "DECISION_VISIBILITY_CONTENT_DEMOTED"
        case contentAgeRestricted = "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"
        case contentInteractionRestricted = "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED"
        case contentLabelled = "DECISION_VISIBILITY_CONTENT_LABELLED"
        case other = "DECISION_VISIBILITY_OTHER"
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    public enum MonetaryDecision: String, CaseIterable, Codable, Sendable {
        case suspension = "DECISION_MONETARY_SUSPENSION"
        case termination = "DECISION_MONETARY_TERMINATION"
        case other = "DECISION_MONETARY_OTHER"
    }

    public enum ProvisionDecision: String, CaseIterable, Codable, Sendable {
        case partialSuspension = "DECISION_PROVISION_PARTIAL_SUSPENSION"
        case totalSuspension = "DECISION_PROVISION_TOTAL_SUSPENSION"
        case partialTermination = "DECISION_PROVISION_PARTIAL_TERMINATION"
        case totalTermination = "DECISION_PROVISION_TOTAL_TERMINATION"
    }

    public enum AccountDecision: String, CaseIterable, Codable, Sendable {
        case suspended = "DECISION_ACCOUNT_SUSPENDED"
        case terminated = "DECISION_ACCOUNT_TERMINATED"
    }

    public enum AccountType: String, CaseIterable, Codable, Sendable {
        case business = "ACCOUNT_TYPE_BUSINESS"
        case `private` = "ACCOUNT_TYPE_PRIVATE"
    }

    public enum DecisionGround: String, CaseIterable, Codable, Sendable {
        case illegalContent = "DECISION_GROUND_ILLEGAL_CONTENT"
        case incompatibleContent = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    }

    public enum ContentType: String, CaseIterable, Codable, Sendable, Comparable {
        case app = "CONTENT_TYPE_APP"
        case audio = "CONTENT_TYPE_AUDIO"
        case image = "CONTENT_TYPE_IMAGE"
        case product = "CONTENT_TYPE_PRODUCT"
        case syntheticMedia = "CONTENT_TYPE_SYNTHETIC_MEDIA"
        case text = "CONTENT_TYPE_TEXT"
        case video = "CONTENT_TYPE_VIDEO"
        case other = "CONTENT_TYPE_OTHER"
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    public enum SourceType: String, CaseIterable, Codable, Sendable {
        case article16 = "SOURCE_ARTICLE_16"
        case trustedFlagger = "SOURCE_TRUSTED_FLAGGER"
        /// Spelled `SOURCE_TYPE_…` in the database, unlike the other three.
        case otherNotification = "SOURCE_TYPE_OTHER_NOTIFICATION"
        case voluntary = "SOURCE_VOLUNTARY"
    }

    public enum AutomatedDecision: String, CaseIterable, Codable, Sendable {
        case fully = "AUTOMATED_DECISION_FULLY"
        case partially = "AUTOMATED_DECISION_PARTIALLY"
        case notAutomated = "AUTOMATED_DECISION_NOT_AUTOMATED"
    }

    /// `automated_detection` and `incompatible_content_illegal` take these literal strings.
    public enum YesNo: String, CaseIterable, Codable, Sendable {
        case yes = "Yes"
        case no = "No"
        public init(_ flag: Bool) { self = flag ? .yes : .no }
    }

    public var decisionVisibility: [VisibilityDecision]?
    public var decisionVisibilityOther: String?
    public var endDateVisibilityRestriction: String?
    public var decisionMonetary: MonetaryDecision?
    public var decisionMonetaryOther: String?
    public var endDateMonetaryRestriction: String?
    public var decisionProvision: ProvisionDecision?
    public var endDateServiceRestriction: String?
    public var decisionAccount: AccountDecision?
    public var endDateAccountRestriction: String?
    public var accountType: AccountType?
    /// Required by the database; optional here so that the validator, not a crash, reports a
    /// restriction decided without a ground.
    public var decisionGround: DecisionGround?
    public var decisionGroundReferenceUrl: String?
    public var illegalContentLegalGround: String?
    public var illegalContentExplanation: String?
    public var incompatibleContentGround: String?
    public var incompatibleContentExplanation: String?
    public var incompatibleContentIllegal: YesNo?
    public var contentType: [ContentType]
    public var contentTypeOther: String?
    /// Required; optional for the same reason as `decisionGround` (a case with no category).
    public var category: String?
    public var categoryAddition: [String]?
    public var categorySpecification: [String]?
    public var categorySpecificationOther: String?
    public var territorialScope: [String]
    public var contentLanguage: String?
    public var contentDate: String
    public var applicationDate: String
    public var decisionFacts: String
    public var sourceType: SourceType
    public var sourceIdentity: String?
    public var automatedDetection: YesNo
    public var automatedDecision: AutomatedDecision
    public var puid: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case decisionVisibility = "decision_visibility"
        case decisionVisibilityOther = "decision_visibility_other"
        case endDateVisibilityRestriction = "end_date_visibility_restriction"
        case decisionMonetary = "decision_monetary"
        case decisionMonetaryOther = "decision_monetary_other"
        case endDateMonetaryRestriction = "end_date_monetary_restriction"
        case decisionProvision = "decision_provision"
        case endDateServiceRestriction = "end_date_service_restriction"
        case decisionAccount = "decision_account"
        case endDateAccountRestriction = "end_date_account_restriction"
        case accountType = "account_type"
        case decisionGround = "decision_ground"
        case decisionGroundReferenceUrl = "decision_ground_reference_url"
        case illegalContentLegalGround = "illegal_content_legal_ground"
        case illegalContentExplanation = "illegal_content_explanation"
        case incompatibleContentGround = "incompatible_content_ground"
        case incompatibleContentExplanation = "incompatible_content_explanation"
        case incompatibleContentIllegal = "incompatible_content_illegal"
        case contentType = "content_type"
        case contentTypeOther = "content_type_other"
        case category
        case categoryAddition = "category_addition"
        case categorySpecification = "category_specification"
        case categorySpecificationOther = "category_specification_other"
        case territorialScope = "territorial_scope"
        case contentLanguage = "content_language"
        case contentDate = "content_date"
        case applicationDate = "application_date"
        case decisionFacts = "decision_facts"
        case sourceType = "source_type"
        case sourceIdentity = "source_identity"
        case automatedDetection = "automated_detection"
        case automatedDecision = "automated_decision"
        case puid
    }

    /// Every field name this type can write, which are all Transparency Database fields.
    public static let fieldNames: [String] = CodingKeys.allCases.map(\.rawValue)

    public init(
        decisionGround: DecisionGround?, contentType: [ContentType], category: String?, territorialScope: [String],
        contentDate: String, applicationDate: String, decisionFacts: String, sourceType: SourceType,
        automatedDetection: YesNo, automatedDecision: AutomatedDecision, puid: String
    ) {
        self.decisionGround = decisionGround
        self.contentType = contentType
        self.category = category
        self.territorialScope = territorialScope
        self.contentDate = contentDate
        self.applicationDate = applicationDate
        self.decisionFacts = decisionFacts
        self.sourceType = sourceType
        self.automatedDetection = automatedDetection
        self.automatedDecision = automatedDecision
        self.puid = puid
    }

    /// The JSON body for the database: keys sorted so that the same statement always gives
    /// the same bytes (for idempotent retries and audit hashes).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    // MARK: - Mapping a decision

    /// The statement for a decision on a case, or `nil` when no statement is due.
    ///
    /// `nil` for no action: Art. 17(1) requires a statement for restrictions only, and the
    /// database needs at least one decision field, so there is nothing honest to send (the
    /// reporter is still told the outcome, under Art. 16(5)). The result is not validated:
    /// use `ModerationRules.statement`, which refuses a decision whose statement would be
    /// invalid.
    public static func make(for decision: Decision, case facts: CaseFacts, now: Date) -> StatementOfReasons? {
        guard !decision.isNoAction else { return nil }
        let restrictions = decision.restrictions
        let applicationDay = CalendarDay(now)

        var statement = StatementOfReasons(
            decisionGround: decision.ground.map(decisionGround(for:)),
            contentType: contentTypes(for: facts),
            category: facts.primaryCategory?.dsaCategory,
            territorialScope: territorialScope(decision.territorialScope),
            contentDate: contentDay(facts, applicationDay: applicationDay).description,
            applicationDate: applicationDay.description,
            decisionFacts: trimmed(decision.facts) ?? "",
            sourceType: sourceType(for: facts),
            automatedDetection: YesNo(decision.automatedDetection),
            automatedDecision: automatedDecision(for: decision.automatedDecision),
            puid: puid(caseId: facts.caseId, decisionNumber: facts.priorDecisionCount + 1))

        let visibility = Set(restrictions.compactMap(visibilityDecision(for:))).sorted()
        let endDate = decision.endDate?.description
        if !visibility.isEmpty {
            statement.decisionVisibility = visibility
            statement.endDateVisibilityRestriction = endDate
        }
        if restrictions.contains(.monetarySuspended) {
            statement.decisionMonetary = .suspension
            statement.endDateMonetaryRestriction = endDate
        }
        if restrictions.contains(.serviceSuspended) {
            // The API has one "service suspended"; partial limits on features are expressed
            // with interaction_restricted, so this is the total suspension of the service.
            statement.decisionProvision = .totalSuspension
            statement.endDateServiceRestriction = endDate
        }
        if restrictions.contains(.accountTerminated) {
            // A termination is permanent: its end date stays null whatever endDate says
            // (the end date then belongs to the other, temporary, restrictions).
            statement.decisionAccount = .terminated
        } else if restrictions.contains(.accountSuspended) {
            statement.decisionAccount = .suspended
            statement.endDateAccountRestriction = endDate
        }

        switch decision.ground {
        case .illegal:
            statement.illegalContentLegalGround = trimmed(decision.legalGround)
            statement.illegalContentExplanation = trimmed(decision.explanation)
        case .incompatible:
            statement.incompatibleContentGround = trimmed(decision.termsClause)
            statement.incompatibleContentExplanation = trimmed(decision.explanation)
        case nil:
            break
        }

        if statement.contentType.contains(.other) {
            statement.contentTypeOther = facts.subjectKind == .account ? "User account" : "Content of a kind the platform did not specify"
        }
        let additions = categoryAdditions(for: facts)
        statement.categoryAddition = additions.isEmpty ? nil : additions
        let keywords = Set(facts.categories.flatMap(\.dsaKeywords)).sorted()
        statement.categorySpecification = keywords.isEmpty ? nil : keywords
        statement.contentLanguage = facts.contentLanguage.flatMap(contentLanguage(forTag:))
        if statement.sourceType == .trustedFlagger {
            let names = Set(facts.reports.filter(\.isTrustedFlagger).compactMap { trimmed($0.trustedFlaggerName) }).sorted()
            statement.sourceIdentity = names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return statement
    }

    static func decisionGround(for ground: Decision.Ground) -> DecisionGround {
        switch ground {
        case .illegal: .illegalContent
        case .incompatible: .incompatibleContent
        }
    }

    static func automatedDecision(for automation: Decision.Automation) -> AutomatedDecision {
        switch automation {
        case .fully: .fully
        case .partially: .partially
        case .notAutomated: .notAutomated
        }
    }

    static func visibilityDecision(for restriction: Decision.Restriction) -> VisibilityDecision? {
        switch restriction {
        case .contentRemoved: .contentRemoved
        case .contentDisabled: .contentDisabled
        case .contentDemoted: .contentDemoted
        case .contentAgeRestricted: .contentAgeRestricted
        case .interactionRestricted: .contentInteractionRestricted
        case .contentLabelled: .contentLabelled
        case .accountSuspended, .accountTerminated, .serviceSuspended, .monetarySuspended: nil
        }
    }

    /// The content types: what the platform said, else from the subject kind. Posts,
    /// comments, messages and stories are text unless told otherwise (Relais receives their
    /// text snapshot); a live is video; an account, or a kind the platform did not name, is
    /// "other" with a short description, because the database has no account type and
    /// guessing "text" or "image" for a profile would be false.
    public static func contentTypes(for facts: CaseFacts) -> [ContentType] {
        if let given = facts.contentTypes, !given.isEmpty { return Set(given).sorted() }
        switch facts.subjectKind {
        case .post, .comment, .message, .story: return [.text]
        case .live: return [.video]
        case .account, .other: return [.other]
        }
    }

    /// Notices from a trusted flagger are Art. 16 notices too, but the database wants them
    /// tagged as such; a case no notice started is the platform's own initiative.
    public static func sourceType(for facts: CaseFacts) -> SourceType {
        if facts.hasTrustedFlaggerReport { return .trustedFlagger }
        if !facts.reports.isEmpty { return .article16 }
        return .voluntary
    }

    /// Sorted and without repeats, as the database stores it.
    static func territorialScope(_ codes: [CountryCode]) -> [String] { Set(codes.map(\.rawValue)).sorted() }

    /// The content's day: when it was posted (or the account created); when the platform did
    /// not say, the first report's day, since the content existed by then and the database
    /// requires a date. A posting time after the decision (a platform clock ahead) is
    /// brought back to the decision day, as content cannot postdate its moderation.
    static func contentDay(_ facts: CaseFacts, applicationDay: CalendarDay) -> CalendarDay {
        let instant = facts.contentCreatedAt ?? facts.reports.map(\.receivedAt).min() ?? facts.openedAt
        return min(CalendarDay(instant), applicationDay)
    }

    /// Additional categories: those the primary category implies (a threat is also cyber
    /// violence) and those of the other reported categories. "Not specified" says nothing
    /// next to a specific category, so it is left out; the primary category itself is
    /// removed, as the database does.
    static func categoryAdditions(for facts: CaseFacts) -> [String] {
        guard let primary = facts.primaryCategory else { return [] }
        var codes = Set(facts.categories.flatMap { [$0.dsaCategory] + $0.dsaAdditionalCategories })
        codes.remove(primary.dsaCategory)
        codes.remove("STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE")
        return codes.sorted()
    }

    /// The database's content language: the primary subtag of a BCP 47 tag, upper case, when
    /// it is one of the database's 184 codes ("pt-BR" → "PT"). Otherwise none, since the
    /// field is optional and a wrong code would reject the whole statement.
    public static func contentLanguage(forTag tag: String) -> String? {
        guard let language = LanguageTag(tag)?.language.uppercased(),
            StatementOfReasonsValidator.contentLanguages.contains(language)
        else { return nil }
        return language
    }

    /// The statement's platform unique identifier: the case id made to match
    /// `^[a-zA-Z0-9-_]+$`, then "-" and the decision's number on the case.
    ///
    /// Letters, digits and "-" are kept; every other byte, "_" included, becomes "_" and two
    /// hex digits ("c:1" → "c_3A1"). The encoding is reversible, so two case ids never share a
    /// puid, and the number comes after the last "-", so each decision on a case gets its own
    /// (the database never accepts a puid twice).
    public static func puid(caseId: String, decisionNumber: Int) -> String {
        var encoded = ""
        for byte in caseId.utf8 {
            let isKept = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
            if isKept {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "_" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded + "-" + String(decisionNumber)
    }

    static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
