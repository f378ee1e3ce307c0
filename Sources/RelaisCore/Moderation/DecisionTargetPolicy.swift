import Foundation

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
