import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Each help card is stored once, for all the reports answered with it (`SupportCardRow`),
/// and every report reads back the card it was answered with, also those stored before.
@Suite("Help cards stored once (SQLite, or PostgreSQL with RELAIS_TEST_BACKEND=postgres)")
struct SupportCardStoreTests {
    static func card(_ title: String) throws -> SupportCard {
        try ReceiptCodec.decodeCard(#"{"directoryVersion":"t-1","helplines":[],"locale":"fr","message":"Parlez-en.","presentation":"both","title":"\#(title)"}"#)
    }

    @Test func reportsAnsweredWithOneCardShareOneRowAndEachReadsItsCard() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        let shared = try Self.card("Vous n’êtes pas seul·e"), other = try Self.card("Tu n’es pas seul·e")
        var ids: [String] = []
        // Concurrently, as a raid files them: the first two share a card.
        let cards = [shared, shared, other, shared]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, card) in cards.enumerated() {
                let report = ReportSubmission(
                    tenantId: tenant.id, reportId: "r-\(index)", draft: draft(subject: "c-\(index % 2)", reporter: "u-\(index)"), support: card,
                    receivedAt: Date(), idempotencyKey: nil, requestHash: "h")
                group.addTask { _ = try await storage.submit(report) }
            }
            try await group.waitForAll()
        }
        ids = (0..<cards.count).map { "r-\($0)" }
        #expect(try await db.rows("SELECT id FROM support_cards").count == 2, "one row per card")
        let stored = try await db.rows("SELECT support_json, support_card_id FROM reports WHERE support_card_id IS NOT NULL")
        #expect(stored.count == 4 && stored.allSatisfy { $0.values["support_json"] == .null }, "no report holds a copy")
        for (id, card) in zip(ids, cards) {
            #expect(try await storage.report(id: id, tenantId: tenant.id)?.support == card)
        }
        // A case's page reads its reports' cards the same way.
        let report = try #require(try await storage.report(id: "r-0", tenantId: tenant.id))
        let moderationCase = try #require(try await storage.moderationCase(id: report.caseId, tenantId: tenant.id, now: Date()))
        #expect(moderationCase.reports.map(\.support) == [shared, other], "r-0 and r-2, the subject c-0")
    }

    @Test func aReportStoredBeforeKeepsTheCardItHolds() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: Date())
        let card = try Self.card("Avant")
        _ = try await storage.submit(ReportSubmission(
            tenantId: tenant.id, reportId: "r-old", draft: draft(), support: card, receivedAt: Date(), idempotencyKey: nil, requestHash: "h"))
        // As migration v24 found it: the card in the report's own row.
        try await db.execute("UPDATE reports SET support_json = '\(try ReceiptCodec.encodeCard(card))', support_card_id = NULL WHERE id = 'r-old'")
        try await db.execute("DELETE FROM support_cards")
        #expect(try await storage.report(id: "r-old", tenantId: tenant.id)?.support == card)
        _ = try await storage.submit(ReportSubmission(
            tenantId: tenant.id, reportId: "r-none", draft: draft(reporter: "u-2"), support: nil, receivedAt: Date(), idempotencyKey: nil,
            requestHash: "h"))
        #expect(try await storage.report(id: "r-none", tenantId: tenant.id)?.support == nil, "no card, none read")
    }
}
