import Foundation
import GRDB

/// The append-only audit log: one INSERT per action, in the transaction of the action itself,
/// so a change without its audit entry cannot be committed. Triggers (migration v7) refuse
/// every UPDATE and DELETE on the table.
enum SQLiteAudit {
    static func append(
        _ db: Database, tenantId: String, actor: String, at: Date, action: String, caseId: String?, before: String?, after: String?
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (tenant_id, actor, at, action, case_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [tenantId, actor, at, action, caseId, before, after])
    }
}

extension SQLiteStorage {
    public func auditLog(tenantId: String) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY seq", arguments: [tenantId]).map(StoredRows.auditEntry)
        }
    }
}
