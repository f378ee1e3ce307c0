import Foundation

/// The figures Art. 22(6) asks a platform to watch for each trusted flagger: how many notices,
/// the share that led to action, the median hours from notice to decision, and the share
/// decided within the flagger's target time.
public struct FlaggerStatistics: Sendable, Equatable, Codable {
    public var notices = 0
    public var decided = 0
    public var actioned = 0
    public var shareActioned: Double?
    public var medianHoursToDecision: Double?
    public var shareWithinTarget: Double?
    public var targetHours: Double

    public struct Notice: Sendable, Equatable {
        public var receivedAt: Date
        public var decidedAt: Date?
        public var restricted: Bool

        public init(receivedAt: Date, decidedAt: Date?, restricted: Bool) {
            self.receivedAt = receivedAt
            self.decidedAt = decidedAt
            self.restricted = restricted
        }
    }

    public init(targetHours: Double) { self.targetHours = targetHours }

    public static func tally(_ notices: [Notice], targetHours: Double) -> FlaggerStatistics {
        var stats = FlaggerStatistics(targetHours: targetHours)
        var hours: [Double] = []
        for notice in notices {
            stats.notices += 1
            guard let decidedAt = notice.decidedAt else { continue }
            stats.decided += 1
            if notice.restricted { stats.actioned += 1 }
            hours.append(max(0, decidedAt.timeIntervalSince(notice.receivedAt)) / 3600)
        }
        guard stats.decided > 0 else { return stats }
        stats.shareActioned = rounded(Double(stats.actioned) / Double(stats.decided))
        stats.medianHoursToDecision = AppealStatistics.median(hours)
        stats.shareWithinTarget = rounded(Double(hours.filter { $0 <= targetHours }.count) / Double(stats.decided))
        return stats
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
