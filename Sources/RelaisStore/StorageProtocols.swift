import Foundation
import RelaisCore
import Tagged

/// A platform using Relais. Its API keys are stored only as SHA-256 hashes.
public struct Tenant: Sendable, Equatable, Codable {
    public typealias ID = Tagged<Tenant, String>

    public var id: ID
    public var name: String
    /// The first characters of the current key, to tell keys apart without revealing them.
    public var keyPrefix: String
    public var createdAt: Date

    public init(id: ID, name: String, keyPrefix: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.keyPrefix = keyPrefix
        self.createdAt = createdAt
    }
}

public protocol TenantStore: Sendable {
    /// Creates a tenant and returns it with its new API key, the only time the key is seen.
    func createTenant(name: String, now: Date) async throws -> (Tenant, apiKey: String)
    /// Replaces a tenant's key: the old key stops working at once.
    func rotateKey(tenantName: String) async throws -> (Tenant, apiKey: String)
    func tenants() async throws -> [Tenant]
    func tenant(named name: String) async throws -> Tenant?
    func tenant(id: Tenant.ID) async throws -> Tenant?
    func tenant(apiKey: String) async throws -> Tenant?
    /// The same lookup by the key's hash (`APIKey.hash`), for callers that keep hashes.
    func tenant(apiKeyHash: String) async throws -> Tenant?
}

/// A store that hears when any process changes an API key (PostgreSQL's LISTEN/NOTIFY).
/// SQLite has no such signal: a cache there relies on its staleness bound alone.
public protocol TenantKeyWatching: Sendable {
    /// Runs until the task is cancelled, telling `heard` each time it starts listening, each
    /// committed key change, and each loss of the connection (after which it listens again).
    func watchTenantKeys(_ heard: @escaping @Sendable (TenantKeyWatch) -> Void) async
}

/// What `POST /v1/reports` answers with `201`, and replays for a repeated idempotency key.
/// Only decoded (from a stored replay): its JSON is built once by `ReceiptCodec.body`, so no
/// encoder can drop the `support: null` the API promises.
public struct ReportReceipt: Sendable, Equatable, Decodable {
    public var id: String
    public var receivedAt: String
    public var status: String
    public var caseId: String
    public var support: SupportCard?
    /// The reference the person can give a helpline, with their consent (DSA Art. 22 hand-off).
    public var handoff: Handoff?
    /// The exact JSON body of the answer, built once (outside the write transaction) and
    /// stored with the idempotency key, so a replay is byte for byte the first answer.
    public var json: String = ""
    /// For a flagger's notice citing a reference: it was linked to the victim's case.
    public var linked = false

    public struct Handoff: Sendable, Equatable, Codable {
        public var reference: String
        public var expiresAt: String
    }

    /// The links for the person who reported (`ReportLinkToken`), relative to Relais's
    /// address: the page that follows the report and their evidence pack.
    public var statusPage: StatusPage?

    public struct StatusPage: Sendable, Equatable, Codable {
        public var path: String
        public var evidencePath: String
        public var expiresAt: String

        public init(token: String, expiresAt: Date) {
            path = "/embed/status?token=" + token
            evidencePath = "/embed/evidence?token=" + token
            self.expiresAt = Timestamp.format(expiresAt)
        }
    }

    public init(id: String, receivedAt: String, status: String, caseId: String, support: SupportCard?, json: String) {
        self.id = id
        self.receivedAt = receivedAt
        self.status = status
        self.caseId = caseId
        self.support = support
        self.json = json
    }

    enum CodingKeys: String, CodingKey { case id, receivedAt, status, caseId, support, handoff, statusPage }
}

/// One report to store, with everything decided before the transaction.
public struct ReportSubmission: Sendable {
    public var tenantId: Tenant.ID
    public var reportId: String
    public var draft: ReportDraft
    public var support: SupportCard?
    /// `support` as JSON (`ReceiptCodec.encodeCard`), when the caller has it already: the
    /// help-card cache encodes a card once for every report that shows it.
    public var supportJSON: String?
    public var receivedAt: Date
    public var idempotencyKey: String?
    /// Hash of the validated request, to tell a retry from a different request with the same key.
    public var requestHash: String
    /// The hand-off reference shown to the person who reported (`HandoffReference`), if any.
    public var handoffCode: String?
    /// The trusted flagger that filed this notice, and the reference it cites.
    public var flaggerId: String?
    public var citedReference: String?
    /// The sealed `ReportLinkToken` of this report, for the receipt's status page link.
    public var statusToken: String?

    public init(
        tenantId: Tenant.ID, reportId: String, draft: ReportDraft, support: SupportCard?, receivedAt: Date,
        idempotencyKey: String?, requestHash: String, handoffCode: String? = nil, flaggerId: String? = nil, citedReference: String? = nil,
        statusToken: String? = nil, supportJSON: String? = nil
    ) {
        self.statusToken = statusToken
        self.supportJSON = supportJSON
        self.handoffCode = handoffCode
        self.flaggerId = flaggerId
        self.citedReference = citedReference
        self.tenantId = tenantId
        self.reportId = reportId
        self.draft = draft
        self.support = support
        self.receivedAt = receivedAt
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
    }
}

public enum SubmissionOutcome: Sendable, Equatable {
    /// Stored and committed.
    case created(ReportReceipt)
    /// The same key with the same request: the first answer, nothing stored twice.
    case replayed(ReportReceipt)
    /// The same key with a different request: refused, nothing stored.
    case keyReusedWithDifferentRequest
}

/// A stored report, as `GET /v1/reports/{id}` shows it.
public struct StoredReport: Sendable, Equatable {
    public var id: String
    public var tenantId: Tenant.ID
    public var caseId: ModerationCase.ID
    public var receivedAt: Date
    public var status: String
    public var draft: ReportDraft
    public var support: SupportCard?
    /// How many reports the case holds now.
    public var caseReportCount: Int
    /// A flagger's notice linked to this case through the victim's hand-off reference: the
    /// victim's report id (never shown to the flagger).
    public var linkedReportId: String? = nil
    /// Why the report weighs less in the priority (`reporter_deprioritized`), if it does.
    public var lowWeightReason: String? = nil
    /// The hand-off reference of this report and the person's answer, if any.
    public var handoffCode: String? = nil
    public var handoffConsent: HandoffConsent? = nil
}

public protocol ReportStore: Sendable {
    /// Stores the report and attaches it to its case in one transaction: when this returns
    /// `.created`, the report is committed.
    func submit(_ submission: ReportSubmission) async throws -> SubmissionOutcome
    /// `nil` when no report has that id for that tenant (another tenant's report included).
    func report(id: String, tenantId: Tenant.ID) async throws -> StoredReport?
    func reportCount(tenantId: Tenant.ID) async throws -> Int
    /// The stored answer for an idempotency key (`.replayed`, or `.keyReusedWithDifferentRequest`
    /// for another request), or nil when the key was never used: lets a retry be answered even
    /// when a limit refuses new work.
    func storedAnswer(tenantId: Tenant.ID, idempotencyKey: String, requestHash: String) async throws -> SubmissionOutcome?
}

/// Counts of what reporters did with help cards, per tenant, day (UTC), surface, country,
/// category, helpline and event. No personal data.
public struct SupportEventCount: Sendable, Equatable, Codable {
    public var day: String
    public var surface: String
    public var country: String
    public var category: String
    public var helplineId: String
    public var event: String
    public var count: Int

    public init(day: String, surface: String, country: String, category: String, helplineId: String, event: String, count: Int) {
        self.day = day
        self.surface = surface
        self.country = country
        self.category = category
        self.helplineId = helplineId
        self.event = event
        self.count = count
    }
}

public protocol SupportEventStore: Sendable {
    /// Adds one to the count. `reportId`, when given, must be the tenant's: its category is
    /// counted. Returns `false` when the report is unknown for this tenant.
    func recordSupportEvent(tenantId: Tenant.ID, event: SupportEventDraft, at: Date) async throws -> Bool
    func supportEventCounts(tenantId: Tenant.ID) async throws -> [SupportEventCount]
}

/// Everything Relais stores. One implementation per backend, each passing the same
/// contract tests.
public protocol RelaisStorage: TenantStore, ReportStore, SupportEventStore, WebhookStore, ModerationStore, AppealStore, FlaggerStore, ConsoleStore,
    StorageObservability, TransparencyStore, TransparencyReportStore, CaseNotesStore, ConsoleUserStore, PileOnStore
{
    /// Applies pending migrations; safe to run again.
    func migrate() async throws
    /// Fails when the database cannot be reached.
    func ping() async throws
    /// A human-readable description of where the data lives, without secrets.
    var location: String { get }
    /// Closes connections (PostgreSQL's pool); the storage is unusable afterwards.
    func shutdown() async
    /// A random 256-bit secret, made the first time it is asked for and then the same for
    /// every process on this database: instances behind one load balancer accept each other's
    /// form tokens without any shared configuration.
    func sharedSecret(named name: String) async throws -> Data
}

extension RelaisStorage {
    public func shutdown() async {}
}

public enum StorageError: Error, Equatable, CustomStringConvertible {
    case tenantExists(String)
    case tenantNotFound(String)
    case invalidTenantName(String)
    case unsupportedDatabase(String)
    case invalidDatabaseOption(String)
    /// The database could not be reached or refused the connection.
    case unreachable(location: String, reason: String)
    /// The database cannot be reached right now (a request's connection did not come in
    /// time, or broke): nothing was acknowledged, the caller may retry.
    case unavailable
    /// The database refuses writes for want of space or an I/O error (SQLite's
    /// `SQLITE_FULL`/`SQLITE_IOERR`, PostgreSQL's classes 53 and 58): nothing was acknowledged;
    /// retrying once space is back is safe.
    case unwritable(reason: String)
    /// Too many writes are already waiting for the database (SQLite's bounded write queue):
    /// refused at once rather than queued until the caller times out. Nothing was written.
    case overloaded

    public var description: String {
        switch self {
        case .tenantExists(let name): "a tenant named '\(name)' already exists"
        case .tenantNotFound(let name): "no tenant named '\(name)'"
        case .invalidTenantName(let name): "'\(name)' is not a valid tenant name: use 1–64 letters, digits, '-' or '_'"
        case .unsupportedDatabase(let url):
            "unsupported database '\(url)': use sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        case .invalidDatabaseOption(let message): "invalid database option: \(message)"
        case .unreachable(let location, let reason): "cannot use the database at \(location): \(reason)"
        case .unavailable: "the database cannot be reached right now"
        case .unwritable(let reason): "the database cannot be written: \(reason)"
        case .overloaded: "too many writes are waiting for the database"
        }
    }
}
