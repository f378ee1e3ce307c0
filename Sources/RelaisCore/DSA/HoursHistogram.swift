/// Durations counted per hundredth of an hour (36 s), the precision the transparency report
/// writes its medians in (dsa-notes §2.1: "all median times are in hours"). A database sums
/// notices into these buckets with one GROUP BY, so a median over millions of notices needs
/// memory for the distinct buckets only, never one value per notice.
public struct HoursHistogram: Sendable, Equatable {
    /// Hundredths of an hour → how many durations fell there.
    public private(set) var counts: [Int: Int] = [:]

    public init() {}

    public var total: Int { counts.values.reduce(0, +) }

    public mutating func add(centiHours: Int, count: Int = 1) {
        guard count > 0 else { return }
        counts[max(0, centiHours), default: 0] += count
    }

    public mutating func merge(_ other: HoursHistogram) {
        for (bucket, count) in other.counts { add(centiHours: bucket, count: count) }
    }

    /// The median in hours (the mean of the two middle values for an even count), to 0.01 h;
    /// `nil` for no duration at all.
    public var median: Double? {
        let n = total
        guard n > 0 else { return nil }
        let low = (n - 1) / 2, high = n / 2
        var seen = 0, lowValue: Int?, highValue: Int?
        for bucket in counts.keys.sorted() {
            let next = seen + counts[bucket]!
            if lowValue == nil, low < next { lowValue = bucket }
            if high < next { highValue = bucket; break }
            seen = next
        }
        let middle = Double(lowValue! + highValue!) / 2
        return (middle).rounded() / 100
    }
}
