import Foundation
import GRDB
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Webhook store")
struct WebhookStoreTests {
    @Test func theSecretIsMadeOnceKeptOnAURLChangeAndRotatedOnRequest() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        _ = try await storage.createTenant(name: "acme", now: Date())
        #expect(try await storage.webhookEndpoint(tenantName: "acme") == nil)

        let (first, secret) = try await storage.setWebhookEndpoint(tenantName: "acme", url: "https://example.org/hook", rotateSecret: false, now: Date())
        let made = try #require(secret)
        #expect(made.hasPrefix("whsec_") && made.count == 6 + 64, "32 random bytes, hex")
        #expect(first.secretPrefix == String(made.prefix(14)))

        let (moved, kept) = try await storage.setWebhookEndpoint(tenantName: "acme", url: "http://10.0.0.2:8080/relais", rotateSecret: false, now: Date())
        #expect(kept == nil && moved.secret == made && moved.url == "http://10.0.0.2:8080/relais")

        let (_, rotated) = try await storage.setWebhookEndpoint(tenantName: "acme", url: moved.url, rotateSecret: true, now: Date())
        #expect(rotated != nil && rotated != made)
        #expect(try await storage.webhookEndpoint(tenantName: "acme")?.secret == rotated)
    }

    @Test func onlyHttpURLsWithAHostAndKnownTenants() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        _ = try await storage.createTenant(name: "acme", now: Date())
        for bad in ["ftp://example.org/x", "example.org/hook", "https://", "not a url", "file:///etc/passwd", ""] {
            await #expect(throws: WebhookError.invalidURL(bad)) {
                try await storage.setWebhookEndpoint(tenantName: "acme", url: bad, rotateSecret: false, now: Date())
            }
        }
        await #expect(throws: StorageError.tenantNotFound("nobody")) {
            try await storage.setWebhookEndpoint(tenantName: "nobody", url: "https://example.org", rotateSecret: false, now: Date())
        }
        await #expect(throws: StorageError.tenantNotFound("nobody")) { try await storage.webhookStatus(tenantName: "nobody") }
    }

    @Test func claimsTakeOnlyDueEventsOfTenantsWithAnEndpoint() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (acme, _) = try await storage.createTenant(name: "acme", now: Date())
        let (quiet, _) = try await storage.createTenant(name: "quiet", now: Date())
        _ = try await storage.submit(submission(acme, draft()))
        _ = try await storage.submit(submission(quiet, draft()))
        let now = Date().addingTimeInterval(1)
        #expect(try await storage.claimDueWebhooks(now: now, leaseUntil: now + 30, worker: "w", limit: 10).isEmpty, "no endpoints yet")

        let (endpoint, _) = try await storage.setWebhookEndpoint(tenantName: "acme", url: "https://acme.example/hook", rotateSecret: false, now: now)
        let claimed = try await storage.claimDueWebhooks(now: now, leaseUntil: now + 30, worker: "w", limit: 10)
        #expect(claimed.count == 1)
        #expect(claimed.first?.tenantId == acme.id && claimed.first?.url == endpoint.url && claimed.first?.secret == endpoint.secret)
        #expect(claimed.first?.attempts == 0 && claimed.first?.type == "report.received")
        #expect(try await storage.claimDueWebhooks(now: now, leaseUntil: now + 30, worker: "w2", limit: 10).isEmpty, "already claimed")
        #expect(try await storage.webhookStatus(tenantName: "quiet").pending == 1, "quiet's event waits for an endpoint")

        // A failed attempt with a later retry is not due before then.
        let failure = WebhookFailure(attempts: 1, error: "HTTP 500", nextAttemptAt: now + 10, dead: false)
        #expect(try await storage.markWebhookFailed(eventId: claimed[0].eventId, worker: "w", failure: failure))
        #expect(try await storage.claimDueWebhooks(now: now + 9, leaseUntil: now + 39, worker: "w", limit: 10).isEmpty)
        let again = try await storage.claimDueWebhooks(now: now + 10, leaseUntil: now + 40, worker: "w", limit: 10)
        #expect(again.first?.attempts == 1)
        try await storage.markWebhookDelivered(eventId: claimed[0].eventId, at: now + 11)
        try await storage.markWebhookDelivered(eventId: claimed[0].eventId, at: now + 12)  // a late duplicate counts nothing
        let status = try await storage.webhookStatus(tenantName: "acme")
        #expect(status == WebhookStatus(pending: 0, delivered: 1, dead: 0, deadEvents: []))
        let attempts = try await db.int("SELECT attempts FROM outbox_events WHERE id = '\(claimed[0].eventId)'")
        #expect(attempts == 2)
    }

    @Test func statusCountsAndListsDeadLettersAndReplayPutsThemBack() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (acme, _) = try await storage.createTenant(name: "acme", now: Date())
        let (beta, _) = try await storage.createTenant(name: "beta", now: Date())
        for tenant in [acme, acme, acme, beta] { _ = try await storage.submit(submission(tenant, draft(subject: UUID().uuidString))) }
        for name in ["acme", "beta"] { _ = try await storage.setWebhookEndpoint(tenantName: name, url: "https://\(name).example/h", rotateSecret: false, now: Date()) }
        let now = Date().addingTimeInterval(1)
        let claimed = try await storage.claimDueWebhooks(now: now, leaseUntil: now + 30, worker: "w", limit: 10)
        #expect(claimed.count == 4)
        let acmeEvents = claimed.filter { $0.tenantId == acme.id }, betaEvent = claimed.first { $0.tenantId == beta.id }!
        try await storage.markWebhookDelivered(eventId: acmeEvents[0].eventId, at: now)
        let dead = WebhookFailure(attempts: 16, error: "connection refused", nextAttemptAt: now, dead: true)
        try await storage.markWebhookFailed(eventId: acmeEvents[1].eventId, worker: "w", failure: dead)
        try await storage.markWebhookFailed(eventId: betaEvent.eventId, worker: "w", failure: dead)

        let all = try await storage.webhookStatus(tenantName: nil)
        #expect(all.pending == 1 && all.delivered == 1 && all.dead == 2)
        let acmeStatus = try await storage.webhookStatus(tenantName: "acme")
        #expect(acmeStatus.dead == 1 && acmeStatus.deadEvents.map(\.id) == [acmeEvents[1].eventId])
        #expect(acmeStatus.deadEvents.first?.lastError == "connection refused" && acmeStatus.deadEvents.first?.attempts == 16)
        #expect(acmeStatus.deadEvents.first?.tenant == "acme")

        // The event still claimed by "w" is in flight: a replay must not send it twice at once.
        await #expect(throws: WebhookError.eventInFlight(acmeEvents[2].eventId)) {
            try await storage.replayWebhooks(.event(acmeEvents[2].eventId), tenantName: nil, actor: "cli", now: now)
        }
        await #expect(throws: WebhookError.eventNotFound("nope")) { try await storage.replayWebhooks(.event("nope"), tenantName: nil, actor: "cli", now: now) }
        await #expect(throws: WebhookError.eventNotFound(betaEvent.eventId)) {
            try await storage.replayWebhooks(.event(betaEvent.eventId), tenantName: "acme", actor: "cli", now: now)
        }

        #expect(try await storage.replayWebhooks(.dead, tenantName: "acme", actor: "cli", now: now) == 1, "only acme's dead letter")
        #expect(try await storage.webhookStatus(tenantName: "beta").dead == 1)
        #expect(try await storage.replayWebhooks(.dead, tenantName: nil, actor: "cli", now: now) == 1)
        // A delivered event can be sent again on request (the receiver deduplicates).
        #expect(try await storage.replayWebhooks(.event(acmeEvents[0].eventId), tenantName: "acme", actor: "cli", now: now) == 1)
        let after = try await storage.webhookStatus(tenantName: nil)
        #expect(after.pending == 4 && after.delivered == 0 && after.dead == 0)
        let replayed = try await storage.claimDueWebhooks(now: now, leaseUntil: now + 30, worker: "w2", limit: 10)
        #expect(Set(replayed.map(\.eventId)) == Set([acmeEvents[0], acmeEvents[1], betaEvent].map(\.eventId)))
        #expect(replayed.allSatisfy { $0.attempts == 0 }, "a fresh count of attempts")
    }

    @Test func theSecretIsNeverInTheStatus() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        _ = try await storage.createTenant(name: "acme", now: Date())
        let (_, secret) = try await storage.setWebhookEndpoint(tenantName: "acme", url: "https://a.example", rotateSecret: false, now: Date())
        let json = String(decoding: try JSONEncoder().encode(try await storage.webhookStatus(tenantName: nil)), as: UTF8.self)
        #expect(!json.contains(try #require(secret)))
    }
}
