import Foundation
import RelaisCore

/// A decision that found a case's notices manifestly unfounded (DSA Art. 23(2)): each
/// reporter's count grows by one, and `MisusePolicy` says whether the platform is asked to warn
/// them (`reporter.warned`) or, after a warning, their notices go to lower priority for a
/// period (`reporter.deprioritized`). Both are webhooks to the tenant, which knows the person;
/// the audit log records the step without the reporter's id.
enum MisuseRecord {
    static func plan(tenantId: Tenant.ID, reporters: [String], policy: MisusePolicy, caseId: ModerationCase.ID, now: Date) -> StorePlan<[Void]> {
        StorePlan<[Void]>.forEach(reporters) { reporter in
            .first("""
                INSERT INTO reporter_standing (tenant_id, reporter_id, first_seen_at, unfounded) VALUES (\(tenantId), \(reporter), \(now), 1)
                ON CONFLICT (tenant_id, reporter_id) DO UPDATE SET unfounded = reporter_standing.unfounded + 1
                RETURNING unfounded, warned_at
                """) { row in
                let unfounded = try row!.int("unfounded"), warned = try row!.optionalDate("warned_at") != nil
                switch policy.step(unfounded: unfounded, warned: warned, now: now) {
                case .none: return .done(())
                case .warn:
                    return .write([
                        "UPDATE reporter_standing SET warned_at = \(now) WHERE tenant_id = \(tenantId) AND reporter_id = \(reporter)",
                        event("reporter.warned", tenantId: tenantId, reporter: reporter, unfounded: unfounded, until: nil, now: now),
                        SharedStatements.audit(
                            tenantId: tenantId, actor: "relais", at: now, action: "reporter.warned", caseId: caseId,
                            after: AuditJSON.json(["unfoundedNotices": unfounded])),
                    ], answering: ())
                case .deprioritize(let until):
                    return .write([
                        "UPDATE reporter_standing SET deprioritized_until = \(until) WHERE tenant_id = \(tenantId) AND reporter_id = \(reporter)",
                        event("reporter.deprioritized", tenantId: tenantId, reporter: reporter, unfounded: unfounded, until: until, now: now),
                        SharedStatements.audit(
                            tenantId: tenantId, actor: "relais", at: now, action: "reporter.deprioritized", caseId: caseId,
                            after: AuditJSON.json(["unfoundedNotices": unfounded, "until": Timestamp.format(until)])),
                    ], answering: ())
                }
            }
        }
    }

    private static func event(_ type: String, tenantId: Tenant.ID, reporter: String, unfounded: Int, until: Date?, now: Date) -> SQLStatement {
        var payload: [String: Any] = ["event": type, "reporterId": reporter, "unfoundedNotices": unfounded]
        if let until { payload["lowPriorityUntil"] = Timestamp.format(until) }
        return SharedStatements.outbox(OutboxEvent(tenantId: tenantId, type: type, payload: AuditJSON.json(payload), createdAt: now))
    }
}
