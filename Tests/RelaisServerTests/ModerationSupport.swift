import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelaisCore
import RelaisServer
import RelaisStore

/// A clock the test moves forward, for lease expiry and overdue cases.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ date: Date) { self.date = date }

    var now: Date { lock.withLock { date } }

    func advance(_ seconds: TimeInterval) { lock.withLock { date += seconds } }

    var relaisClock: RelaisClock { RelaisClock { [self] in now } }
}

extension LiveServer {
    /// A moderator of `tenant` (acme by default) and their personal token.
    func moderatorToken(_ name: String, tenant: String = "acme", role: Moderator.Role = .moderator) async throws -> String {
        try await storage.createModerator(name: name, tenantName: tenant, role: role, now: Date()).token
    }
}

/// A report body for moderation tests: every field that changes the priority is a parameter.
func caseReportJSON(
    category: String = "harassment", subject: String = "c-1", reporter: String = "u-1", age: String = "18+", isTarget: Bool = true,
    author: String = "author-1", text: String = "you are worthless", trustedFlagger: String? = nil
) -> String {
    var reporterObject: [String: Any] = ["id": reporter, "country": "FR", "locale": "fr-FR", "ageBracket": age, "isTarget": isTarget]
    if let trustedFlagger { reporterObject["trustedFlagger"] = trustedFlagger }
    let body: [String: Any] = [
        "surface": "web", "reporter": reporterObject,
        "subject": ["kind": "comment", "id": subject, "authorId": author, "text": text, "language": "en"],
        "category": category, "goodFaith": true,
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
}

/// A trusted flagger's notice body for the acme tenant.
func flaggerNoticeJSON(
    subject: String, category: String = "harassment", reference: String? = nil, tenant: String = "acme", author: String = "author-1"
) -> String {
    var body: [String: Any] = [
        "tenant": tenant, "category": category, "country": "FR", "locale": "fr-FR", "goodFaith": true,
        "subject": ["kind": "comment", "id": subject, "authorId": author, "text": "what the young caller described"],
        "details": "Reported by phone to the helpline.",
    ]
    if let reference { body["reference"] = reference }
    return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
}

/// A decision body; `nil` leaves a field out.
func decisionJSON(
    restrictions: [String] = ["content_removed"], ground: String? = "incompatible", legalGround: String? = nil,
    termsClause: String? = "Community Guidelines 3.2 (harassment)", explanation: String = "Repeated insults aimed at a person.",
    facts: String? = "A comment insulting the person it answers, reported by that person.", scope: [String] = ["FR"],
    endDate: String? = nil, noteForReporter: String? = "We removed the comment.", internalNote: String? = "INTERNAL-ONLY-NOTE"
) -> String {
    var body: [String: Any] = [
        "restrictions": restrictions, "explanation": explanation, "automatedDetection": false, "automatedDecision": "not_automated",
        "territorialScope": scope,
    ]
    let optional: [String: String?] = [
        "ground": ground, "legalGround": legalGround, "termsClause": termsClause, "facts": facts, "endDate": endDate,
        "noteForReporter": noteForReporter, "internalNote": internalNote,
    ]
    for (key, value) in optional { if let value { body[key] = value } }
    return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
}

extension TestClientProtocol {
    /// Files a report with the tenant key; returns its case id.
    @discardableResult
    func file(_ json: String, key: String) async throws -> String {
        let response = try await post("/v1/reports", key: key, json: json)
        guard response.status == .created, let caseId = response.json["caseId"] as? String else {
            throw TestFailure("report not stored: \(response.status) \(response.text)")
        }
        return caseId
    }

    /// `POST /v1/moderation/next`.
    func claim(_ token: String?) async throws -> TestResponse {
        try await post("/v1/moderation/next", key: token, json: "{}")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    var jsonArray: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [[String: Any]] ?? []
    }
}
