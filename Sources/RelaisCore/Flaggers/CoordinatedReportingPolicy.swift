import Foundation

/// When a burst of reports against one subject looks coordinated (report-bombing: a raid
/// reporting the person being harassed, DSA Art. 23): at least `minimumReporters` distinct
/// reporters, of whom at least `newReporterShare` were new (first seen by this tenant less
/// than `newReporterDays` before they reported). The case is flagged, its new reporters stop
/// counting towards the reporter points, and the moderator sees why; **nothing is done
/// against the reported person because of it**.
///
/// An ordinary wave of genuine reports comes from people with a history on the platform, so
/// it is not flagged however large it is.
public struct CoordinatedReportingPolicy: Sendable, Codable, Equatable {
    public var minimumReporters: Int
    public var newReporterShare: Double
    public var newReporterDays: Double

    public init(minimumReporters: Int = 20, newReporterShare: Double = 0.8, newReporterDays: Double = 7) {
        self.minimumReporters = minimumReporters
        self.newReporterShare = newReporterShare
        self.newReporterDays = newReporterDays
    }

    public static let `default` = CoordinatedReportingPolicy()

    public func isSuspected(distinctReporters: Int, newReporters: Int) -> Bool {
        distinctReporters >= minimumReporters && Double(newReporters) >= newReporterShare * Double(distinctReporters)
    }

    /// Whether a reporter first seen at `firstSeen` counts as new at `now` (never seen: new).
    public func isNew(firstSeen: Date?, now: Date) -> Bool {
        guard let firstSeen else { return true }
        return now.timeIntervalSince(firstSeen) < newReporterDays * 86400
    }
}
