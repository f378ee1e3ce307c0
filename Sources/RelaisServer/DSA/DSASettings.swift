import Foundation
import RelaisCore

/// A tenant's DSA settings (`tenants.NAME.dsa` in the config file): the link to the
/// Transparency Database and what the tenant writes into its transparency report itself.
public struct DSASettings: Sendable, Equatable, Decodable {
    public var transparencyDatabase: TransparencyDatabaseSettings?
    public var report: TransparencyReportTexts?

    public init(transparencyDatabase: TransparencyDatabaseSettings?, report: TransparencyReportTexts? = nil) {
        self.transparencyDatabase = transparencyDatabase
        self.report = report
    }
}
