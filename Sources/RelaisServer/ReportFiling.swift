import Foundation
import Metrics
import RelaisCore
import RelaisStore

/// The one way a report is filed, whichever door it came in by (the JSON API or the web
/// sheet): the help card decided in memory by the pure policy, then one storage
/// transaction. `201` (or the sheet's receipt) only after the commit.
struct ReportFiling: Sendable {
    let reports: any ReportStore
    let help: HelpCards
    let clock: RelaisClock
    /// The secret that seals the receipt's status link (`ReportLinkToken`).
    let linkSecret: @Sendable () async throws -> Data

    /// What a retry gets when a limit refuses new work: its first answer, if the key was used.
    func storedAnswer(_ draft: ReportDraft, tenant: Tenant, idempotencyKey: String) async throws -> SubmissionOutcome? {
        try await reports.storedAnswer(tenantId: tenant.id, idempotencyKey: idempotencyKey, requestHash: try Self.requestHash(draft))
    }

    static func requestHash(_ draft: ReportDraft) throws -> String { Fingerprint.sha256(try JSONCoding.encoder.encode(draft)) }

    /// A trusted flagger's notice: the same transaction as any report, with no help card (the
    /// flagger is the helpline), the flagger's id, and the reference it cites, which links it
    /// to the victim's case when they consented. Keys are the flagger's own namespace.
    func fileNotice(_ notice: FlaggerNoticeRequest, tenant: Tenant, flagger: TrustedFlagger, idempotencyKey: String?) async throws -> SubmissionOutcome {
        let now = clock.now()
        var hashed = try JSONCoding.encoder.encode(notice.draft)
        hashed.append(Data((notice.reference ?? "").utf8))
        return try await reports.submit(ReportSubmission(
            tenantId: tenant.id, reportId: TimeOrderedID.make(at: now), draft: notice.draft, support: nil, receivedAt: now,
            idempotencyKey: idempotencyKey.map { "flagger:\(flagger.id.rawValue):" + $0 }, requestHash: Fingerprint.sha256(hashed),
            flaggerId: flagger.id.rawValue, citedReference: notice.reference))
    }

    func file(_ draft: ReportDraft, tenant: Tenant, idempotencyKey: String?) async throws -> SubmissionOutcome {
        let now = clock.now()
        let decided = help.decideEncoded(draft.supportRequest(tenant: tenant.name), for: tenant, now: now)
        let support = decided?.card
        let requestHash = idempotencyKey == nil ? "" : try Self.requestHash(draft)
        let reportId = TimeOrderedID.make(at: now)
        // The person who reported gets a link to follow the report and take their evidence.
        let statusToken = try ReportLinkToken(tenantId: tenant.id, reportId: reportId, expiresAt: ReportLinkToken.expiry(receivedAt: now))
            .sealed(secret: try await linkSecret())
        // Whoever is shown help gets a reference they can give the helpline (with consent).
        let submission = ReportSubmission(
            tenantId: tenant.id, reportId: reportId, draft: draft, support: support,
            receivedAt: now, idempotencyKey: idempotencyKey, requestHash: requestHash, handoffCode: support == nil ? nil : HandoffReference.random(),
            statusToken: statusToken, supportJSON: decided?.json)
        let outcome = try await reports.submit(submission)
        if case .created = outcome {
            // Categories and countries are closed lists: bounded labels, nothing a caller typed.
            let labels = [("category", draft.category.rawValue), ("country", draft.reporter.country.rawValue)]
            Counter(label: "relais_reports_total", dimensions: labels).increment()
            if support != nil { Counter(label: "relais_help_cards_total", dimensions: labels).increment() }
        }
        return outcome
    }
}
