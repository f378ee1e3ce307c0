import Crypto
import Foundation
import RelaisCore
import RelaisStore

/// What the person who reported may see of their own report, whether the platform asks for
/// it with its key or the person opens the link of their receipt (`ReportLinkToken`): where
/// the report stands and their evidence pack. Built from their report, the case's
/// decisions and their own complaints; nothing of the case's other reports is shown.
struct ReporterView: Sendable {
    let tenants: any TenantStore
    let reports: any ReportStore
    let moderation: any ModerationStore
    let appeals: any AppealStore
    let clock: RelaisClock
    let linkSecret: @Sendable () async throws -> Data
    let signingSecret: @Sendable () async throws -> Data

    /// One report, as its reporter sees it.
    struct Progress: Sendable {
        var tenant: Tenant
        var report: StoredReport
        var caseStatus: String
        /// A moderator holds the case now.
        var inReview: Bool
        var decisions: [RecordedDecision]
        /// This reporter's complaints about the case's decisions.
        var appeals: [Appeal]
        /// The token the page was opened with, for its links (nil through the API).
        var token: String?

        var decisionInForce: RecordedDecision? { decisions.last(where: \.isInForce) }
    }

    /// The report a link opens, or nil when the link is forged, altered, expired, or its
    /// report is gone.
    func progress(token: String) async throws -> Progress? {
        guard !token.isEmpty, let link = ReportLinkToken.open(token, secret: try await linkSecret(), now: clock.now()),
            let tenant = try await tenants.tenant(id: link.tenantId)
        else { return nil }
        var found = try await progress(reportId: link.reportId, tenant: tenant)
        found?.token = token
        return found
    }

    /// The tenant's report of that id, or nil.
    func progress(reportId: String, tenant: Tenant) async throws -> Progress? {
        let now = clock.now()
        guard reportId.count <= 64, let report = try await reports.report(id: reportId, tenantId: tenant.id),
            // A trusted flagger's notice has no reporter page: the flagger is an organisation.
            report.draft.reporter.trustedFlagger == nil,
            let found = try await moderation.moderationCase(id: report.caseId, tenantId: tenant.id, now: now)
        else { return nil }
        let own = try await appeals.appeals(caseId: report.caseId, tenantId: tenant.id, appellantId: report.draft.reporter.id, now: now)
        return Progress(tenant: tenant, report: report, caseStatus: found.status, inReview: found.lease != nil, decisions: found.decisions, appeals: own.filter { $0.party == .reporter })
    }

    /// The signed pack of a report and its document.
    func evidence(_ progress: Progress) async throws -> (document: EvidenceDocument, file: Data) {
        let document = EvidenceDocument.of(
            report: progress.report, platform: progress.tenant.name, decisions: progress.decisions, caseStatus: progress.caseStatus,
            issuedAt: clock.now())
        return (document, try EvidencePack.signed(document, key: try await signingKey()))
    }

    func signingKey() async throws -> Curve25519.Signing.PrivateKey { try EvidencePack.signingKey(secret: try await signingSecret()) }
}
