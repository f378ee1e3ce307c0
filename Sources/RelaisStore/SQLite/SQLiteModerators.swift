import Foundation
import GRDB
import RelaisCore

/// Moderators and their personal tokens (hashed at rest, like tenant keys).
extension SQLiteStorage {
    public func createModerator(name: String, tenantName: String, role: Moderator.Role, now: Date) async throws -> (Moderator, token: String) {
        guard ReportDraft.isIdentifier(name), name.count <= 64 else { throw ModerationError.invalidModeratorName(name) }
        let token = ModeratorToken.generate()
        let hash = APIKey.hash(token), prefix = APIKey.displayPrefix(token)
        let moderator = try await pool.write { db -> Moderator in
            guard let tenantId = try String.fetchOne(db, sql: "SELECT id FROM tenants WHERE name = ?", arguments: [tenantName]) else {
                throw StorageError.tenantNotFound(tenantName)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM moderators WHERE name = ?", arguments: [name]) == true {
                throw ModerationError.moderatorExists(name)
            }
            let moderator = Moderator(
                id: UUID().uuidString.lowercased(), tenantId: tenantId, name: name, role: role, tokenPrefix: prefix, createdAt: now)
            try db.execute(
                sql: """
                    INSERT INTO moderators (id, tenant_id, name, role, token_hash, token_prefix, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [moderator.id, tenantId, name, role.rawValue, hash, prefix, now])
            try SQLiteAudit.append(
                db, tenantId: tenantId, actor: "cli", at: now, action: "moderator.created", caseId: nil, before: nil,
                after: AuditJSON.json(["name": name, "role": role.rawValue]))
            return moderator
        }
        return (moderator, token)
    }

    public func issueToken(moderatorName: String, now: Date) async throws -> (Moderator, token: String) {
        let token = ModeratorToken.generate()
        let hash = APIKey.hash(token), prefix = APIKey.displayPrefix(token)
        let moderator = try await pool.write { db -> Moderator in
            try db.execute(
                sql: "UPDATE moderators SET token_hash = ?, token_prefix = ? WHERE name = ?", arguments: [hash, prefix, moderatorName])
            guard db.changesCount == 1,
                let row = try Row.fetchOne(db, sql: "SELECT * FROM moderators WHERE name = ?", arguments: [moderatorName])
            else { throw ModerationError.moderatorNotFound(moderatorName) }
            let moderator = try StoredRows.moderator(row)
            try SQLiteAudit.append(
                db, tenantId: moderator.tenantId, actor: "cli", at: now, action: "moderator.token_issued", caseId: nil, before: nil,
                after: AuditJSON.json(["name": moderator.name, "tokenPrefix": prefix]))
            return moderator
        }
        return (moderator, token)
    }

    public func moderators() async throws -> [Moderator] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM moderators ORDER BY tenant_id, name").map(StoredRows.moderator)
        }
    }

    public func moderator(token: String) async throws -> Moderator? {
        // Only personal tokens: a tenant key never authenticates a moderator.
        guard token.hasPrefix(ModeratorToken.prefix) else { return nil }
        let hash = APIKey.hash(token)
        return try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM moderators WHERE token_hash = ?"), arguments: [hash]).map(StoredRows.moderator)
        }
    }
}
