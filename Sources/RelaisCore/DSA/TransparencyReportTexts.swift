/// What a tenant writes into its transparency report itself (`tenants.NAME.dsa.report` in the
/// config file, docs/dsa.md): the names, the qualitative texts of part 11, and which of the
/// figures Relais cannot see the provider declares to be none.
public struct TransparencyReportTexts: Sendable, Equatable, Decodable {
    /// Figures that happen outside Relais. Left blank unless the provider declares them none
    /// (`noneOutsideRelais`), when they are 0: Annex II's blank means "does not apply", 0 means
    /// "applies, and there were none", and only the provider can say which.
    public enum Unrecorded: String, Sendable, Equatable, Decodable, CaseIterable {
        /// Member State orders (part 3).
        case orders
        /// Measures taken at the provider's own initiative (parts 5, 6 and part 8's own-initiative rows).
        case ownInitiative
        /// Disputes before out-of-court settlement bodies (part 7).
        case outOfCourt
        /// Art. 23 suspensions (part 7).
        case suspensions
    }

    /// Part 11's six indicators that apply to every provider.
    public struct Qualitative: Sendable, Equatable, Decodable {
        public var ownInitiativeSummary: String?
        public var ownInitiativeInformation: String?
        public var automatedMeans: String?
        public var automatedMeansAccuracy: String?
        public var automatedMeansPurposes: String?
        public var automatedMeansSafeguards: String?

        public init(
            ownInitiativeSummary: String? = nil, ownInitiativeInformation: String? = nil, automatedMeans: String? = nil,
            automatedMeansAccuracy: String? = nil, automatedMeansPurposes: String? = nil, automatedMeansSafeguards: String? = nil
        ) {
            self.ownInitiativeSummary = ownInitiativeSummary
            self.ownInitiativeInformation = ownInitiativeInformation
            self.automatedMeans = automatedMeans
            self.automatedMeansAccuracy = automatedMeansAccuracy
            self.automatedMeansPurposes = automatedMeansPurposes
            self.automatedMeansSafeguards = automatedMeansSafeguards
        }
    }

    /// Part 1's "Name of the service provider".
    public var providerName: String?
    /// The `Service` column (`--service-name` wins).
    public var serviceName: String?
    /// Part 1's "Date of the publication of the latest previous report", YYYY-MM-DD.
    public var previousReportDate: CalendarDay?
    public var noneOutsideRelais: Set<Unrecorded>
    public var qualitative: Qualitative

    public init(
        providerName: String? = nil, serviceName: String? = nil, previousReportDate: CalendarDay? = nil, noneOutsideRelais: Set<Unrecorded> = [],
        qualitative: Qualitative = Qualitative()
    ) {
        self.providerName = providerName
        self.serviceName = serviceName
        self.previousReportDate = previousReportDate
        self.noneOutsideRelais = noneOutsideRelais
        self.qualitative = qualitative
    }

    enum CodingKeys: String, CodingKey { case providerName, serviceName, previousReportDate, noneOutsideRelais, qualitative }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        providerName = try c.decodeIfPresent(String.self, forKey: .providerName)
        serviceName = try c.decodeIfPresent(String.self, forKey: .serviceName)
        if let text = try c.decodeIfPresent(String.self, forKey: .previousReportDate) {
            guard let day = CalendarDay(text) else {
                throw DecodingError.dataCorruptedError(forKey: .previousReportDate, in: c, debugDescription: "'\(text)' is not a day written YYYY-MM-DD")
            }
            previousReportDate = day
        }
        noneOutsideRelais = Set(try c.decodeIfPresent([Unrecorded].self, forKey: .noneOutsideRelais) ?? [])
        qualitative = try c.decodeIfPresent(Qualitative.self, forKey: .qualitative) ?? Qualitative()
    }
}
