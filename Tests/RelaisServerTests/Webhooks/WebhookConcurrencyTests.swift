import Foundation
@testable import RelaisServer
import RelaisStore
import RelaisTestSupport
import Testing

/// Several workers over one database file, and workers that stop mid-way.
@Suite("Webhook claims across workers")
struct WebhookConcurrencyTests {
    /// Two worker instances, each with its own connection pool on the same file (as two
    /// `relais serve` processes have), poll at the same time: the receiver sees each event
    /// id exactly once.
    @Test func twoWorkersDeliverEachEventOnce() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        try await fixture.setEndpoint(receiver.url)
        await receiver.log.answerAfter(.milliseconds(20))  // so the two workers overlap
        try await fixture.fileReports(60)
        let first = fixture.worker(id: "worker-a", batchSize: 4)
        let second = fixture.worker(storage: try fixture.secondStorage(), id: "worker-b", batchSize: 4)

        async let a = drain(first)
        async let b = drain(second)
        let (claimedByA, claimedByB) = try await (a, b)

        #expect(claimedByA + claimedByB == 60, "every event claimed once in all")
        #expect(claimedByA > 0 && claimedByB > 0, "both workers took part")
        let counts = await receiver.log.counts
        #expect(counts.count == 60)
        #expect(counts.values.allSatisfy { $0 == 1 }, "no event sent twice")
        #expect(try await fixture.events().allSatisfy { $0.status == "delivered" && $0.attempts == 1 })
    }

    /// Polls until a poll finds nothing; returns how many events this worker claimed.
    private func drain(_ worker: WebhookWorker) async throws -> Int {
        var total = 0
        while true {
            let claimed = try await worker.deliverDueEvents()
            if claimed == 0 { return total }
            total += claimed
        }
    }

    /// A worker running as a service is stopped mid-way (its task cancelled, as when the
    /// process is killed), then a new worker starts over the same file. Every event is
    /// delivered; an event may arrive twice only if it was sent but not yet marked when the
    /// first worker stopped (a crash between send and mark: at-least-once). Events marked
    /// delivered are never sent again.
    @Test func acrossARestartNothingIsLostAndOnlyUnmarkedSendsRepeat() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        let receiver = try await Receiver.start()
        defer { Task { await receiver.stop() } }
        await receiver.log.answerAfter(.milliseconds(150))
        try await fixture.setEndpoint(receiver.url)
        try await fixture.fileReports(12)

        let first = fixture.worker(id: "before-restart", batchSize: 3)
        let running = Task { try await first.run() }
        #expect(try await eventually { await receiver.log.requests.count >= 4 })
        running.cancel()
        _ = await running.result
        // Sends already on the wire when the worker stopped still land: let them (the receiver
        // answers after 150 ms) before taking stock of what arrived.
        var lastCount = -1
        while await receiver.log.requests.count != lastCount {
            lastCount = await receiver.log.requests.count
            try await Task.sleep(for: .milliseconds(400))
        }

        let afterStop = try await fixture.events()
        let markedDelivered = Set(afterStop.filter { $0.status == "delivered" }.map(\.id))
        let seenBeforeRestart = Set(await receiver.log.eventIds)
        #expect(!markedDelivered.isEmpty && markedDelivered.count < 12, "stopped mid-way")
        // What the first worker held when it stopped stays claimed until its lease ends:
        // a new worker must not send it while the old one might still be sending.
        let second = fixture.worker(storage: try fixture.secondStorage(), id: "after-restart", batchSize: 3)
        let stillClaimed = afterStop.filter { $0.claimedBy == "before-restart" }.count
        if stillClaimed > 0 {
            #expect(try await second.deliverDueEvents() <= 12 - markedDelivered.count - stillClaimed)
        }
        fixture.clock.advance(first.options.claimLease + 1)
        await receiver.log.answerAfter(nil)
        while try await second.deliverDueEvents() > 0 {}

        let final = try await fixture.events()
        #expect(final.count == 12 && final.allSatisfy { $0.status == "delivered" }, "nothing lost")
        let counts = await receiver.log.counts
        #expect(Set(counts.keys) == Set(final.map(\.id)))
        // A repeat is an event the first worker claimed (and perhaps sent) but never marked
        // delivered. Its request may reach the receiver after the snapshot above: a send in
        // flight when the worker stopped still arrives. That is at-least-once, as documented.
        let claimedByFirst = Set(afterStop.filter { $0.claimedBy == "before-restart" }.map(\.id)).union(seenBeforeRestart)
        for (id, count) in counts where count > 1 {
            #expect(count == 2 && claimedByFirst.contains(id) && !markedDelivered.contains(id),
                    "only a send the first worker never marked is repeated")
        }
        for id in markedDelivered { #expect(counts[id] == 1, "a delivered event is never sent again") }
    }

    /// A claim keeps other workers away until its lease ends; a worker whose lease ran out
    /// cannot overwrite what the next worker recorded.
    @Test func aLiveClaimExcludesOtherWorkersAndAStaleOneCannotWrite() async throws {
        let fixture = try await WebhookFixture()
        defer { fixture.remove() }
        try await fixture.setEndpoint("http://127.0.0.1:9/hook")
        try await fixture.fileReports(1)
        let now = fixture.clock.now()
        let other = try fixture.secondStorage()
        let claimed = try await fixture.storage.claimDueWebhooks(now: now, leaseUntil: now + 30, worker: "a", limit: 10)
        #expect(claimed.count == 1)
        #expect(try await other.claimDueWebhooks(now: now + 29, leaseUntil: now + 59, worker: "b", limit: 10).isEmpty)
        let reclaimed = try await other.claimDueWebhooks(now: now + 30, leaseUntil: now + 60, worker: "b", limit: 10)
        #expect(reclaimed.map(\.eventId) == claimed.map(\.eventId), "an expired lease is free again")

        let failure = WebhookFailure(attempts: 1, error: "timeout", nextAttemptAt: now + 32, dead: false)
        #expect(try await fixture.storage.markWebhookFailed(eventId: claimed[0].eventId, worker: "a", failure: failure) == false)
        #expect(try await other.markWebhookFailed(eventId: claimed[0].eventId, worker: "b", failure: failure) == true)
        #expect(try await fixture.event(claimed[0].eventId)?.claimedBy == nil)
    }
}
