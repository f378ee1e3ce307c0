import Foundation
import Logging
import RelaisCore
@testable import RelaisServer
import RelaisStore
import Testing

/// The sending rules (`StatementSubmitter`) against a scripted Transparency Database and the
/// real store on the backend under test: what each answer does to each statement.
@Suite("Statement submitter")
struct StatementSubmitterTests {
    /// Answers from a script, in order; records every batch's puids.
    final class ScriptedDatabase: TransparencyClient, @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [(Int, String)]
        private let existing: Set<String>
        private(set) var batches: [[String]] = []

        init(_ answers: [(Int, String)], existing: Set<String> = []) {
            self.answers = answers
            self.existing = existing
        }

        func postStatements(_ body: Data) async -> TransparencyResponse {
            let sent = ((try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["statements"] as? [[String: Any]]) ?? []
            return lock.withLock {
                batches.append(sent.compactMap { $0["puid"] as? String })
                let (status, text) = answers.isEmpty ? (500, "{}") : answers.removeFirst()
                if status == 201 {
                    let created = sent.map { ["puid": $0["puid"] as! String, "uuid": "u-\($0["puid"] as! String)", "permalink": "https://t/s/\($0["puid"] as! String)"] }
                    return .answered(status: 201, body: try! JSONSerialization.data(withJSONObject: ["statements": created]))
                }
                return .answered(status: status, body: Data(text.utf8))
            }
        }

        func existingPuid(_ puid: String) async -> TransparencyResponse {
            .answered(status: existing.contains(puid) ? 302 : 404, body: Data("{\"puid\":\"\(puid)\"}".utf8))
        }
    }

    /// Three decided cases of acme, their statements queued; then `body` with the server
    /// still up (`LiveServer.run` removes the database when it ends).
    func withThreeStatements(_ body: @escaping @Sendable (LiveServer) async throws -> Void) async throws {
        let server = try await LiveServer(clock: .system)
        let token = try await server.moderatorToken("mia")
        try await server.run { client in
            for index in 0..<3 {
                let id = try await client.file(caseReportJSON(subject: "c-\(index)", reporter: "u-\(index)"), key: server.acmeKey)
                _ = try await client.claim(token)
                let decided = try await client.post("/v1/moderation/cases/\(id)/decisions", key: token, json: decisionJSON())
                #expect(decided.status == .created)
            }
            try await body(server)
        }
    }

    func submitter(_ server: LiveServer, _ client: any TransparencyClient) -> StatementSubmitter {
        StatementSubmitter(
            store: server.storage, client: client, tenantId: server.acme.id, tenantName: "acme", worker: "w", jitter: { $0 },
            logger: Logger(label: "test"))
    }

    func states(_ server: LiveServer) async throws -> [String: TransparencySubmission] {
        var all: [String: TransparencySubmission] = [:]
        for id in try await server.database.rows("SELECT DISTINCT case_id FROM tdb_submissions").compactMap({ $0.string("case_id") }) {
            for state in try await server.storage.statementSubmissions(caseId: .init(rawValue: id), tenantId: server.acme.id) ?? [] { all[state.puid] = state }
        }
        return all
    }

    @Test func aRefusedStatementIsHeldAndTheRestIsSentAgainAtOnce() async throws {
        try await withThreeStatements { server in
            let database = ScriptedDatabase([(422, #"{"errors":{"statement_1":{"category":["The selected category is invalid."]}}}"#), (201, "")])
            let tally = try await submitter(server, database).drain()
            #expect(tally.sent == 2 && tally.rejected == 1 && tally.claimed == 3)
            let puids = database.batches[0]  // in claim order
            #expect(puids.count == 3 && database.batches == [puids, [puids[0], puids[2]]])
            let found = try await states(server)
            #expect(found[puids[1]]?.status == .rejected && found[puids[1]]?.reasons == ["category": ["The selected category is invalid."]])
            #expect(found[puids[0]]?.uuid == "u-\(puids[0])" && found[puids[2]]?.permalink == "https://t/s/\(puids[2])")
        }
    }

    @Test func puidsTheDatabaseHoldsAreMarkedSentAndTheOthersSentAgain() async throws {
        try await withThreeStatements { server in
            // The middle statement of the claim order is already in the Database.
            let order = try await server.storage.claimQueuedStatements(
                tenantId: server.acme.id, since: nil, now: Date(), leaseUntil: Date(), worker: "peek", limit: 10).map(\.puid)
            let held = order[1]
            let duplicate = #"{"message":"The platform identifier(s) are not all unique within this call.","errors":{"puid":["x"],"existing_puids":["\#(held)"]}}"#
            let database = ScriptedDatabase([(422, duplicate), (201, "")], existing: [held])
            let tally = try await submitter(server, database).drain()
            #expect(tally.sent == 2 && tally.alreadyThere == 1)
            #expect(database.batches == [order, [order[0], order[2]]])
            let found = try await states(server)
            #expect(found.values.allSatisfy { $0.status == .sent })
            #expect(found[held]?.uuid == nil && found[order[0]]?.uuid == "u-\(order[0])")
        }
    }

    @Test func aRefusedTokenLeavesEverythingQueuedWithoutCountingAnAttempt() async throws {
        try await withThreeStatements { server in
            let tally = try await submitter(server, ScriptedDatabase([(401, #"{"message":"Unauthenticated."}"#)])).drain()
            #expect(tally.tokenRefused == 401 && tally.sent == 0)
            let found = try await states(server)
            #expect(found.count == 3)
            #expect(found.values.allSatisfy { $0.status == .queued && $0.attempts == 0 && $0.lastError?.contains("token refused") == true })
        }
    }

    @Test func rateLimitsAndServerErrorsWaitWithAGrowingDelay() async throws {
        try await withThreeStatements { server in
            let database = ScriptedDatabase([(429, "Limit Reached. Please do not overload the API")])
            let before = Date()
            let tally = try await submitter(server, database).drain()
            #expect(tally.retried == 3 && database.batches.count == 1, "one call, then the batch waits")
            let found = try await states(server)
            // The first failed attempt waits 2 s here (the jitter is the ceiling).
            #expect(found.values.allSatisfy { $0.attempts == 1 && $0.lastError == "HTTP 429 (rate limited)" })
            #expect(found.values.allSatisfy { ($0.nextAttemptAt ?? before).timeIntervalSince(before) >= 1.5 })
            // Not due yet: a second pass sends nothing.
            #expect(try await submitter(server, database).drain().claimed == 0)
        }
    }
}
