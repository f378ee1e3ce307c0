import Foundation
import RelaisCore
import RelaisStore

/// The one way a report is filed, whichever door it came in by (the JSON API or the web
/// sheet): the help card decided in memory by the pure policy, then one storage
/// transaction. `201` (or the sheet's receipt) only after the commit.
struct ReportFiling: Sendable {
    let env: RelaisEnvironment

    func file(_ draft: ReportDraft, tenant: Tenant, idempotencyKey: String?) async throws -> SubmissionOutcome {
        let now = env.clock.now()
        let support = SupportPolicy.decide(
            draft.supportRequest(tenant: tenant.name), config: env.config.support(for: tenant), directory: env.directory(for: tenant), now: now)
        let requestHash = idempotencyKey == nil ? "" : Fingerprint.sha256(try JSONCoding.encoder.encode(draft))
        let submission = ReportSubmission(
            tenantId: tenant.id, reportId: UUID().uuidString.lowercased(), draft: draft, support: support,
            receivedAt: now, idempotencyKey: idempotencyKey, requestHash: requestHash)
        return try await env.storage.submit(submission)
    }
}
