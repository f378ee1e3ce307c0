import Foundation
import RelaisTestSupport
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisServer
import RelaisStore
import Testing

/// Presets and "decide and next" through the API, on the backend the suite runs on.
@Suite("Moderation flow: decision presets and decide-and-next")
struct ModerationFlowAPITests {
    static let presetsFile = #"""
        {"tenants": {"acme": {"presets": [
          {"id": "harassment-minor", "label": "Harassment of a minor", "categories": ["harassment"],
           "decision": {"restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Terms §4.2",
                        "explanation": "Harassment of a minor breaks our terms.", "facts": "Content aimed at a minor, reported by them.",
                        "warnAuthor": true}}
        ]}}}
        """#

    static func loaded(_ json: String) throws -> RelaisConfig {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relais-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(json.utf8).write(to: file)
        return try RelaisConfig.load(path: file.path)
    }

    @Test func aPresetIsReadFromTheConfigFileForItsTenant() throws {
        let config = try Self.loaded(Self.presetsFile)
        #expect(config.presets["acme"]?.map(\.id) == ["harassment-minor"])
        #expect(config.presets["other"] == nil)
    }

    @Test(arguments: [
        (#"{"tenants": {"acme": {"presets": [{"id": "p", "label": "P", "decision": {"restrictions": ["content_removed"], "ground": "incompatible", "explanation": "x"}}]}}}"#,
         "tenants.acme.presets.0 (p): decision.termsClause: is required"),
        (#"{"tenants": {"acme": {"presets": [{"id": "p", "label": "P", "decision": {"restrictions": [], "explanation": "x"}}, {"id": "p", "label": "Q", "decision": {"restrictions": [], "explanation": "y"}}]}}}"#,
         "tenants.acme.presets.1 (p): id: 'p' is used by an earlier preset"),
        (#"{"tenants": {"acme": {"presets": {"id": "p"}}}}"#, "tenants.acme.presets: must be an array"),
    ])
    func aBadPresetStopsTheStartWithItsPathAndEveryReason(_ json: String, _ message: String) throws {
        #expect { try Self.loaded(json) } throws: { error in "\(error)".contains(message) }
    }

    @Test func aPresetDecidesWithTheCallersFieldsOverIt() async throws {
        let server = try await LiveServer(config: try Self.loaded(Self.presetsFile))
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.acmeKey)
            _ = try await client.claim(mia)
            // An unknown preset is named with the body's other errors; nothing is stored.
            let unknown = try await client.post("/v1/moderation/cases/\(id)/decisions", key: mia, json: #"{"preset": "nope"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.problemFields.first == "preset")
            #expect(unknown.problemFields.contains("restrictions"), "\(unknown.text)")
            let decided = try await client.post(
                "/v1/moderation/cases/\(id)/decisions", key: mia,
                json: #"{"preset": "harassment-minor", "territorialScope": ["FR", "BE"], "explanation": "Edited: repeated insults."}"#)
            #expect(decided.status == .created, "\(decided.text)")
            let decision = try #require((decided.json["decision"] as? [String: Any])?["decision"] as? [String: Any])
            #expect(decision["termsClause"] as? String == "Terms §4.2")
            #expect(decision["explanation"] as? String == "Edited: repeated insults.")
            #expect(decision["warnAuthor"] as? Bool == true)
            let statement = try #require(decided.json["statementOfReasons"] as? [String: Any])
            #expect(statement["incompatible_content_ground"] as? String == "Terms §4.2")
            #expect(statement["territorial_scope"] as? [String] == ["BE", "FR"])
            #expect(decided.json["next"] == nil, "next only when asked for")
        }
    }

    @Test func anotherTenantsPresetIsUnknown() async throws {
        let server = try await LiveServer(config: try Self.loaded(Self.presetsFile))
        let olga = try await server.moderatorToken("olga", tenant: "other")
        try await server.run { client in
            let id = try await client.file(caseReportJSON(), key: server.otherKey)
            _ = try await client.claim(olga)
            let refused = try await client.post(
                "/v1/moderation/cases/\(id)/decisions", key: olga, json: #"{"preset": "harassment-minor", "territorialScope": ["FR"]}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.problemFields.contains("preset"))
        }
    }

    @Test func decideAndNextClaimsTheNextCaseInTheSameRequest() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        try await server.run { client in
            var ids: Set<String> = []
            for subject in ["c-1", "c-2", "c-3"] { ids.insert(try await client.file(caseReportJSON(subject: subject), key: server.acmeKey)) }
            var current = try #require(try await client.claim(mia).json["id"] as? String)
            var decided: [String] = []
            for _ in 0..<3 {
                let answer = try await client.post("/v1/moderation/cases/\(current)/decisions?next=true", key: mia, json: decisionJSON())
                #expect(answer.status == .created, "\(answer.text)")
                decided.append(current)
                guard let next = answer.json["next"] as? [String: Any] else {
                    #expect(answer.json["next"] is NSNull, "no case left: next is null")
                    break
                }
                #expect((next["lease"] as? [String: Any])?["moderator"] as? String == "mia", "the next case is claimed")
                current = try #require(next["id"] as? String)
            }
            #expect(Set(decided) == ids, "three cases decided, each once")
        }
    }

    @Test func anEscalatedCaseGoesToAnAdminOnly() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        let lou = try await server.moderatorToken("lou")
        let ada = try await server.moderatorToken("ada", role: .admin)
        try await server.run { client in
            let id = try await client.file(caseReportJSON(category: "threat"), key: server.acmeKey)
            // Without the lease: 409; without a reason: 422, changing nothing.
            #expect(try await client.post("/v1/moderation/cases/\(id)/escalate", key: mia, json: #"{"reason": "why"}"#).status == .conflict)
            _ = try await client.claim(mia)
            let blank = try await client.post("/v1/moderation/cases/\(id)/escalate", key: mia, json: #"{"reason": "  "}"#)
            #expect(blank.status == .unprocessableContent && blank.problemFields == ["reason"])
            let escalated = try await client.post("/v1/moderation/cases/\(id)/escalate", key: mia, json: #"{"reason": "A credible threat? A senior should decide."}"#)
            #expect(escalated.status == .ok, "\(escalated.text)")
            #expect(escalated.json["escalatedTo"] as? String == "admin")
            // Released; moderators' claims skip it, by next or by choice; the admin gets it.
            #expect(try await client.claim(lou).status == .noContent)
            #expect(try await client.post("/v1/moderation/cases/\(id)/claim", key: lou, json: "{}").status == .conflict)
            let claimed = try await client.claim(ada)
            #expect(claimed.json["id"] as? String == id)
            #expect(try await client.post("/v1/moderation/cases/\(id)/decisions", key: ada, json: decisionJSON()).status == .created)
        }
    }

    @Test func aChosenCaseIsClaimedUnlessSomeoneElseHoldsIt() async throws {
        let server = try await LiveServer()
        let mia = try await server.moderatorToken("mia")
        let lou = try await server.moderatorToken("lou")
        try await server.run { client in
            _ = try await client.file(caseReportJSON(category: "threat", subject: "urgent"), key: server.acmeKey)
            let spam = try await client.file(caseReportJSON(category: "spam", subject: "spam"), key: server.acmeKey)
            let claimed = try await client.post("/v1/moderation/cases/\(spam)/claim", key: mia, json: "{}")
            #expect(claimed.status == .ok && claimed.json["id"] as? String == spam)
            #expect(try await client.post("/v1/moderation/cases/\(spam)/claim", key: lou, json: "{}").status == .conflict)
            #expect(try await client.post("/v1/moderation/cases/nope/claim", key: lou, json: "{}").status == .notFound)
        }
    }
}
