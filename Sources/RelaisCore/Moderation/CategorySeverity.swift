import Foundation

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
