import Foundation
import RelaisCore
import RelaisStore

/// The `moderation` section of the config file: the queue's priority weights, the target
/// times to decision, the lease length and the repeat-offender threshold. Every field is
/// optional; what is left out keeps its documented default (docs/moderation.md).
struct ModerationSettings: Decodable {
    var policy: ModerationPolicy

    enum CodingKeys: String, CodingKey {
        case weights, targetHours, leaseMinutes, repeatOffenders, appealReviewDays, reopenAfterNewReporters, misuse, coordinatedReporting, pileOn
        case breakAfterSensitiveCases
    }
    enum PileOnKeys: String, CodingKey { case minimumAuthors, windowHours }
    enum MisuseKeys: String, CodingKey { case unfoundedThreshold, lowPriorityDays }
    enum CoordinatedKeys: String, CodingKey { case minimumReporters, newReporterShare, newReporterDays }
    enum WeightKeys: String, CodingKey {
        case perSeverityLevel, involvesMinor, trustedFlagger, perReporterDoubling, maximumReporterPoints
        case perTargetElapsed, maximumTargetsElapsed, overdue, pileOn
    }
    enum TargetKeys: String, CodingKey { case threat, involvingMinor, standard }
    enum RepeatKeys: String, CodingKey { case threshold, windowDays }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var weights = PriorityWeights.default
        if c.contains(.weights) {
            let w = try c.nestedContainer(keyedBy: WeightKeys.self, forKey: .weights)
            func read(_ key: WeightKeys, _ value: inout Double) throws {
                guard let v = try w.decodeIfPresent(Double.self, forKey: key) else { return }
                guard v >= 0 else { throw DecodingError.dataCorruptedError(forKey: key, in: w, debugDescription: "must not be negative") }
                value = v
            }
            try read(.perSeverityLevel, &weights.perSeverityLevel)
            try read(.involvesMinor, &weights.involvesMinor)
            try read(.trustedFlagger, &weights.trustedFlagger)
            try read(.perReporterDoubling, &weights.perReporterDoubling)
            try read(.maximumReporterPoints, &weights.maximumReporterPoints)
            try read(.perTargetElapsed, &weights.perTargetElapsed)
            try read(.maximumTargetsElapsed, &weights.maximumTargetsElapsed)
            try read(.overdue, &weights.overdue)
            try read(.pileOn, &weights.pileOn)
        }
        if c.contains(.targetHours) {
            let t = try c.nestedContainer(keyedBy: TargetKeys.self, forKey: .targetHours)
            func hours(_ key: TargetKeys, _ value: inout TimeInterval) throws {
                guard let h = try t.decodeIfPresent(Double.self, forKey: key) else { return }
                guard h > 0 else { throw DecodingError.dataCorruptedError(forKey: key, in: t, debugDescription: "must be more than 0 hours") }
                value = h * 3600
            }
            try hours(.threat, &weights.targets.threat)
            try hours(.involvingMinor, &weights.targets.involvingMinor)
            try hours(.standard, &weights.targets.standard)
        }
        var lease: TimeInterval = ModerationPolicy.default.leaseDuration
        if let minutes = try c.decodeIfPresent(Double.self, forKey: .leaseMinutes) {
            guard minutes >= 1, minutes <= 240 else {
                throw DecodingError.dataCorruptedError(forKey: .leaseMinutes, in: c, debugDescription: "must be between 1 and 240 minutes")
            }
            lease = minutes * 60
        }
        var repeatOffenders = RepeatOffenderPolicy.default
        if c.contains(.repeatOffenders) {
            let r = try c.nestedContainer(keyedBy: RepeatKeys.self, forKey: .repeatOffenders)
            if let threshold = try r.decodeIfPresent(Int.self, forKey: .threshold) {
                guard threshold >= 1 else { throw DecodingError.dataCorruptedError(forKey: .threshold, in: r, debugDescription: "must be at least 1") }
                repeatOffenders.threshold = threshold
            }
            if let days = try r.decodeIfPresent(Double.self, forKey: .windowDays) {
                guard days > 0 else { throw DecodingError.dataCorruptedError(forKey: .windowDays, in: r, debugDescription: "must be more than 0 days") }
                repeatOffenders.window = days * 24 * 3600
            }
        }
        var reviewTime = ModerationPolicy.default.appealReviewTime
        if let days = try c.decodeIfPresent(Double.self, forKey: .appealReviewDays) {
            guard days > 0, days <= 90 else {
                throw DecodingError.dataCorruptedError(forKey: .appealReviewDays, in: c, debugDescription: "must be more than 0 and at most 90 days")
            }
            reviewTime = days * 86400
        }
        var reopening = ReopeningRule.default
        if let count = try c.decodeIfPresent(Int.self, forKey: .reopenAfterNewReporters) {
            guard count >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .reopenAfterNewReporters, in: c, debugDescription: "must not be negative")
            }
            reopening.newReporterThreshold = count
        }
        var misuse = MisusePolicy.default
        if c.contains(.misuse) {
            let m = try c.nestedContainer(keyedBy: MisuseKeys.self, forKey: .misuse)
            if let threshold = try m.decodeIfPresent(Int.self, forKey: .unfoundedThreshold) {
                guard threshold >= 1 else { throw DecodingError.dataCorruptedError(forKey: .unfoundedThreshold, in: m, debugDescription: "must be at least 1") }
                misuse.threshold = threshold
            }
            if let days = try m.decodeIfPresent(Double.self, forKey: .lowPriorityDays) {
                guard days > 0 else { throw DecodingError.dataCorruptedError(forKey: .lowPriorityDays, in: m, debugDescription: "must be more than 0 days") }
                misuse.lowPriorityDays = days
            }
        }
        if c.contains(.coordinatedReporting) {
            let k = try c.nestedContainer(keyedBy: CoordinatedKeys.self, forKey: .coordinatedReporting)
            if let minimum = try k.decodeIfPresent(Int.self, forKey: .minimumReporters) {
                guard minimum >= 2 else { throw DecodingError.dataCorruptedError(forKey: .minimumReporters, in: k, debugDescription: "must be at least 2") }
                weights.coordinated.minimumReporters = minimum
            }
            if let share = try k.decodeIfPresent(Double.self, forKey: .newReporterShare) {
                guard share > 0, share <= 1 else { throw DecodingError.dataCorruptedError(forKey: .newReporterShare, in: k, debugDescription: "must be more than 0 and at most 1") }
                weights.coordinated.newReporterShare = share
            }
            if let days = try k.decodeIfPresent(Double.self, forKey: .newReporterDays) {
                guard days > 0 else { throw DecodingError.dataCorruptedError(forKey: .newReporterDays, in: k, debugDescription: "must be more than 0 days") }
                weights.coordinated.newReporterDays = days
            }
        }
        var pileOn = PileOnPolicy.default
        if c.contains(.pileOn) {
            let p = try c.nestedContainer(keyedBy: PileOnKeys.self, forKey: .pileOn)
            if let minimum = try p.decodeIfPresent(Int.self, forKey: .minimumAuthors) {
                // One author's many comments are never a pile-on.
                guard minimum >= 2 else { throw DecodingError.dataCorruptedError(forKey: .minimumAuthors, in: p, debugDescription: "must be at least 2") }
                pileOn.minimumAuthors = minimum
            }
            if let hours = try p.decodeIfPresent(Double.self, forKey: .windowHours) {
                guard hours > 0, hours <= 24 * 90 else {
                    throw DecodingError.dataCorruptedError(forKey: .windowHours, in: p, debugDescription: "must be more than 0 and at most 2160 hours (90 days)")
                }
                pileOn.window = hours * 3600
            }
        }
        policy = ModerationPolicy(
            weights: weights, leaseDuration: lease, repeatOffenders: repeatOffenders, appealReviewTime: reviewTime, reopening: reopening,
            misuse: misuse, pileOn: pileOn)
        if let count = try c.decodeIfPresent(Int.self, forKey: .breakAfterSensitiveCases) {
            guard count >= 0, count <= 1000 else {
                throw DecodingError.dataCorruptedError(forKey: .breakAfterSensitiveCases, in: c, debugDescription: "must be between 0 (never) and 1000")
            }
            policy.breakPrompt.threshold = count
        }
    }
}
