import Foundation

// MARK: - Severity

/// How harmful a report category is, for ordering the moderation queue.
///
/// The levels follow the harm to a person, not the legal category: the top level holds the
/// categories where a delay can cost a life or a childhood (grooming, threats, self-harm) or
/// where every hour online multiplies the damage (intimate images, sextortion).
public enum CategorySeverity: Int, CaseIterable, Codable, Sendable, Comparable {
    /// Spam: a nuisance, never urgent.
    case lowest = 0
    /// "Something else": unknown content, so above spam but below every named harm.
    case low = 1
    /// Impersonation and scams: money and reputation, serious but rarely life-threatening.
    case moderate = 2
    /// Harassment, hate, doxxing: sustained harm to a person; doxxing can lead to physical harm.
    case high = 3
    /// Grooming, threats, self-harm, intimate images, sextortion.
    case critical = 4

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ReportCategory {
    /// The documented severity of the category (see `CategorySeverity`).
    public var severity: CategorySeverity {
        switch self {
        case .grooming, .threat, .selfHarm, .intimateImages, .sextortion: .critical
        case .harassment, .hate, .doxxing: .high
        case .impersonation, .scam: .moderate
        case .other: .low
        case .spam: .lowest
        }
    }
}

// MARK: - Case facts

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
}

/// What the priority formula and the target time read from a case, without its reports.
///
/// `CasePriority.assess` and `DecisionTarget.forCase` work on this summary; their `CaseFacts`
/// versions summarise first. A store keeps the summary on each case as reports arrive
/// (`merging` one report at a time), so ordering the queue never reads every report of a
/// case, which would make each report of a raid slower than the one before.
public struct PriorityInputs: Sendable, Codable, Equatable {
    /// The severity of the most severe category (`lowest` for a case without one).
    public var severity: CategorySeverity
    /// `CaseFacts.involvesMinor`.
    public var involvesMinor: Bool
    /// A threat was reported (the shortest target time).
    public var hasThreat: Bool
    public var hasTrustedFlaggerReport: Bool
    public var distinctReporterCount: Int
    public var openedAt: Date

    public init(
        severity: CategorySeverity, involvesMinor: Bool, hasThreat: Bool, hasTrustedFlaggerReport: Bool, distinctReporterCount: Int,
        openedAt: Date
    ) {
        self.severity = severity
        self.involvesMinor = involvesMinor
        self.hasThreat = hasThreat
        self.hasTrustedFlaggerReport = hasTrustedFlaggerReport
        self.distinctReporterCount = distinctReporterCount
        self.openedAt = openedAt
    }

    public init(_ facts: CaseFacts) {
        self.init(
            severity: facts.primaryCategory?.severity ?? .lowest, involvesMinor: facts.involvesMinor,
            hasThreat: facts.categories.contains(.threat), hasTrustedFlaggerReport: facts.hasTrustedFlaggerReport,
            distinctReporterCount: facts.distinctReporterCount, openedAt: facts.openedAt)
    }

    /// The summary once `report` is added. `isNewReporter`: the store knows whether this
    /// reporter already reported the case (one person reporting five times is one voice).
    /// Every term is a maximum or an "or" over reports, so adding one report needs only
    /// the summary and that report.
    public func merging(_ report: CaseReport, isNewReporter: Bool) -> PriorityInputs {
        let one = PriorityInputs(CaseFacts(caseId: "", subjectKind: .other, openedAt: openedAt, reports: [report]))
        return PriorityInputs(
            severity: max(severity, one.severity), involvesMinor: involvesMinor || one.involvesMinor, hasThreat: hasThreat || one.hasThreat,
            hasTrustedFlaggerReport: hasTrustedFlaggerReport || one.hasTrustedFlaggerReport,
            distinctReporterCount: distinctReporterCount + (isNewReporter ? 1 : 0), openedAt: openedAt)
    }
}

/// One report in a case, with only what moderation needs.
public struct CaseReport: Sendable, Codable, Equatable {
    /// The platform's opaque id for the reporter. Personal data: never put in a statement.
    public var reporterId: String
    public var category: ReportCategory
    public var ageBracket: AgeBracket
    /// The reporter is the person targeted.
    public var isTarget: Bool
    /// Sent through the trusted-flagger channel (DSA Art. 22).
    public var isTrustedFlagger: Bool
    /// The trusted flagger's organisation ("e-Enfance"), an entity designated in public by a
    /// Digital Services Coordinator, so not personal data; it may become `source_identity`.
    public var trustedFlaggerName: String?
    public var receivedAt: Date

    public init(
        reporterId: String, category: ReportCategory, ageBracket: AgeBracket = .unknown, isTarget: Bool = false,
        isTrustedFlagger: Bool = false, trustedFlaggerName: String? = nil, receivedAt: Date
    ) {
        self.reporterId = reporterId
        self.category = category
        self.ageBracket = ageBracket
        self.isTarget = isTarget
        self.isTrustedFlagger = isTrustedFlagger
        self.trustedFlaggerName = trustedFlaggerName
        self.receivedAt = receivedAt
    }
}

// MARK: - Target time to decision

/// Target times to decision. Defaults from the moderation issue: threats 1 h (Recital 52:
/// act without delay on threats to life or safety), anything involving a minor 4 h, others
/// 24 h. A case takes the shortest target that applies.
public struct DecisionTargetPolicy: Sendable, Codable, Equatable {
    public var threat: TimeInterval
    public var involvingMinor: TimeInterval
    public var standard: TimeInterval

    public init(threat: TimeInterval = 3600, involvingMinor: TimeInterval = 4 * 3600, standard: TimeInterval = 24 * 3600) {
        self.threat = threat
        self.involvingMinor = involvingMinor
        self.standard = standard
    }

    public static let `default` = DecisionTargetPolicy()
}

/// When a case should be decided by.
public struct DecisionTarget: Sendable, Codable, Equatable {
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case threat
        case involvingMinor = "involving_minor"
        case standard
    }

    public var openedAt: Date
    public var duration: TimeInterval
    /// Which rule set the target, for the console ("due in 1 h: threat").
    public var reason: Reason

    public init(openedAt: Date, duration: TimeInterval, reason: Reason) {
        self.openedAt = openedAt
        self.duration = duration
        self.reason = reason
    }

    /// The target for a case: the shortest that applies.
    public static func forCase(_ facts: CaseFacts, policy: DecisionTargetPolicy = .default) -> DecisionTarget {
        forCase(PriorityInputs(facts), policy: policy)
    }

    /// The same, from a case's summary.
    public static func forCase(_ facts: PriorityInputs, policy: DecisionTargetPolicy = .default) -> DecisionTarget {
        var candidates: [(TimeInterval, Reason)] = [(policy.standard, .standard)]
        if facts.hasThreat { candidates.append((policy.threat, .threat)) }
        if facts.involvesMinor { candidates.append((policy.involvingMinor, .involvingMinor)) }
        // Ties go to the earlier entry in Reason order, so "threat" explains a 1 h target
        // even if someone configures the minor target to 1 h as well.
        let order = Reason.allCases
        let best = candidates.min { a, b in
            a.0 != b.0 ? a.0 < b.0 : order.firstIndex(of: a.1)! < order.firstIndex(of: b.1)!
        }!
        return DecisionTarget(openedAt: facts.openedAt, duration: best.0, reason: best.1)
    }

    public var dueAt: Date { openedAt.addingTimeInterval(duration) }

    /// Past the due time (the due instant itself is still on time).
    public func isOverdue(now: Date) -> Bool { now > dueAt }

    /// Time waited as a fraction of the target: 0 when opened, 1 when due, 2 at twice the
    /// target. Never negative (a clock behind `openedAt` counts as no wait).
    public func waitedFraction(now: Date) -> Double {
        guard duration > 0 else { return isOverdue(now: now) ? .infinity : 0 }
        return max(0, now.timeIntervalSince(openedAt)) / duration
    }
}

// MARK: - Priority

/// Weights of the priority formula (see `CasePriority`). The defaults put severity first:
/// each severity level is worth 20 points, so one level outweighs a trusted flagger or a
/// possibly-minor target alone, and spam (0) can reach a fresh critical case (80) only when
/// several other factors are at their caps at once.
public struct PriorityWeights: Sendable, Codable, Equatable {
    /// Points per severity level (spam 0 … critical 4).
    public var perSeverityLevel: Double
    /// Points when the case involves a minor (`CaseFacts.involvesMinor`).
    public var involvesMinor: Double
    /// Points when a trusted flagger reported (DSA Art. 22(1): decided with priority).
    public var trustedFlagger: Double
    /// Points per doubling of distinct reporters: log2(n), so 1 → 0, 2 → 1×, 4 → 2×.
    public var perReporterDoubling: Double
    /// Cap on the reporter points, so a raid of mass reports cannot bury a single child's report.
    public var maximumReporterPoints: Double
    /// Points per elapsed target time (waited / target).
    public var perTargetElapsed: Double
    /// Cap on the elapsed fraction counted, so a stale case cannot climb forever.
    public var maximumTargetsElapsed: Double
    /// Points once a case is overdue, so overdue cases jump ahead of on-time peers.
    public var overdue: Double
    /// Target times to decision, which the waiting factor is measured against.
    public var targets: DecisionTargetPolicy

    public init(
        perSeverityLevel: Double = 20, involvesMinor: Double = 25, trustedFlagger: Double = 20,
        perReporterDoubling: Double = 5, maximumReporterPoints: Double = 20, perTargetElapsed: Double = 10,
        maximumTargetsElapsed: Double = 3, overdue: Double = 10, targets: DecisionTargetPolicy = .default
    ) {
        self.perSeverityLevel = perSeverityLevel
        self.involvesMinor = involvesMinor
        self.trustedFlagger = trustedFlagger
        self.perReporterDoubling = perReporterDoubling
        self.maximumReporterPoints = maximumReporterPoints
        self.perTargetElapsed = perTargetElapsed
        self.maximumTargetsElapsed = maximumTargetsElapsed
        self.overdue = overdue
        self.targets = targets
    }

    public static let `default` = PriorityWeights()
}

/// The priority of a case, with each term kept so the console can say why a case is first.
///
///     score = perSeverityLevel × severity(most severe category)          (0…4)
///           + involvesMinor    × [target may be a minor, or grooming]
///           + trustedFlagger   × [a trusted flagger reported]
///           + min(perReporterDoubling × log2(distinct reporters), maximumReporterPoints)
///           + perTargetElapsed × min(waited / target time, maximumTargetsElapsed)
///           + overdue          × [now > opened + target time]
///
/// With the defaults: 20 per level, 25, 20, 5 per doubling capped at 20, 10 per target time
/// capped at 3, and 10. Higher is more urgent. Ties are broken by due time, then by opening
/// time, then by case id (`isMoreUrgent`), so the order is total and stable.
public struct CasePriority: Sendable, Codable, Equatable {
    public var severity: CategorySeverity
    public var severityPoints: Double
    public var minorPoints: Double
    public var trustedFlaggerPoints: Double
    public var reporterPoints: Double
    public var waitingPoints: Double
    public var overduePoints: Double
    public var target: DecisionTarget
    public var isOverdue: Bool

    public var score: Double {
        severityPoints + minorPoints + trustedFlaggerPoints + reporterPoints + waitingPoints + overduePoints
    }

    /// Computes every term of the formula.
    public static func assess(_ facts: CaseFacts, weights: PriorityWeights = .default, now: Date) -> CasePriority {
        assess(PriorityInputs(facts), weights: weights, now: now)
    }

    /// The same, from a case's summary.
    public static func assess(_ facts: PriorityInputs, weights: PriorityWeights = .default, now: Date) -> CasePriority {
        let severity = facts.severity
        let target = DecisionTarget.forCase(facts, policy: weights.targets)
        let reporters = max(1, facts.distinctReporterCount)
        let reporterPoints = min(weights.perReporterDoubling * log2(Double(reporters)), weights.maximumReporterPoints)
        let elapsed = min(target.waitedFraction(now: now), weights.maximumTargetsElapsed)
        let overdue = target.isOverdue(now: now)
        return CasePriority(
            severity: severity,
            severityPoints: weights.perSeverityLevel * Double(severity.rawValue),
            minorPoints: facts.involvesMinor ? weights.involvesMinor : 0,
            trustedFlaggerPoints: facts.hasTrustedFlaggerReport ? weights.trustedFlagger : 0,
            reporterPoints: reporterPoints,
            waitingPoints: weights.perTargetElapsed * elapsed,
            overduePoints: overdue ? weights.overdue : 0,
            target: target,
            isOverdue: overdue)
    }

    /// The score alone.
    public static func score(_ facts: CaseFacts, weights: PriorityWeights = .default, now: Date) -> Double {
        assess(facts, weights: weights, now: now).score
    }

    /// Whether `a` should be handled before `b`: higher score, then earlier due time, then
    /// earlier opening, then smaller case id.
    public static func isMoreUrgent(_ a: CaseFacts, than b: CaseFacts, weights: PriorityWeights = .default, now: Date) -> Bool {
        compare(
            (a, assess(a, weights: weights, now: now)), (b, assess(b, weights: weights, now: now)))
    }

    /// The cases, most urgent first.
    public static func ordered(_ cases: [CaseFacts], weights: PriorityWeights = .default, now: Date) -> [CaseFacts] {
        // Assess once per case, not once per comparison.
        cases.map { ($0, assess($0, weights: weights, now: now)) }.sorted(by: compare).map(\.0)
    }

    private static func compare(_ a: (CaseFacts, CasePriority), _ b: (CaseFacts, CasePriority)) -> Bool {
        if a.1.score != b.1.score { return a.1.score > b.1.score }
        if a.1.target.dueAt != b.1.target.dueAt { return a.1.target.dueAt < b.1.target.dueAt }
        if a.0.openedAt != b.0.openedAt { return a.0.openedAt < b.0.openedAt }
        return a.0.caseId < b.0.caseId
    }
}
