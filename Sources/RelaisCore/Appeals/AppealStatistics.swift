import Foundation

/// What the transparency report says of complaints (DSA Art. 15(1)(d), 24(1); the
/// Commission's template, part 7): how many were received, by basis and by party, how many
/// decided and with which outcome, the median time to decide in hours, how many reversed a
/// decision, and how many restrictions a complaint newly imposed. Counted from values, so
/// the same figures come from either database.
public struct AppealStatistics: Sendable, Equatable, Codable {
    public struct Figures: Sendable, Equatable, Codable {
        public var received = 0
        public var decided = 0
        public var outcomes: [String: Int] = [:]
        /// From receipt to decision, in hours; `nil` when none was decided.
        public var medianHoursToDecide: Double?
    }

    public var total = Figures()
    public var byBasis: [String: Figures] = [:]
    public var byParty: [String: Figures] = [:]
    /// Decisions reversed or modified by a complaint.
    public var reversals = 0
    public var restrictionsNewlyImposed = 0

    /// One complaint, as counted.
    public struct Entry: Sendable, Equatable {
        public var party: AppealParty
        public var decisionUnderReview: Decision
        public var receivedAt: Date
        public var decidedAt: Date?
        public var outcome: AppealOutcome?
        public var imposedNewRestriction: Bool
        /// A trusted flagger sent a notice of the case (part 7 counts complaints about no
        /// action on such notices apart).
        public var onTrustedFlaggerNotice: Bool

        public init(
            party: AppealParty, decisionUnderReview: Decision, receivedAt: Date, decidedAt: Date?, outcome: AppealOutcome?, imposedNewRestriction: Bool,
            onTrustedFlaggerNotice: Bool = false
        ) {
            self.party = party
            self.decisionUnderReview = decisionUnderReview
            self.receivedAt = receivedAt
            self.decidedAt = decidedAt
            self.outcome = outcome
            self.imposedNewRestriction = imposedNewRestriction
            self.onTrustedFlaggerNotice = onTrustedFlaggerNotice
        }
    }

    public init() {}

    public static func tally(_ entries: [Entry]) -> AppealStatistics {
        var stats = AppealStatistics()
        var hours: [String: [Double]] = [:]
        func add(_ entry: Entry, to figures: inout Figures, key: String) {
            figures.received += 1
            guard let outcome = entry.outcome, let decidedAt = entry.decidedAt else { return }
            figures.decided += 1
            figures.outcomes[outcome.rawValue, default: 0] += 1
            hours[key, default: []].append(decidedAt.timeIntervalSince(entry.receivedAt) / 3600)
        }
        for entry in entries {
            add(entry, to: &stats.total, key: "total")
            for basis in AppealBasis.of(entry.decisionUnderReview) {
                add(entry, to: &stats.byBasis[basis.rawValue, default: Figures()], key: "basis." + basis.rawValue)
            }
            add(entry, to: &stats.byParty[entry.party.rawValue, default: Figures()], key: "party." + entry.party.rawValue)
            if entry.outcome == .reversed || entry.outcome == .modified { stats.reversals += 1 }
            if entry.imposedNewRestriction { stats.restrictionsNewlyImposed += 1 }
        }
        stats.total.medianHoursToDecide = median(hours["total"])
        for key in stats.byBasis.keys { stats.byBasis[key]!.medianHoursToDecide = median(hours["basis." + key]) }
        for key in stats.byParty.keys { stats.byParty[key]!.medianHoursToDecide = median(hours["party." + key]) }
        return stats
    }

    static func median(_ values: [Double]?) -> Double? {
        guard let values, !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        let value = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (value * 100).rounded() / 100
    }
}
