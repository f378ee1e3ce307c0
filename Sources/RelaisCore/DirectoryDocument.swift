import Foundation

/// The body of `GET /v1/directory`: the entries one tenant may show, in the directory's own
/// format (format 2, holidays included), with what else the policy reads for that tenant, so
/// an app that caches it decides the same card on the device as Relais does on the server.
///
/// The server builds it (`init(directory:settings:)`) and the client reads it back
/// (`offlineDirectory`, `offlineConfig`): the rule of which lines a tenant sees lives here once.
public struct DirectoryDocument: Sendable, Codable, Equatable {
    /// Always `HelplineDirectory.format` (2).
    public var format: Int
    /// The directory's version, shown on every card decided from it.
    public var version: String
    /// Each country's public holidays, as rules with their sources.
    public var holidays: [HolidayCalendar]
    /// Verified lines and the unverified ones the tenant opted in to, in the tenant's order.
    public var helplines: [Helpline]
    /// The tenant's rollout (surfaces, presentation, countries, categories, share). Absent in
    /// documents of servers older than the client library, which then assumes the default.
    public var rollout: SupportRollout?
    /// The tenant's name, present only when the rollout covers a share of reporters: the
    /// device needs it to put a reporter in the same bucket as the server (`RolloutBucket`).
    public var tenant: String?

    /// A document from its parts.
    public init(
        format: Int = HelplineDirectory.format, version: String, holidays: [HolidayCalendar], helplines: [Helpline],
        rollout: SupportRollout? = nil, tenant: String? = nil
    ) {
        self.format = format
        self.version = version
        self.holidays = holidays
        self.helplines = helplines
        self.rollout = rollout
        self.tenant = tenant
    }

    /// What a tenant's users may see of `directory` (its overrides already applied).
    public init(directory: HelplineDirectory, settings: TenantSupportConfig, tenant: String?) {
        self.init(
            version: directory.version, holidays: directory.holidays,
            helplines: directory.allHelplines.filter(settings.shows),
            rollout: settings.rollout, tenant: settings.rollout.percentage < 100 ? tenant : nil)
    }

    /// The directory the policy reads on the device: the document's lines in its order.
    public var offlineDirectory: HelplineDirectory { HelplineDirectory(version: version, helplines: helplines, holidays: holidays) }

    /// The tenant's settings as far as the card depends on them: every unverified line in the
    /// document is one the tenant opted in to (the server left the others out), and the
    /// overrides are already applied to the lines.
    public var offlineConfig: TenantSupportConfig {
        TenantSupportConfig(rollout: rollout ?? .default, showUnverified: Set(helplines.lazy.filter { !$0.verified }.map(\.id)))
    }

    enum CodingKeys: String, CodingKey { case format, version, holidays, helplines, rollout, tenant }

    /// Refuses another format, as `HelplineDirectory` does.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(Int.self, forKey: .format)
        guard format == HelplineDirectory.format else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: c, debugDescription: HelplineDirectory.formatProblem(format) ?? "unknown format")
        }
        version = try c.decode(String.self, forKey: .version)
        holidays = try c.decodeIfPresent([HolidayCalendar].self, forKey: .holidays) ?? []
        helplines = try c.decode([Helpline].self, forKey: .helplines)
        rollout = try c.decodeIfPresent(SupportRollout.self, forKey: .rollout)
        tenant = try c.decodeIfPresent(String.self, forKey: .tenant)
    }

    /// Leaves out `rollout` and `tenant` when absent.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(version, forKey: .version)
        try c.encode(holidays, forKey: .holidays)
        try c.encode(helplines, forKey: .helplines)
        try c.encodeIfPresent(rollout, forKey: .rollout)
        try c.encodeIfPresent(tenant, forKey: .tenant)
    }
}
