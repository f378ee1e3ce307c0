import Foundation
import RelaisClient
import RelaisCore
import RelaisServer
import Testing

/// Help when Relais cannot be reached: the card decided on the device equals the server's,
/// and a report kept on the device reaches Relais once.
@Suite("RelaisClient offline")
struct OfflineTests {
    static let countries = ["FR", "DE", "GB", "US", "BE", "NO", "AU", "ES", "IT", "NL"].map { CountryCode(rawValue: $0)! }
    static let categories: [ReportCategory] = [.harassment, .threat, .selfHarm, .grooming, .sextortion, .spam]
    /// Afternoon and late evening in Paris, a Sunday night, Christmas Day, New Year's Eve.
    static let instants = [
        "2026-11-29T15:00:00+01:00", "2026-11-29T23:30:00+01:00", "2026-12-06T03:00:00Z", "2026-12-25T10:00:00Z",
        "2026-12-31T22:45:00Z",
    ].map { Timestamp.parse($0)! }

    func client(_ server: LoopbackServer, storage: URL, retry: RetryPolicy = .none) -> RelaisClient {
        RelaisClient(configuration: .init(server: server.url, apiKey: server.apiKey, storage: storage, retry: retry, now: { server.clock.now }))
    }

    @Test func theOfflineCardEqualsTheServersForATableOfInputs() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let relais = client(server, storage: freshStorage())
        try await relais.refreshDirectory()
        var queries: [(HelpQuery, Date)] = []
        for instant in Self.instants {
            for (index, country) in Self.countries.enumerated() {
                for category in Self.categories {
                    for age in AgeBracket.allCases {
                        let locale = [nil, "en-GB", "fr-FR", "de"][index % 4]
                        queries.append((HelpQuery(country: country, category: category, locale: locale, age: age, surface: "ios"), instant))
                    }
                }
            }
        }
        var online: [HelpCard?] = []
        for (query, instant) in queries {
            server.clock.now = instant
            online.append(try await relais.support(for: query))
        }
        #expect(online.allSatisfy { $0 == nil || $0?.origin == .server })
        #expect(online.compactMap { $0 }.count > queries.count / 2, "most inputs give a card")
        await server.stop()

        var mismatches = 0
        for ((query, instant), served) in zip(queries, online) {
            server.clock.now = instant
            let offline = try await relais.support(for: query)
            #expect(offline == nil || offline?.origin == .device(directory: .cached))
            if offline?.card != served?.card {
                mismatches += 1
                if mismatches <= 3 { Issue.record("\(query) at \(instant): offline \(String(describing: offline?.card)) ≠ server \(String(describing: served?.card))") }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(queries.count) cards differ")
        await server.remove()
    }

    /// A configured tenant: a surface shown as a call button, a share of reporters, some
    /// categories, its own order of lines. The device reads all of it from the directory.
    @Test func aConfiguredTenantsRolloutIsDecidedTheSameOnTheDevice() async throws {
        let rollout = SupportRollout(
            percentage: 50, categories: [.harassment, .threat, .selfHarm], surfaces: ["ios": .init(presentation: .callButton), "tv": .init(presentation: .link, enabled: false)],
            defaultPresentation: .link)
        let settings = TenantSupportConfig(rollout: rollout, helplines: HelplineOverrides(order: ["fr-119"]))
        let server = try await LoopbackServer(config: RelaisConfig(tenants: ["acme": settings]))
        try await server.start()
        let relais = client(server, storage: freshStorage())
        try await relais.refreshDirectory()
        var drafts: [ReportDraft] = []
        for reporter in 0..<24 {
            for surface in ["ios", "web", "tv"] {
                drafts.append(sampleDraft(reporter: "r-\(reporter)", subject: "s-\(reporter)-\(surface)", category: [.harassment, .threat, .selfHarm, .hate][reporter % 4], surface: surface))
            }
        }
        var served: [SupportCard?] = []
        for draft in drafts {
            let outcome = try await relais.fileReport(draft)
            guard case .filed(let receipt) = outcome.delivery else { Issue.record("not filed: \(outcome.delivery)"); return await server.remove() }
            served.append(receipt.support)
        }
        let shown = served.compactMap { $0 }
        #expect(!shown.isEmpty && shown.count < drafts.count, "some reporters are in the share, some not")
        #expect(shown.contains { $0.presentation == .callButton } && shown.contains { $0.presentation == .link })
        await server.stop()
        for (draft, card) in zip(drafts, served) {
            let offline = try await relais.offlineHelp(for: draft)
            #expect(offline?.card == card, "\(draft.reporter.id) on \(draft.surface), \(draft.category)")
        }
        await server.remove()
    }

    @Test func aQueuedReportIsDeliveredAfterARestartExactlyOnce() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let storage = freshStorage()
        try await client(server, storage: storage).refreshDirectory()
        await server.stop()

        // Relais is down: the person sees help at once, the report waits on the device.
        let outcome = try await client(server, storage: storage).fileReport(sampleDraft())
        guard case .queued(let key, .unreachable) = outcome.delivery else { Issue.record("not queued: \(outcome.delivery)"); return await server.remove() }
        #expect(outcome.help?.origin == .device(directory: .cached))
        #expect(outcome.help?.card.helplines.first?.id == "fr-3018")
        let stillDown = try await client(server, storage: storage).deliverQueued()
        #expect(stillDown.map(\.idempotencyKey) == [key])
        guard case .kept(.unreachable)? = stillDown.first?.result else { Issue.record("not kept: \(stillDown)"); return await server.remove() }

        // Relais is back; the app starts again (a new client on the same files). The first
        // delivery's answer is lost on the way, as if the connection dropped.
        try await server.start()
        let lossy = RelaisClient(
            configuration: .init(server: server.url, apiKey: server.apiKey, storage: storage, retry: .none, now: { server.clock.now }),
            transport: FaultyTransport([.dropAnswer]))
        let lost = try await lossy.deliverQueued()
        guard case .kept(.unreachable)? = lost.first?.result else { Issue.record("not kept: \(lost)"); return await server.remove() }
        #expect(try await server.reportCount() == 1, "stored, though the device does not know yet")

        let delivered = try await client(server, storage: storage).deliverQueued()
        #expect(delivered.map(\.idempotencyKey) == [key], "sent with the key it was first sent with")
        guard case .filed(let receipt)? = delivered.first?.result else { Issue.record("not filed: \(delivered)"); return await server.remove() }
        #expect(receipt.replayed, "Relais recognised the key: not filed twice")
        #expect(try await client(server, storage: storage).queuedReports().isEmpty)
        #expect(try await client(server, storage: storage).deliverQueued().isEmpty)
        #expect(try await server.reportCount() == 1, "exactly once, in the database")
        await server.remove()
    }

    @Test func anUnreadableQueueIsSetAsideAndNeverBlocksAReport() async throws {
        let storage = freshStorage()
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: storage.appendingPathComponent("queued-reports.json"))
        let nowhere = RelaisClient(
            configuration: .init(server: URL(string: "http://127.0.0.1:9")!, apiKey: "k", storage: storage, retry: .none, now: { LoopbackServer.afternoon }))
        let outcome = try await nowhere.fileReport(sampleDraft())
        guard case .queued = outcome.delivery else { Issue.record("not queued: \(outcome.delivery)"); return }
        #expect(outcome.help?.decidedOffline == true)
        #expect(try await nowhere.queuedReports().count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: storage.path)
        #expect(files.contains { $0.hasPrefix("queued-reports.unreadable-") }, "kept for the app to look at, not deleted")
    }

    @Test func aFreshInstallWithoutNetworkUsesTheBundledDirectory() async throws {
        let nowhere = RelaisClient(
            configuration: .init(server: URL(string: "http://127.0.0.1:9")!, apiKey: "k", storage: freshStorage(), retry: .none, now: { LoopbackServer.afternoon }))
        let help = try #require(try await nowhere.support(for: HelpQuery(country: CountryCode(rawValue: "FR")!, age: .teen)))
        #expect(help.origin == .device(directory: .bundled) && help.decidedOffline)
        #expect(help.card.directoryVersion == (try HelplineDirectory.bundled()).version, "the bundled version is shown")
        #expect(help.card.helplines.first?.id == "fr-3018")
        let window = HelpWindow(help, device: .phone, surface: "ios", country: CountryCode(rawValue: "FR")!)
        #expect(window.offlineNotice?.contains(help.card.directoryVersion) == true)
    }
}
