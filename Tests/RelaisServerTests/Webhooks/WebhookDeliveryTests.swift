import Foundation
import HummingbirdTesting
import Logging
@testable import RelaisServer
import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    @Test func signedPostWithTheDocumentedHeadersThenDelivered() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        let secret = try await fixture.setEndpoint(receiver.url)
        let reports = try await fixture.fileReports(1)

        #expect(try await fixture.worker().deliverDueEvents() == 1)
        let received = try #require(await receiver.log.requests.first)
        let event = try #require(try await fixture.events().first)
        #expect(received.eventId == event.id)
        #expect(received.type == "report.received")
        #expect(received.contentType == "application/json")
        #expect(received.timestamp == String(Int(fixture.clock.now().timeIntervalSince1970)))
        #expect(String(decoding: received.body, as: UTF8.self) == event.payload, "the stored payload, byte for byte")
        let payload = try JSONSerialization.jsonObject(with: received.body) as? [String: Any]
        #expect(payload?["reportId"] as? String == reports[0])
        #expect(payload?["event"] as? String == "report.received")

        let timestamp = try #require(Int(received.timestamp))
        #expect(WebhookSignature.verify(header: received.signature, secret: secret, timestamp: timestamp, body: received.body))
        #expect(!WebhookSignature.verify(header: received.signature, secret: WebhookSecret.generate(), timestamp: timestamp, body: received.body))

        #expect(event.status == "delivered" && event.attempts == 1 && event.claimedBy == nil)
        #expect(try await fixture.worker().deliverDueEvents() == 0, "delivered events are never sent again")
        #expect(await receiver.log.requests.count == 1)
    }

    @Test func withoutAnEndpointEventsWaitThenGoOnceOneIsSet() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        try await fixture.fileReports(2)
        let worker = fixture.worker()
        #expect(try await worker.deliverDueEvents() == 0)
        fixture.clock.advance(3600)
        #expect(try await worker.deliverDueEvents() == 0)
        #expect(try await fixture.events().allSatisfy { $0.status == "pending" && $0.attempts == 0 })

        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        try await fixture.setEndpoint(receiver.url)
        #expect(try await worker.deliverDueEvents() == 2)
        #expect(try await fixture.storage.webhookStatus(tenantName: "acme").delivered == 2)
    }

    @Test func receiverDownThenUpDeliversAfterTheRetryExactlyOnce() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        try await fixture.setEndpoint(receiver.url)
        await receiver.stop()
        try await fixture.fileReports(1)
        let worker = fixture.worker()

        #expect(try await worker.deliverDueEvents() == 1)
        var event = try #require(try await fixture.events().first)
        #expect(event.status == "pending" && event.attempts == 1)
        #expect(event.lastError == "connection refused")
        #expect(event.nextAttemptAt == fixture.clock.now().addingTimeInterval(2), "first retry waits up to base = 2 s")
        #expect(try await worker.deliverDueEvents() == 0, "not due before its backoff")

        try await receiver.restart()
        defer { Task { await receiver.stop() } }
        fixture.clock.advance(2)
        #expect(try await worker.deliverDueEvents() == 1)
        event = try #require(try await fixture.events().first)
        #expect(event.status == "delivered" && event.attempts == 2 && event.lastError == nil)
        fixture.clock.advance(3600)
        #expect(try await worker.deliverDueEvents() == 0)
        #expect(await receiver.log.eventIds == [event.id], "exactly once")
    }

    @Test func serverErrorThenSuccess() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        await receiver.log.answer([500, 503])
        try await fixture.setEndpoint(receiver.url)
        try await fixture.fileReports(1)
        let worker = fixture.worker()

        try await worker.deliverDueEvents()
        #expect(try await fixture.events().first?.lastError == "HTTP 500")
        fixture.clock.advance(2)
        try await worker.deliverDueEvents()
        let second = try #require(try await fixture.events().first)
        #expect(second.lastError == "HTTP 503" && second.attempts == 2)
        #expect(second.nextAttemptAt == fixture.clock.now().addingTimeInterval(4), "the wait doubles")
        fixture.clock.advance(4)
        try await worker.deliverDueEvents()
        #expect(try await fixture.events().first?.status == "delivered")
        let requests = await receiver.log.requests
        #expect(requests.count == 3 && Set(requests.map(\.eventId)).count == 1, "the same idempotency key on every attempt")
        #expect(Set(requests.map(\.timestamp)).count == 3, "each attempt is signed with its own timestamp")
    }

    @Test func deadAfterTheMaximumAttemptsThenReplayDeadBringsItBack() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        await receiver.log.answer([500, 500, 500])
        try await fixture.setEndpoint(receiver.url)
        try await fixture.fileReports(1)
        let worker = fixture.worker(maxAttempts: 3)

        for _ in 0..<3 {
            try await worker.deliverDueEvents()
            fixture.clock.advance(3600)
        }
        let dead = try #require(try await fixture.events().first)
        #expect(dead.status == "dead" && dead.attempts == 3 && dead.lastError == "HTTP 500")
        fixture.clock.advance(86_400)
        #expect(try await worker.deliverDueEvents() == 0, "dead letters are not retried")
        let status = try await fixture.storage.webhookStatus(tenantName: nil)
        #expect(status.dead == 1 && status.pending == 0)
        #expect(status.deadEvents.map(\.id) == [dead.id])
        #expect(status.deadEvents.first?.type == "report.received" && status.deadEvents.first?.attempts == 3)

        #expect(try await fixture.storage.replayWebhooks(.dead, tenantName: "acme", actor: "cli", now: fixture.clock.now()) == 1)
        #expect(try await worker.deliverDueEvents() == 1)
        let replayed = try #require(try await fixture.events().first)
        #expect(replayed.status == "delivered" && replayed.attempts == 1, "a replay starts a fresh count")
        #expect(await receiver.log.requests.count == 4)
    }

    @Test func theErrorColumnNeverHoldsAPayloadOrAResponseBody() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        await receiver.log.answer([500, 400, 302])  // the receiver echoes the body back each time
        try await fixture.setEndpoint(receiver.url)
        let reports = try await fixture.fileReports(1)
        let worker = fixture.worker()
        var errors: [String] = []
        for _ in 0..<3 {
            try await worker.deliverDueEvents()
            errors.append(try #require(try await fixture.events().first?.lastError))
            fixture.clock.advance(3600)
        }
        #expect(errors == ["HTTP 500", "HTTP 400", "HTTP 302"], "a redirect is not followed: it is a failure")
        for error in errors {
            #expect(!error.contains(reports[0]) && !error.contains("echo") && !error.contains("{"))
        }
    }

    @Test func aSlowReceiverTimesOut() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        await receiver.log.answerAfter(.seconds(3))
        try await fixture.setEndpoint(receiver.url)
        try await fixture.fileReports(1)
        let started = Date()
        try await fixture.worker(timeout: 1).deliverDueEvents()
        #expect(Date().timeIntervalSince(started) < 2.9)
        let event = try #require(try await fixture.events().first)
        #expect(event.status == "pending" && event.lastError == "timeout")
    }

    /// The whole path: a report filed through the live API, the worker running as one of
    /// the application's services, the receiver getting `report.received`.
    @Test func aReportFiledThroughTheAPIReachesTheReceiver() async throws {
        let server = try await LiveServer()
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        let (endpoint, _) = try await server.storage.setWebhookEndpoint(tenantName: "acme", url: receiver.url, rotateSecret: false, now: Date())
        var logger = Logger(label: "webhooks")
        logger.logLevel = .critical
        // The server's clock is pinned (the report's time); the worker reads the same clock.
        let clock = server.env.clock
        let worker = WebhookWorker(
            store: server.storage, options: .init(pollInterval: .milliseconds(20)), now: { clock.now() }, logger: logger)
        let app = RelaisApplication.application(server.env, host: "127.0.0.1", port: 0, logger: logger, services: [worker])
        try await app.test(.live) { client in
            let response = try await client.post("/v1/reports", key: server.acmeKey, json: reportJSON())
            #expect(response.status == .created)
            let reportId = try #require(response.json["id"] as? String)
            #expect(try await eventually { await receiver.log.requests.count == 1 })
            let received = try #require(await receiver.log.requests.first)
            #expect(String(decoding: received.body, as: UTF8.self).contains(reportId))
            #expect(WebhookSignature.verify(header: received.signature, secret: endpoint.secret, timestamp: Int(received.timestamp)!, body: received.body))
        }
    }
}
