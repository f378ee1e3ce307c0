/// Where a tenant shows the help card: its surfaces and their presentation, the countries
/// and categories, a percentage of reporters, and a kill switch. Part of the tenant config
/// file (`docs/configuration.md`).
public struct SupportRollout: Sendable, Codable, Equatable {
    /// Kill switch: `false` turns the card off everywhere for the tenant, at once.
    public var enabled: Bool
    /// Share of reporters who see the card, 0–100 (two decimals count: 0.25 is a quarter
    /// of a percent). See `RolloutBucket`.
    public var percentage: Double
    /// `nil`: every country the directory covers.
    public var countries: Set<CountryCode>?
    /// `nil`: every category that triggers the card.
    public var categories: Set<ReportCategory>?
    /// Surfaces by id ("instagram", "web"); an unlisted surface uses `defaultPresentation`.
    public var surfaces: [String: Surface]
    public var defaultPresentation: SupportCard.Presentation

    public struct Surface: Sendable, Codable, Equatable {
        public var presentation: SupportCard.Presentation
        /// `false`: no card on this surface.
        public var enabled: Bool

        public init(presentation: SupportCard.Presentation, enabled: Bool = true) {
            self.presentation = presentation
            self.enabled = enabled
        }

        enum CodingKeys: String, CodingKey { case presentation, enabled }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            presentation = try c.decode(SupportCard.Presentation.self, forKey: .presentation)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        }
    }

    public init(
        enabled: Bool = true, percentage: Double = 100, countries: Set<CountryCode>? = nil,
        categories: Set<ReportCategory>? = nil, surfaces: [String: Surface] = [:],
        defaultPresentation: SupportCard.Presentation = .both
    ) {
        self.enabled = enabled
        self.percentage = percentage
        self.countries = countries
        self.categories = categories
        self.surfaces = surfaces
        self.defaultPresentation = defaultPresentation
    }

    /// A tenant without a config: the card on for everyone, everywhere the directory
    /// covers, for every category that triggers it, presentation `both`.
    public static let `default` = SupportRollout()

    enum CodingKeys: String, CodingKey {
        case enabled, percentage, countries, categories, surfaces, defaultPresentation
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        percentage = try c.decodeIfPresent(Double.self, forKey: .percentage) ?? 100
        guard (0...100).contains(percentage) else {
            throw DecodingError.dataCorruptedError(
                forKey: .percentage, in: c, debugDescription: "percentage must be between 0 and 100")
        }
        countries = try c.decodeIfPresent([CountryCode].self, forKey: .countries).map(Set.init)
        categories = try c.decodeIfPresent([ReportCategory].self, forKey: .categories).map(Set.init)
        surfaces = try c.decodeIfPresent([String: Surface].self, forKey: .surfaces) ?? [:]
        defaultPresentation = try c.decodeIfPresent(SupportCard.Presentation.self, forKey: .defaultPresentation) ?? .both
    }

    /// Sets in sorted order: the published directory's bytes, and so its ETag, must not change
    /// from one process to the next (a set's order does).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(percentage, forKey: .percentage)
        try c.encodeIfPresent(countries.map { $0.map(\.rawValue).sorted() }, forKey: .countries)
        try c.encodeIfPresent(categories.map { $0.map(\.rawValue).sorted() }, forKey: .categories)
        try c.encode(surfaces, forKey: .surfaces)
        try c.encode(defaultPresentation, forKey: .defaultPresentation)
    }

    /// The presentation on `surface`, or `nil` when the card is off there.
    public func presentation(on surface: String?) -> SupportCard.Presentation? {
        guard let surface, let configured = surfaces[surface] else { return defaultPresentation }
        return configured.enabled ? configured.presentation : nil
    }

    /// Whether a reporter falls in the rolled-out share. No reporter (a "get help" query
    /// that files no report) is always in: help that is asked for is never withheld.
    public func includes(tenant: String, reporter: String?) -> Bool {
        if percentage >= 100 { return true }
        guard let reporter else { return true }
        return Double(RolloutBucket.bucket(tenant: tenant, reporter: reporter)) < percentage * 100
    }
}

/// Deterministic bucketing: the same tenant and reporter always land in the same bucket.
///
/// bucket = FNV-1a 64-bit hash of the UTF-8 bytes of `tenant + ":" + reporter`, modulo 10 000.
/// A reporter is in the rollout when bucket < percentage × 100, so raising the percentage
/// only adds reporters and never removes one.
public enum RolloutBucket {
    public static func bucket(tenant: String, reporter: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in tenant.utf8 { mix(byte) }
        mix(UInt8(ascii: ":"))
        for byte in reporter.utf8 { mix(byte) }
        return Int(hash % 10_000)
    }
}
