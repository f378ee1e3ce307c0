import Foundation
import RelaisClient
import RelaisCore
import RelaisServer
import Testing

/// The client against a real server on loopback: each call, its errors and its retries.
@Suite("RelaisClient against a live server")
struct ClientAPITests {
    func client(_ server: LoopbackServer, transport: any RelaisTransport = URLSessionTransport(), retry: RetryPolicy = .default) -> RelaisClient {
        RelaisClient(
            configuration: .init(server: server.url, apiKey: server.apiKey, storage: freshStorage(), retry: retry, now: { server.clock.now }),
            transport: transport)
    }

    @Test func reportWithItsCard() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let relais = client(server)
        let outcome = try await relais.fileReport(sampleDraft())
        guard case .filed(let receipt) = outcome.delivery else { Issue.record("not filed: \(outcome.delivery)"); return await server.remove() }
        #expect(!receipt.replayed)
        let help = try #require(outcome.help)
        #expect(help.origin == .server)
        #expect(help.card == receipt.support)
        #expect(help.card.helplines.first?.id == "fr-3018")
        #expect(try await relais.queuedReports().isEmpty, "a filed report leaves the queue")
        let status = try await relais.report(id: receipt.id)
        #expect(status.caseId == receipt.caseId && status.caseReportCount == 1 && status.support == receipt.support)
        await #expect(throws: RelaisError.notFound) { try await relais.report(id: "no-such-report") }
        #expect(try await server.reportCount() == 1)
        await server.remove()
    }

    @Test func aRetryAfterADroppedConnectionFilesOnce() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let sleeps = SleepRecorder()
        let transport = FaultyTransport([.dropAnswer])
        let outcome = try await client(server, transport: transport, retry: sleeps.policy).fileReport(sampleDraft())
        guard case .filed(let receipt) = outcome.delivery else { Issue.record("not filed: \(outcome.delivery)"); return await server.remove() }
        #expect(receipt.replayed, "the second attempt got the first one's receipt")
        #expect(sleeps.delays.count == 1)
        let keys = transport.requests.filter { $0.method == "POST" }.map { $0.headers["Idempotency-Key"] }
        #expect(keys.count == 2 && keys[0] != nil && keys[0] == keys[1], "one key on every attempt")
        #expect(try await server.reportCount() == 1, "filed once, in the database")
        await server.remove()
    }

    @Test func fieldErrorsAreTyped() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let relais = client(server)
        var draft = sampleDraft(locale: "not a locale", surface: "bad surface!")
        draft.subject.url = "ftp://example.org"
        do {
            _ = try await relais.fileReport(draft)
            Issue.record("an invalid report was accepted")
        } catch let RelaisError.invalid(errors) {
            #expect(Set(errors.map(\.field)) == ["surface", "reporter.locale", "subject.url"])
            #expect(errors.allSatisfy { !$0.message.isEmpty })
        }
        #expect(try await relais.queuedReports().isEmpty, "a refused report is not kept: it would fail again")
        #expect(try await server.reportCount() == 0)
        let wrongKey = RelaisClient(configuration: .init(server: server.url, apiKey: "wrong", storage: freshStorage()))
        await #expect(throws: RelaisError.unauthorized) { try await wrongKey.fileReport(sampleDraft()) }
        await server.remove()
    }

    @Test func status429And503AreRetriedHonouringRetryAfter() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let sleeps = SleepRecorder()
        let transport = FaultyTransport([.answer(status: 429, retryAfter: "7"), .answer(status: 503, retryAfter: "2"), .noNetwork])
        let outcome = try await client(server, transport: transport, retry: sleeps.policy).fileReport(sampleDraft())
        guard case .filed(let receipt) = outcome.delivery else { Issue.record("not filed: \(outcome.delivery)"); return await server.remove() }
        #expect(!receipt.replayed)
        #expect(sleeps.delays.count == 3)
        #expect(Array(sleeps.delays.prefix(2)) == [7, 2], "Retry-After honoured")
        #expect(try await server.reportCount() == 1)
        await server.remove()
    }

    @Test func theServersOwnRateLimitIsTyped() async throws {
        var config = RelaisConfig.empty
        config.rateLimits.reporter = RateLimit(burst: 1, perMinute: 1)
        let server = try await LoopbackServer(config: config)
        try await server.start()
        let relais = client(server, retry: .none)
        let first = try await relais.fileReport(sampleDraft(subject: "c-1"))
        guard case .filed = first.delivery else { Issue.record("not filed"); return await server.remove() }
        let second = try await relais.fileReport(sampleDraft(subject: "c-2"))
        guard case .queued(_, .rateLimited(let retryAfter)) = second.delivery else {
            Issue.record("not rate limited: \(second.delivery)")
            return await server.remove()
        }
        #expect((retryAfter ?? 0) > 0, "the server's Retry-After is read")
        #expect(second.help?.decidedOffline == true, "the person still sees help")
        #expect(try await relais.queuedReports().count == 1)
        await server.remove()
    }

    @Test func directoryWithETagAnd304() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let transport = FaultyTransport([], when: { _ in false })
        let relais = client(server, transport: transport)
        guard case .updated(let version) = try await relais.refreshDirectory() else { Issue.record("no directory"); return await server.remove() }
        #expect(version == server.env.directory.version)
        #expect(try await relais.refreshDirectory() == .fresh, "younger than its max age: nothing asked")
        #expect(try await relais.refreshDirectory(force: true) == .notModified)
        let asked = transport.requests.filter { $0.url.path == "/v1/directory" }
        #expect(asked.count == 2)
        #expect(asked[0].headers["If-None-Match"] == nil && asked[1].headers["If-None-Match"]?.hasPrefix("\"") == true)
        server.clock.now += 3601
        #expect(try await relais.refreshDirectory() == .notModified, "stale after the server's max-age: asked again")
        let directory = try await relais.offlineDirectory()
        #expect(directory.source == .cached && directory.version == version)
        #expect(directory.document.helplines.count == server.env.directory.allHelplines.filter(\.verified).count)
        await server.remove()
    }

    @Test func helpWithoutAReportHelplinesAndEvents() async throws {
        let server = try await LoopbackServer()
        try await server.start()
        let relais = client(server)
        let help = try #require(try await relais.support(for: HelpQuery(country: CountryCode(rawValue: "FR")!, locale: "en-GB")))
        #expect(help.origin == .server && help.card.locale == "en" && help.card.helplines.first?.id == "fr-3018")
        #expect(try await relais.support(for: HelpQuery(country: CountryCode(rawValue: "FR")!, category: .spam)) == nil)
        let lines = try await relais.helplines(country: CountryCode(rawValue: "FR")!)
        #expect(lines.country == "FR" && lines.helplines.contains { $0.id == "fr-3018" })

        let window = HelpWindow(help, device: .phone, surface: "ios", country: CountryCode(rawValue: "FR")!)
        for event in window.shownEvents { try await relais.record(event) }
        try await relais.record(try #require(window.lines.first?.primary?.event))
        await #expect(throws: RelaisError.self) {
            try await relais.record(SupportEventDraft(reportId: nil, helplineId: "no-such-line", event: .call, surface: "ios", country: CountryCode(rawValue: "FR")!))
        }
        await server.remove()
    }
}
