import Crypto
import Foundation
import RelaisCore

/// What an evidence pack states (`EvidencePack` signs it): what Relais received from one
/// reporter about one piece of content, when, and what was decided on it. Only that
/// reporter's own report: never another reporter of the same case, never a moderator's name
/// or internal note.
///
/// Each item carries the SHA-256 of its own canonical JSON (`EvidencePack.canonical`, the
/// item without its `sha256`), so one item can be checked apart from the others; the content
/// also carries the SHA-256 of its text exactly as it was sent, so whoever still has the
/// message can show it is the same.
public struct EvidenceDocument: Sendable, Codable, Equatable {
    /// The format and its version: `relais-evidence/1`.
    public var format: String
    /// When this pack was made (ISO 8601, UTC).
    public var issuedAt: String
    /// The platform that runs Relais for this report (the tenant's name).
    public var platform: String
    public var report: Report
    public var content: Content
    public var moderationCase: Case

    public static let currentFormat = "relais-evidence/1"

    enum CodingKeys: String, CodingKey {
        case format, issuedAt, platform, report, content
        case moderationCase = "case"
    }

    /// The report as the reporter's platform sent it.
    public struct Report: Sendable, Codable, Equatable {
        public var id: String
        /// When Relais received and stored the report.
        public var receivedAt: String
        public var category: ReportCategory
        public var surface: String
        /// The reporter's own words, if any.
        public var details: String?
        /// The reporter said they are the person targeted.
        public var reporterIsTarget: Bool
        public var reporterLocale: String
        public var sha256: String?
    }

    /// The reported content: the snapshot the platform sent with the report.
    public struct Content: Sendable, Codable, Equatable {
        public var kind: ReportDraft.SubjectKind
        public var id: String
        public var url: String?
        /// The platform's id of the account that posted it.
        public var authorId: String?
        public var text: String?
        /// SHA-256 of `text`'s UTF-8 bytes, exactly as received.
        public var textSHA256: String?
        public var language: String?
        /// When the platform says the content was posted.
        public var createdAt: String?
        public var sha256: String?
    }

    /// The case the report belongs to and the decisions taken on it.
    public struct Case: Sendable, Codable, Equatable {
        public var id: String
        /// "open" or "decided".
        public var status: String
        public var decisions: [Decision]
    }

    /// A decision as the reporter is told it: no moderator's name, no internal note.
    public struct Decision: Sendable, Codable, Equatable {
        public var id: String
        public var decidedAt: String
        /// Empty: no action.
        public var restrictions: [RelaisCore.Decision.Restriction]
        public var ground: RelaisCore.Decision.Ground?
        public var legalGround: String?
        public var termsClause: String?
        /// The moderator's words for the reporter, else the explanation.
        public var reason: String
        /// Replaced after a complaint, by the decision in `supersededBy`.
        public var supersededBy: String?
        public var sha256: String?
    }

    /// The pack of `report`, as its reporter may see it: the case's decisions and nothing of
    /// the case's other reports.
    public static func of(report: StoredReport, platform: String, decisions: [RecordedDecision], caseStatus: String, issuedAt: Date) -> EvidenceDocument {
        let draft = report.draft, subject = draft.subject
        var document = EvidenceDocument(
            format: currentFormat, issuedAt: Timestamp.format(issuedAt), platform: platform,
            report: Report(
                id: report.id, receivedAt: Timestamp.format(report.receivedAt), category: draft.category, surface: draft.surface,
                details: draft.details, reporterIsTarget: draft.reporter.isTarget, reporterLocale: draft.reporter.locale),
            content: Content(
                kind: subject.kind, id: subject.id, url: subject.url, authorId: subject.authorId, text: subject.text,
                textSHA256: subject.text.map { EvidencePack.sha256(Data($0.utf8)) }, language: subject.language, createdAt: subject.createdAt),
            moderationCase: Case(
                id: report.caseId.rawValue, status: caseStatus,
                decisions: decisions.map {
                    Decision(
                        id: $0.id, decidedAt: Timestamp.format($0.decidedAt), restrictions: $0.decision.restrictions, ground: $0.decision.ground,
                        legalGround: $0.decision.legalGround, termsClause: $0.decision.termsClause,
                        reason: $0.decision.noteForReporter ?? $0.decision.explanation, supersededBy: $0.supersededBy)
                }))
        document.sealItems()
        return document
    }

    /// Sets each item's `sha256`.
    mutating func sealItems() {
        report.sha256 = report.itemHash
        content.sha256 = content.itemHash
        for index in moderationCase.decisions.indices { moderationCase.decisions[index].sha256 = moderationCase.decisions[index].itemHash }
    }

    /// The items whose stated SHA-256 is not the hash of what they hold (empty: all match).
    public var itemsThatDoNotMatch: [String] {
        var wrong: [String] = []
        if report.sha256 != report.itemHash { wrong.append("report") }
        if content.sha256 != content.itemHash { wrong.append("content") }
        if content.textSHA256 != content.text.map({ EvidencePack.sha256(Data($0.utf8)) }) { wrong.append("content.text") }
        for decision in moderationCase.decisions where decision.sha256 != decision.itemHash { wrong.append("decision " + decision.id) }
        return wrong
    }
}

/// An item whose canonical JSON, without its own hash, is hashed.
protocol EvidenceItem: Encodable {
    var sha256: String? { get set }
}

extension EvidenceItem {
    var itemHash: String? {
        var bare = self
        bare.sha256 = nil
        return (try? EvidencePack.canonical(bare)).map(EvidencePack.sha256)
    }
}

extension EvidenceDocument.Report: EvidenceItem {}
extension EvidenceDocument.Content: EvidenceItem {}
extension EvidenceDocument.Decision: EvidenceItem {}
