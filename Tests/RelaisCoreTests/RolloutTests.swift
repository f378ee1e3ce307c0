import Foundation
import Testing

@testable import RelaisCore

/// The progressive rollout: kill switch, countries, categories, surfaces, percentage buckets.
@Suite("Rollout")
struct RolloutTests {
    static let fr = CountryCode(rawValue: "FR")!
    static let openNow = Fixture.instant("2026-11-29T15:00:00+01:00")

    static func request(
        _ category: ReportCategory = .harassment, surface: String? = nil, reporter: String? = "reporter-1",
        tenant: String = "acme"
    ) -> SupportRequest {
        SupportRequest(
            tenant: tenant, reporterId: reporter, country: fr, category: category, locale: LanguageTag("fr-FR"),
            age: .teen, surface: surface)
    }

    static func decide(_ rollout: SupportRollout, _ request: SupportRequest = request()) -> SupportCard? {
        SupportPolicy.decide(request, config: TenantSupportConfig(rollout: rollout), directory: Fixture.policy, now: openNow)
    }

    // MARK: - Switches and restrictions

    @Test("the default rollout shows the card")
    func defaultShows() {
        #expect(SupportRollout.default == SupportRollout())
        #expect(SupportRollout.default.enabled && SupportRollout.default.percentage == 100)
        #expect(Self.decide(.default) != nil)
    }

    @Test("the kill switch turns the card off for every category and surface", arguments: ReportCategory.allCases)
    func killSwitch(_ category: ReportCategory) {
        let off = SupportRollout(enabled: false, surfaces: ["ios": .init(presentation: .callButton)])
        #expect(Self.decide(off, Self.request(category)) == nil)
        #expect(Self.decide(off, Self.request(category, surface: "ios")) == nil)
        #expect(Self.decide(off, Self.request(category, reporter: nil)) == nil)
    }

    @Test("countries restrict the card")
    func countries() {
        #expect(Self.decide(SupportRollout(countries: [CountryCode(rawValue: "DE")!])) == nil)
        #expect(Self.decide(SupportRollout(countries: [])) == nil)
        #expect(Self.decide(SupportRollout(countries: [Self.fr])) != nil)
        #expect(Self.decide(SupportRollout(countries: [Self.fr, CountryCode(rawValue: "BE")!])) != nil)
    }

    @Test("categories restrict the card", arguments: ReportCategory.allCases)
    func categories(_ category: ReportCategory) {
        let onlyHate = SupportRollout(categories: [.hate])
        let card = Self.decide(onlyHate, Self.request(category))
        #expect((card != nil) == (category == .hate))
        // A category that never triggers the card is not turned on by listing it.
        let listed = SupportRollout(categories: [category])
        #expect((Self.decide(listed, Self.request(category)) != nil) == (category.supportUrgency != nil))
    }

    @Test("a disabled surface gets no card; the others keep theirs")
    func disabledSurface() {
        let rollout = SupportRollout(
            surfaces: ["stories": .init(presentation: .link, enabled: false), "ios": .init(presentation: .callButton)])
        #expect(Self.decide(rollout, Self.request(surface: "stories")) == nil)
        #expect(Self.decide(rollout, Self.request(surface: "ios"))?.presentation == .callButton)
        #expect(Self.decide(rollout, Self.request(surface: "web"))?.presentation == .both)
        #expect(Self.decide(rollout, Self.request(surface: nil))?.presentation == .both)
        #expect(rollout.presentation(on: "stories") == nil)
    }

    @Test(
        "presentation per surface, and the default for unlisted or absent surfaces",
        arguments: [
            ("ios", .callButton), ("web", .link), ("desktop", .both), ("unlisted", .callButton), (nil, .callButton),
        ] as [(String?, SupportCard.Presentation)])
    func presentationPerSurface(_ surface: String?, _ expected: SupportCard.Presentation) {
        let rollout = SupportRollout(
            surfaces: ["ios": .init(presentation: .callButton), "web": .init(presentation: .link), "desktop": .init(presentation: .both)],
            defaultPresentation: .callButton)
        #expect(rollout.presentation(on: surface) == expected)
        #expect(Self.decide(rollout, Self.request(surface: surface))?.presentation == expected)
    }

    @Test("surface ids are matched exactly")
    func surfaceCase() {
        let rollout = SupportRollout(surfaces: ["ios": .init(presentation: .callButton, enabled: false)], defaultPresentation: .link)
        #expect(rollout.presentation(on: "ios") == nil)
        #expect(rollout.presentation(on: "IOS") == .link)
    }

    // MARK: - Percentage and buckets

    /// FNV-1a 64-bit of UTF-8 `tenant + ":" + reporter`, modulo 10 000, computed outside Swift:
    /// python3 -c "h=0xcbf29ce484222325
    /// for c in 'acme:user-42'.encode(): h^=c; h=(h*0x100000001b3)%2**64
    /// print(h, h%10000)"
    @Test(
        "the bucket is the documented FNV-1a hash, pinned",
        arguments: [
            ("acme", "user-42", 4533),  // hash 6785585702759414533
            ("acme", "reporter-0", 4575),  // 7469818484476174575
            ("tenant-a", "r1", 3606),  // 1207895485193653606
            ("", "", 8189),  // 12638146518625398189, the hash of ":"
            ("école", "zoë", 4687),  // UTF-8 bytes, not UTF-16 or characters
            ("relais", "12345", 5586),  // 14884484937760135586
        ])
    func pinnedBucket(_ tenant: String, _ reporter: String, _ bucket: Int) {
        #expect(RolloutBucket.bucket(tenant: tenant, reporter: reporter) == bucket)
    }

    @Test("an independent FNV-1a agrees with RolloutBucket on many inputs")
    func independentHash() {
        func fnv1a(_ text: String) -> UInt64 {
            var hash: UInt64 = 14_695_981_039_346_656_037
            for byte in Array(text.utf8) {
                hash = (hash ^ UInt64(byte)).multipliedReportingOverflow(by: 1_099_511_628_211).partialValue
            }
            return hash
        }
        #expect(fnv1a("a") == 0xaf63_dc4c_8601_ec8c)  // the published test vector
        for i in 0..<500 {
            let tenant = "tenant-\(i % 7)", reporter = "r-\(i)-ü"
            #expect(RolloutBucket.bucket(tenant: tenant, reporter: reporter) == Int(fnv1a(tenant + ":" + reporter) % 10_000))
        }
    }

    @Test("two decimals of the percentage count, on the boundary of a pinned bucket")
    func percentageBoundary() {
        // ("acme", "user-42") is in bucket 4533: in from 45.34 %, out at 45.33 %.
        #expect(!SupportRollout(percentage: 45.33).includes(tenant: "acme", reporter: "user-42"))
        #expect(SupportRollout(percentage: 45.34).includes(tenant: "acme", reporter: "user-42"))
        #expect(Self.decide(SupportRollout(percentage: 45.33), Self.request(reporter: "user-42")) == nil)
        #expect(Self.decide(SupportRollout(percentage: 45.34), Self.request(reporter: "user-42")) != nil)
    }

    @Test("the same tenant and reporter always get the same answer")
    func deterministic() {
        let rollout = SupportRollout(percentage: 50)
        for i in 0..<200 {
            let reporter = "reporter-\(i)"
            let first = rollout.includes(tenant: "acme", reporter: reporter)
            let bucket = RolloutBucket.bucket(tenant: "acme", reporter: reporter)
            for _ in 0..<5 {
                #expect(rollout.includes(tenant: "acme", reporter: reporter) == first)
                #expect(RolloutBucket.bucket(tenant: "acme", reporter: reporter) == bucket)
            }
            #expect((Self.decide(rollout, Self.request(reporter: reporter)) != nil) == first)
        }
    }

    @Test("buckets are in 0..<10 000")
    func bucketRange() {
        for i in 0..<2000 {
            #expect((0..<10_000).contains(RolloutBucket.bucket(tenant: "t\(i % 3)", reporter: "\(i)")))
        }
    }

    static let syntheticReporters = (0..<10_000).map { "reporter-\($0)" }

    @Test("50 % takes roughly half of 10 000 reporters", arguments: ["acme", "other-tenant"])
    func half(_ tenant: String) {
        let rollout = SupportRollout(percentage: 50)
        let included = Self.syntheticReporters.filter { rollout.includes(tenant: tenant, reporter: $0) }.count
        #expect((4500...5500).contains(included), "\(included) of 10 000")
    }

    @Test("other percentages are roughly proportional")
    func proportional() {
        for percentage in [1.0, 10, 25, 75, 90] {
            let rollout = SupportRollout(percentage: percentage)
            let included = Self.syntheticReporters.filter { rollout.includes(tenant: "acme", reporter: $0) }.count
            let expected = percentage * 100
            #expect(abs(Double(included) - expected) <= max(100, expected * 0.1), "\(percentage) %: \(included)")
        }
    }

    @Test("raising the percentage never removes a reporter")
    func monotonic() {
        let ladder: [Double] = [0, 0.25, 1, 5, 10, 25, 33.33, 50, 66.5, 75, 99, 99.99, 100]
        var previous = Set<String>()
        for percentage in ladder {
            let rollout = SupportRollout(percentage: percentage)
            let current = Set(Self.syntheticReporters.prefix(3000).filter { rollout.includes(tenant: "acme", reporter: $0) })
            #expect(previous.isSubset(of: current), "raising to \(percentage) % removed \(previous.subtracting(current).count)")
            previous = current
        }
        #expect(previous.count == 3000)  // 100 % is everyone
    }

    @Test("0 % includes no reporter and 100 % every reporter")
    func extremes() {
        let none = SupportRollout(percentage: 0)
        let all = SupportRollout(percentage: 100)
        for reporter in Self.syntheticReporters.prefix(2000) {
            #expect(!none.includes(tenant: "acme", reporter: reporter))
            #expect(all.includes(tenant: "acme", reporter: reporter))
        }
    }

    @Test("the tenant is part of the bucket: a reporter's luck differs between tenants")
    func tenantMatters() {
        let differing = Self.syntheticReporters.prefix(100).filter {
            RolloutBucket.bucket(tenant: "acme", reporter: $0) != RolloutBucket.bucket(tenant: "globex", reporter: $0)
        }
        #expect(differing.count > 90)
    }

    @Test("a query without reporterId is always in, whatever the percentage", arguments: [0.0, 0.01, 50, 99.99])
    func noReporterAlwaysIn(_ percentage: Double) throws {
        let rollout = SupportRollout(percentage: percentage)
        #expect(rollout.includes(tenant: "acme", reporter: nil))
        #expect(Self.decide(rollout, Self.request(reporter: nil)) != nil)
        // The same through the "get help" query.
        let query = try #require(SupportQuery.validate(["country": "FR"], tenant: "acme").value)
        #expect(query.reporterId == nil)
        #expect(
            SupportPolicy.decide(query, config: TenantSupportConfig(rollout: rollout), directory: Fixture.policy, now: Self.openNow) != nil)
    }

    // MARK: - Decoding the JSON config

    @Test("a full rollout config decodes")
    func decodeFull() throws {
        let rollout = try Fixture.decode(
            SupportRollout.self,
            #"""
            {"enabled": true, "percentage": 12.5, "countries": ["FR", "be"], "categories": ["harassment", "hate"],
             "surfaces": {"instagram": {"presentation": "call_button"}, "stories": {"presentation": "link", "enabled": false}},
             "defaultPresentation": "link"}
            """#)
        #expect(rollout.enabled)
        #expect(rollout.percentage == 12.5)
        #expect(rollout.countries == [Self.fr, CountryCode(rawValue: "BE")!])
        #expect(rollout.categories == [.harassment, .hate])
        #expect(rollout.surfaces["instagram"] == .init(presentation: .callButton, enabled: true))
        #expect(rollout.surfaces["stories"] == .init(presentation: .link, enabled: false))
        #expect(rollout.defaultPresentation == .link)
        #expect(rollout.presentation(on: "instagram") == .callButton)
        #expect(rollout.presentation(on: "stories") == nil)
        #expect(rollout.presentation(on: "web") == .link)
    }

    @Test("an empty rollout config is the default")
    func decodeEmpty() throws {
        let rollout = try Fixture.decode(SupportRollout.self, "{}")
        #expect(rollout == .default)
        #expect(rollout.countries == nil && rollout.categories == nil && rollout.surfaces.isEmpty)
        #expect(rollout.defaultPresentation == .both)
    }

    @Test("a kill-switched config decodes off")
    func decodeOff() throws {
        let rollout = try Fixture.decode(SupportRollout.self, #"{"enabled": false}"#)
        #expect(!rollout.enabled)
        #expect(Self.decide(rollout) == nil)
    }

    @Test("percentages 0 and 100 are accepted", arguments: ["0", "100", "0.01", "99.99", "50"])
    func decodeValidPercentage(_ value: String) throws {
        let rollout = try Fixture.decode(SupportRollout.self, #"{"percentage": \#(value)}"#)
        #expect(rollout.percentage == Double(value))
    }

    @Test("a percentage outside 0–100 is rejected", arguments: ["101", "100.01", "-1", "-0.01", "1000", "1e9"])
    func decodeInvalidPercentage(_ value: String) {
        #expect(throws: DecodingError.self) {
            try Fixture.decode(SupportRollout.self, #"{"percentage": \#(value)}"#)
        }
    }

    @Test(
        "invalid values are rejected",
        arguments: [
            #"{"countries": ["XX"]}"#,
            #"{"countries": ["FRA"]}"#,
            #"{"categories": ["bullying"]}"#,
            #"{"defaultPresentation": "popup"}"#,
            #"{"surfaces": {"ios": {"presentation": "banner"}}}"#,
            #"{"surfaces": {"ios": {"enabled": true}}}"#,
            #"{"percentage": "50"}"#,
            #"{"enabled": "yes"}"#,
        ])
    func decodeInvalid(_ text: String) {
        #expect(throws: DecodingError.self) { try Fixture.decode(SupportRollout.self, text) }
    }

    @Test("the tenant config decodes its rollout and unverified opt-ins, with defaults")
    func tenantConfig() throws {
        let config = try Fixture.decode(
            TenantSupportConfig.self, #"{"rollout": {"percentage": 10}, "showUnverified": ["be-youth", "be-youth"]}"#)
        #expect(config.rollout.percentage == 10)
        #expect(config.showUnverified == ["be-youth"])
        #expect(try Fixture.decode(TenantSupportConfig.self, "{}") == .default)
        #expect(TenantSupportConfig.default.rollout == .default && TenantSupportConfig.default.showUnverified.isEmpty)
    }

    @Test("the rollout encodes and decodes back to itself")
    func roundTrip() throws {
        let rollout = SupportRollout(
            enabled: true, percentage: 33.25, countries: [Self.fr], categories: [.threat],
            surfaces: ["ios": .init(presentation: .callButton, enabled: false)], defaultPresentation: .link)
        let decoded = try JSONDecoder().decode(SupportRollout.self, from: JSONEncoder().encode(rollout))
        #expect(decoded == rollout)
    }
}
