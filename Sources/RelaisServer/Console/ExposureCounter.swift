import Foundation
import RelaisCore
import RelaisStore

/// How often sensitive content was shown to a moderator today (UTC): the count of their
/// `case.content_revealed` entries since midnight. Sensitive content is blurred until a
/// moderator chooses to see it, so each reveal is one exposure; the count is theirs to watch.
struct ExposureCounter: Sendable {
    let audit: any ConsoleStore

    /// Counted up to this many; beyond, the page says "at least".
    static let ceiling = 500

    func today(for moderator: Moderator, now: Date) async throws -> Int {
        let midnight = Timestamp.parse("\(CalendarDay(now))T00:00:00Z")
        let filter = AuditFilter(actor: moderator.name, action: ContentRevealAudit.action, from: midnight)
        return try await audit.auditEntries(tenantId: moderator.tenantId, filter: filter, limit: Self.ceiling).count
    }
}
