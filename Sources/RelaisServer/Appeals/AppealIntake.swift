import Foundation
import RelaisCore
import RelaisStore

/// The one way a complaint is filed, whichever door it came in by (the JSON API, or Relais's
/// own appeal page reached from the platform's notification): one storage transaction that
/// checks the decision, the appellant's standing and the window; `201` only after the commit.
struct AppealIntake: Sendable {
    let appeals: any AppealStore
    let clock: RelaisClock

    static func requestHash(_ request: AppealRequest) throws -> String { Fingerprint.sha256(try JSONCoding.encoder.encode(request)) }

    func file(_ request: AppealRequest, tenant: Tenant, idempotencyKey: String?) async throws -> AppealFilingOutcome {
        try await appeals.fileAppeal(AppealFiling(
            tenantId: tenant.id, request: request, receivedAt: clock.now(), idempotencyKey: idempotencyKey,
            requestHash: try Self.requestHash(request)))
    }
}
