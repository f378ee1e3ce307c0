import Foundation

/// What the moderation core knows about a case: the reports grouped on one subject, and what
/// the platform told about the subject. Built by the store; pure data.
public struct CaseFacts: Sendable, Codable, Equatable {
    /// Relais's case id; becomes the statement's `puid` (see `StatementOfReasons.puid`).
    public var caseId: String
    public var subjectKind: ReportDraft.SubjectKind
    /// The content types, when the platform said what the content is (an image post, a voice
    /// message). `nil`: derived from `subjectKind` (see `StatementOfReasons.contentTypes`).
    public var contentTypes: [StatementOfReasons.ContentType]?
    /// When the content was posted, or the account created for an account. `nil`: unknown.
    public var contentCreatedAt: Date?
    /// The content's language as a BCP 47 tag ("fr", "pt-BR"), when known.
    public var contentLanguage: String?
    /// When the case was opened: the first report, or the platform's own detection.
    public var openedAt: Date
    public var reports: [CaseReport]
    /// Categories found by the platform's own detection, for cases that no notice started
    /// (DSA `SOURCE_VOLUNTARY`). Usually empty.
    public var ownInitiativeCategories: [ReportCategory]
    /// Decisions already recorded on this case (an appeal can add one). Makes each
    /// statement's `puid` unique, since the Transparency Database never accepts a puid twice.
    public var priorDecisionCount: Int
    /// The case is linked to a pile-on against the person it targets: many authors within a
    /// short time (`PileOnPolicy`), which the store found across cases.
    public var inPileOn: Bool = false

    public init(
        caseId: String, subjectKind: ReportDraft.SubjectKind, contentTypes: [StatementOfReasons.ContentType]? = nil,
        contentCreatedAt: Date? = nil, contentLanguage: String? = nil, openedAt: Date, reports: [CaseReport],
        ownInitiativeCategories: [ReportCategory] = [], priorDecisionCount: Int = 0
    ) {
        self.caseId = caseId
        self.subjectKind = subjectKind
        self.contentTypes = contentTypes
        self.contentCreatedAt = contentCreatedAt
        self.contentLanguage = contentLanguage
        self.openedAt = openedAt
        self.reports = reports
        self.ownInitiativeCategories = ownInitiativeCategories
        self.priorDecisionCount = priorDecisionCount
    }

    /// Every category the case is about, from notices and from the platform's own detection.
    public var categories: [ReportCategory] { reports.map(\.category) + ownInitiativeCategories }

    /// The most severe category; ties go to the category reported most often, then to the
    /// order of `ReportCategory.allCases`, so the choice never depends on report order.
    public var primaryCategory: ReportCategory? {
        let all = categories
        guard !all.isEmpty else { return nil }
        let counts = Dictionary(all.map { ($0, 1) }, uniquingKeysWith: +)
        let order = ReportCategory.allCases
        return counts.keys.max { a, b in
            if a.severity != b.severity { return a.severity < b.severity }
            if counts[a]! != counts[b]! { return counts[a]! < counts[b]! }
            // Earlier in allCases wins, so it must compare as "larger".
            return order.firstIndex(of: a)! > order.firstIndex(of: b)!
        }
    }

    /// The person targeted may be a minor: a report by the target whose age bracket is under
    /// 13, 13–17 or unknown (unknown counts, as in `AgeBracket.mayBeMinor`: a child whose
    /// platform does not know their age must not wait longer).
    public var targetMayBeMinor: Bool { reports.contains { $0.isTarget && $0.ageBracket.mayBeMinor } }

    /// Anything involving a minor: a possibly-minor target, or a grooming report (grooming is
    /// by definition about a child, even when a parent reports it).
    public var involvesMinor: Bool { targetMayBeMinor || categories.contains(.grooming) }

    public var hasTrustedFlaggerReport: Bool { reports.contains { $0.isTrustedFlagger } }

    /// Distinct reporters: one person reporting five times is one voice.
    public var distinctReporterCount: Int { Set(reports.map(\.reporterId)).count }

    /// Each reporter's first report on the case, in arrival order: whether they were new to
    /// the tenant, or under lower priority, is read from it.
    private var firstReports: [CaseReport] {
        var seen = Set<String>()
        return reports.filter { seen.insert($0.reporterId).inserted }
    }

    public var newReporterCount: Int { firstReports.filter { $0.isNewToTenant && !$0.isDeprioritized }.count }
    public var deprioritizedReporterCount: Int { firstReports.filter(\.isDeprioritized).count }
}
