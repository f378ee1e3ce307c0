import Foundation

/// When reports about one person add up to a pile-on: many **authors** attacking one target
/// within a short time, each a small case of its own in the queue.
///
/// Not to be confused with coordinated reporting (`CoordinatedReportingPolicy`), which is many
/// **reporters**, mostly new accounts, against one piece of content or one account (a raid of
/// reports, which then weighs less). A pile-on is counted by the distinct authors of what was
/// reported about one target; a thousand reports of one author's comments are not a pile-on,
/// and a burst of new reporters changes nothing here.
///
/// Defaults: 3 distinct authors within 24 hours. Only reports that name their target
/// (`ReportDraft.targetId`) and the content's author (`subject.authorId`) count.
public struct PileOnPolicy: Sendable, Codable, Equatable {
    /// Distinct authors about one target, at least, within `window`.
    public var minimumAuthors: Int
    /// How far back from the newest report the authors are counted, in seconds.
    public var window: TimeInterval

    public init(minimumAuthors: Int = 3, window: TimeInterval = 24 * 3600) {
        self.minimumAuthors = minimumAuthors
        self.window = window
    }

    public static let `default` = PileOnPolicy()

    /// One report about a target, as the rule reads it.
    public struct TargetedReport: Sendable, Equatable {
        public var targetId: String
        public var authorId: String?
        public var caseId: String
        public var receivedAt: Date

        public init(targetId: String, authorId: String?, caseId: String, receivedAt: Date) {
            self.targetId = targetId
            self.authorId = authorId
            self.caseId = caseId
            self.receivedAt = receivedAt
        }
    }

    /// A target under attack: who, by how many authors, in which cases, since when.
    public struct PileOn: Sendable, Equatable {
        public var targetId: String
        /// The distinct authors, in the order their first report arrived.
        public var authorIds: [String]
        /// The cases the reports belong to, in the order they first appear.
        public var caseIds: [String]
        public var firstReportAt: Date
        public var lastReportAt: Date
    }

    /// The targets that the reports show under a pile-on at `now`: for each target, the reports
    /// received in `[now − window, now]` (both ends included) by at least `minimumAuthors`
    /// distinct authors. Ordered by target id; reports after `now` are not read.
    public func pileOns(_ reports: [TargetedReport], now: Date) -> [PileOn] {
        let start = now.addingTimeInterval(-window)
        let recent = reports.filter { $0.authorId != nil && $0.receivedAt >= start && $0.receivedAt <= now }
            .sorted { ($0.receivedAt, $0.caseId) < ($1.receivedAt, $1.caseId) }
        return Dictionary(grouping: recent, by: \.targetId).compactMap { targetId, reports -> PileOn? in
            var authors: [String] = [], cases: [String] = []
            for report in reports {
                if let author = report.authorId, !authors.contains(author) { authors.append(author) }
                if !cases.contains(report.caseId) { cases.append(report.caseId) }
            }
            guard authors.count >= max(1, minimumAuthors), let first = reports.first, let last = reports.last else { return nil }
            return PileOn(targetId: targetId, authorIds: authors, caseIds: cases, firstReportAt: first.receivedAt, lastReportAt: last.receivedAt)
        }
        .sorted { $0.targetId < $1.targetId }
    }
}
