import Foundation
import RelaisCore

/// Moderators and their personal tokens (hashed at rest, like tenant keys), on either backend.
extension ModerationStore where Self: StoreDriver {
    public func createModerator(name: String, tenantName: String, role: Moderator.Role, now: Date) async throws -> (Moderator, token: String) {
        guard AccountName.isValid(name) else { throw ModerationError.invalidModeratorName(name) }
        let token = ModeratorToken.generate()
        let hash = APIKey.hash(token), prefix = APIKey.displayPrefix(token), id = Moderator.ID(rawValue: UUID().uuidString.lowercased())
        let moderator = try await write(.first("SELECT id FROM tenants WHERE name = \(tenantName)") { tenant in
            guard let tenantId: Tenant.ID = try tenant?.id("id") else { throw StorageError.tenantNotFound(tenantName) }
            let moderator = Moderator(id: id, tenantId: tenantId, name: name, role: role, tokenPrefix: prefix, createdAt: now)
            return .query("""
                INSERT INTO moderators (id, tenant_id, name, role, token_hash, token_prefix, created_at)
                VALUES (\(id), \(tenantId), \(name), \(role.rawValue), \(hash), \(prefix), \(now)) ON CONFLICT (name) DO NOTHING RETURNING id
                """) { inserted in
                guard !inserted.isEmpty else { throw ModerationError.moderatorExists(name) }
                return .write([
                    SharedStatements.audit(
                        tenantId: tenantId, actor: "cli", at: now, action: "moderator.created",
                        after: AuditJSON.json(["name": name, "role": role.rawValue]))
                ], answering: moderator)
            }
        })
        return (moderator, token)
    }

    public func issueToken(moderatorName: String, now: Date) async throws -> (Moderator, token: String) {
        let token = ModeratorToken.generate()
        let hash = APIKey.hash(token), prefix = APIKey.displayPrefix(token)
        let moderator = try await write(.first("""
            UPDATE moderators SET token_hash = \(hash), token_prefix = \(prefix) WHERE name = \(moderatorName) RETURNING *
            """) { row in
            guard let moderator = try row.map(StoredRows.moderator) else { throw ModerationError.moderatorNotFound(moderatorName) }
            return .write([
                SharedStatements.audit(
                    tenantId: moderator.tenantId, actor: "cli", at: now, action: "moderator.token_issued",
                    after: AuditJSON.json(["name": moderator.name, "tokenPrefix": prefix]))
            ], answering: moderator)
        })
        return (moderator, token)
    }

    public func moderators() async throws -> [Moderator] {
        try await read(StorePlan.single("SELECT * FROM moderators ORDER BY tenant_id, name") { try $0.map(StoredRows.moderator) })
    }

    public func moderator(token: String) async throws -> Moderator? {
        // Only personal tokens: a tenant key never authenticates a moderator.
        guard token.hasPrefix(ModeratorToken.prefix) else { return nil }
        return try await read(StorePlan.single("SELECT * FROM moderators WHERE token_hash = \(APIKey.hash(token))") {
            try $0.first.map(StoredRows.moderator)
        })
    }

    public func auditLog(tenantId: Tenant.ID) async throws -> [AuditEntry] {
        try await read(StorePlan.single("SELECT * FROM audit_log WHERE tenant_id = \(tenantId) ORDER BY seq") { try $0.map(StoredRows.auditEntry) })
    }
}
