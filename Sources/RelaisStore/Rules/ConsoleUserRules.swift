import Foundation
import RelaisCore

/// User management, written once for both backends. Each write starts by finding the user
/// in the admin's tenant: another tenant's user is "not found", and nothing is written.
extension ConsoleUserStore where Self: StoreDriver {
    public func consoleUsers(tenantId: Tenant.ID) async throws -> [ConsoleUserRow] {
        try await read(StorePlan.single("SELECT name, role, disabled_at, password_hash, created_at FROM moderators WHERE tenant_id = \(tenantId) ORDER BY name") { rows in
            try rows.map {
                ConsoleUserRow(
                    name: try $0.string("name"), role: Moderator.Role(rawValue: try $0.string("role")) ?? .moderator,
                    disabledAt: try $0.optionalDate("disabled_at"), hasPassword: try $0.optionalString("password_hash") != nil,
                    createdAt: try $0.date("created_at"))
            }
        })
    }

    public func createConsoleUser(name: String, role: Moderator.Role, passwordHash: String, by admin: Moderator, now: Date) async throws -> Moderator {
        guard AccountName.isValid(name) else { throw ModerationError.invalidModeratorName(name) }
        let id = Moderator.ID(rawValue: UUID().uuidString.lowercased())
        let moderator = Moderator(id: id, tenantId: admin.tenantId, name: name, role: role, tokenPrefix: nil, createdAt: now)
        return try await write(.query("""
            INSERT INTO moderators (id, tenant_id, name, role, password_hash, created_at)
            VALUES (\(id), \(admin.tenantId), \(name), \(role.rawValue), \(passwordHash), \(now)) ON CONFLICT (name) DO NOTHING RETURNING id
            """) { inserted in
            guard !inserted.isEmpty else { throw ModerationError.moderatorExists(name) }
            return .write([
                SharedStatements.audit(
                    tenantId: admin.tenantId, actor: admin.name, at: now, action: "moderator.created",
                    after: AuditJSON.json(["name": name, "role": role.rawValue]))
            ], answering: moderator)
        })
    }

    public func changeRole(userName: String, to role: Moderator.Role, by admin: Moderator, now: Date) async throws -> ConsoleUserChange {
        guard userName != admin.name else { return .refusedOnSelf }
        return try await write(Self.user(userName, of: admin) { id, before in
            [
                "UPDATE moderators SET role = \(role.rawValue) WHERE id = \(id)",
                SharedStatements.audit(
                    tenantId: admin.tenantId, actor: admin.name, at: now, action: "moderator.role_changed",
                    before: AuditJSON.json(["name": userName, "role": before]), after: AuditJSON.json(["name": userName, "role": role.rawValue])),
            ]
        })
    }

    public func disableUser(userName: String, by admin: Moderator, now: Date) async throws -> ConsoleUserChange {
        guard userName != admin.name else { return .refusedOnSelf }
        return try await write(Self.user(userName, of: admin) { id, _ in
            [
                "UPDATE moderators SET disabled_at = \(now), password_hash = NULL, token_hash = NULL, token_prefix = NULL WHERE id = \(id)",
                "UPDATE console_sessions SET ended_at = \(now) WHERE moderator_id = \(id) AND ended_at IS NULL",
                SharedStatements.audit(
                    tenantId: admin.tenantId, actor: admin.name, at: now, action: "moderator.disabled", after: AuditJSON.json(["name": userName])),
            ]
        })
    }

    /// Also lifts a lock-out, enables a disabled user and ends the user's sessions, as
    /// `setPassword` from the command line does.
    public func resetPassword(userName: String, passwordHash: String, by admin: Moderator, now: Date) async throws -> ConsoleUserChange {
        try await write(Self.user(userName, of: admin) { id, _ in
            [
                "UPDATE moderators SET password_hash = \(passwordHash), failed_sign_ins = 0, locked_until = NULL, disabled_at = NULL WHERE id = \(id)",
                "UPDATE console_sessions SET ended_at = \(now) WHERE moderator_id = \(id) AND ended_at IS NULL",
                SharedStatements.audit(
                    tenantId: admin.tenantId, actor: admin.name, at: now, action: "moderator.password_set", after: AuditJSON.json(["name": userName])),
            ]
        })
    }

    /// The writes for a user of the admin's tenant (its id and current role); `.notFound` otherwise.
    private static func user(
        _ name: String, of admin: Moderator, _ statements: @escaping @Sendable (Moderator.ID, String) -> [SQLStatement]
    ) -> StorePlan<ConsoleUserChange> {
        .first("SELECT id, role FROM moderators WHERE name = \(name) AND tenant_id = \(admin.tenantId)") { row in
            guard let row else { return .done(.notFound) }
            let id: Moderator.ID = try row.id("id")
            return .write(statements(id, try row.string("role")), answering: .changed)
        }
    }
}
