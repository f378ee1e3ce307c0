import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// A replay and its audit entry are one transaction, on both backends, whoever asks (the
/// console passes the moderator's name, the CLI "cli").
@Suite("Webhook replays are audited (SQLite, or PostgreSQL with RELAIS_TEST_BACKEND=postgres)")
struct WebhookReplayAuditTests {
    @Test func aReplayWritesItsAuditEntryPerTenantInTheSameTransaction() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (acme, _) = try await storage.createTenant(name: "acme", now: Date())
        let (beta, _) = try await storage.createTenant(name: "beta", now: Date())
        for (tenant, subject) in [(acme, "a-1"), (acme, "a-2"), (beta, "b-1")] {
            _ = try await storage.submit(submission(tenant, draft(subject: subject)))
        }
        // Past every event's due time, however slowly the reports were filed.
        let now = Date().addingTimeInterval(60)
        for name in ["acme", "beta"] {
            _ = try await storage.setWebhookEndpoint(tenantName: name, url: "https://\(name).example/hook", rotateSecret: false, now: now)
        }
        let claimed = try await storage.claimDueWebhooks(now: now + 1, leaseUntil: now + 30, worker: "w", limit: 10)
        #expect(claimed.count == 3)
        for event in claimed {
            try await storage.markWebhookFailed(
                eventId: event.eventId, worker: "w", failure: WebhookFailure(attempts: 16, error: "HTTP 500", nextAttemptAt: now, dead: true))
        }

        // One event, from the console: the moderator's name.
        let one = try #require(claimed.first { $0.tenantId == acme.id })
        #expect(try await storage.replayWebhooks(.event(one.eventId), tenantName: "acme", actor: "ada", now: now + 2) == 1)
        let first = try #require(try await storage.recentAudit(tenantId: acme.id, limit: 10).first)
        #expect(first.action == WebhookReplayAudit.action && first.actor == "ada" && first.caseId == nil)
        #expect(first.before == #"{"event":"\#(one.eventId)","status":"dead"}"#)
        #expect(first.after == #"{"replayed":"1","status":"pending"}"#)

        // Every dead letter of every tenant, from the CLI: one entry per tenant, with its count.
        #expect(try await storage.replayWebhooks(.dead, tenantName: nil, actor: "cli", now: now + 3) == 2)
        for (tenant, count) in [(acme, 1), (beta, 1)] {
            let entry = try #require(try await storage.recentAudit(tenantId: tenant.id, limit: 10).first)
            #expect(entry.action == WebhookReplayAudit.action && entry.actor == "cli")
            #expect(entry.before == #"{"event":"all dead","status":"dead"}"#)
            #expect(entry.after == #"{"replayed":"\#(count)","status":"pending"}"#)
        }

        // Nothing left to replay: a replay scoped to a tenant is still on record; unscoped, there is no tenant to record it for.
        #expect(try await storage.replayWebhooks(.dead, tenantName: "beta", actor: "cli", now: now + 4) == 0)
        #expect(try await storage.recentAudit(tenantId: beta.id, limit: 10).first?.after == #"{"replayed":"0","status":"pending"}"#)
        let before = try await storage.recentAudit(tenantId: acme.id, limit: 100).count
        #expect(try await storage.replayWebhooks(.dead, tenantName: nil, actor: "cli", now: now + 5) == 0)
        #expect(try await storage.recentAudit(tenantId: acme.id, limit: 100).count == before)

        // A refused replay changes nothing and is not audited.
        await #expect(throws: WebhookError.eventNotFound(one.eventId)) {
            try await storage.replayWebhooks(.event(one.eventId), tenantName: "beta", actor: "cli", now: now + 6)
        }
        #expect(try await storage.recentAudit(tenantId: beta.id, limit: 100).filter { $0.action == WebhookReplayAudit.action }.count == 2)
    }

    @Test func exoticTextRoundTripsExactly() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        let text = "é e\u{301} 👩🏽‍💻 \u{202E}rtl\u{202C} \u{1}\u{7F}\u{FFFD}\u{FEFF}\t\r\n'\"\\"
        guard case .created(let receipt) = try await storage.submit(submission(tenant, draft(subject: "c-\u{1}é", text: text))) else {
            Issue.record("not created")
            return
        }
        let stored = try #require(try await storage.report(id: receipt.id, tenantId: tenant.id))
        #expect(Array(stored.draft.subject.text?.utf8 ?? "".utf8) == Array(text.utf8))
        #expect(Array(stored.draft.subject.id.utf8) == Array("c-\u{1}é".utf8))
    }
}
