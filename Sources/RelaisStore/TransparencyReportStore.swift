import Foundation
import RelaisCore

/// What the transparency report (Implementing Regulation (EU) 2024/2835) counts from the
/// stored data. Every answer is an aggregate computed by the database: its size grows with
/// categories and durations, never with the number of notices, so a report over millions of
/// notices runs in constant memory.
public protocol TransparencyReportStore: Sendable {
    /// The notices received in `from..<to`, grouped by category, trusted flagger or not, and
    /// the hundredths of an hour from receipt to the restriction that followed (see
    /// `TransparencyReportRules` for which decision answers a notice).
    func noticeTallies(tenantId: Tenant.ID, from: Date, to: Date) async throws -> [NoticeTally]
    /// The restrictive decisions taken in `from..<to`.
    func measureCounts(tenantId: Tenant.ID, from: Date, to: Date) async throws -> TransparencyFigures.Measures
}
