import Foundation

/// A tenant's DSA settings (`tenants.NAME.dsa` in the config file): for now the link to the
/// Transparency Database.
public struct DSASettings: Sendable, Equatable, Decodable {
    public var transparencyDatabase: TransparencyDatabaseSettings?

    public init(transparencyDatabase: TransparencyDatabaseSettings?) { self.transparencyDatabase = transparencyDatabase }
}
