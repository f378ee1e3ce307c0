import Foundation
import RelaisCore

/// The transparency report's counts (`TransparencyReportStore`), on either backend: one
/// aggregate statement each, written once.
///
/// The decision that answers a notice is the first decision on its case taken at or after the
/// notice arrived, a complaint's new decision aside (that one answers the complaint). Each
/// decision writes itself onto the notices it answers when it is taken (`NoticeAnswers`, with
/// the hundredths of an hour from receipt to a restriction; migration v19 filled the notices
/// stored before), so counting reads the notices alone, with no lookup per notice. A notice
/// with no such decision, or whose decision restricted nothing, counts as a notice without
/// action; the median time to take action runs over the notices that led to a restriction
/// (Annex II allows leaving out no-action cases).
extension TransparencyReportStore where Self: StoreDriver {
    public func noticeTallies(tenantId: Tenant.ID, from: Date, to: Date) async throws -> [NoticeTally] {
        try await read(StorePlan.single("""
            SELECT n.category, n.trusted_flagger, n.centi_hours, COUNT(*) AS notices, SUM(n.on_law) AS on_law, SUM(n.on_terms) AS on_terms,
              SUM(n.automated) AS automated
            FROM (
              SELECT r.category,
                CASE WHEN r.reporter_trusted_flagger IS NOT NULL THEN 1 ELSE 0 END AS trusted_flagger,
                COALESCE(r.answer_centi_hours, -1) AS centi_hours,
                CASE WHEN r.answer_ground = 'illegal' THEN 1 ELSE 0 END AS on_law,
                CASE WHEN r.answer_ground = 'incompatible' THEN 1 ELSE 0 END AS on_terms,
                CASE WHEN r.answer_automated THEN 1 ELSE 0 END AS automated
              FROM reports r
              WHERE r.tenant_id = \(tenantId) AND r.received_at >= \(from) AND r.received_at < \(to)
            ) n
            GROUP BY n.category, n.trusted_flagger, n.centi_hours
            """) { rows in
            try rows.map { row in
                let hours = try row.int("centi_hours")
                return NoticeTally(
                    category: try row.string("category"), trustedFlagger: try row.int("trusted_flagger") == 1, actionCentiHours: hours < 0 ? nil : hours,
                    notices: try row.int("notices"), actionsOnLaw: try row.int("on_law"), actionsOnTerms: try row.int("on_terms"),
                    solelyAutomated: try row.int("automated"))
            }
        })
    }

    public func measureCounts(tenantId: Tenant.ID, from: Date, to: Date) async throws -> TransparencyFigures.Measures {
        try await read(StorePlan.single("""
            SELECT COUNT(*) AS restrictive, COALESCE(SUM(CASE WHEN solely_automated THEN 1 ELSE 0 END), 0) AS automated
            FROM decisions
            WHERE tenant_id = \(tenantId) AND restrictive = \(true) AND decided_at >= \(from) AND decided_at < \(to)
            """) { rows in
            TransparencyFigures.Measures(restrictive: try rows.first?.int("restrictive") ?? 0, solelyAutomated: try rows.first?.int("automated") ?? 0)
        })
    }
}
