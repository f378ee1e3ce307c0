import Foundation
import RelaisCore

/// An admin's management of the console's users, within the admin's tenant. Every change is
/// one transaction with its audit entry, the admin as the actor.
///
/// Disabling removes what authenticates the user (password hash, personal token) and ends
/// their sessions, so every sign-in path refuses them without a check of its own; setting a
/// new password enables them again.
public protocol ConsoleUserStore: Sendable {
    func consoleUsers(tenantId: Tenant.ID) async throws -> [ConsoleUserRow]
    /// Throws `ModerationError.moderatorExists` or `.invalidModeratorName`.
    func createConsoleUser(name: String, role: Moderator.Role, passwordHash: String, by admin: Moderator, now: Date) async throws -> Moderator
    /// The change, or `.notFound` for a user of another tenant or none.
    func changeRole(userName: String, to role: Moderator.Role, by admin: Moderator, now: Date) async throws -> ConsoleUserChange
    func disableUser(userName: String, by admin: Moderator, now: Date) async throws -> ConsoleUserChange
    func resetPassword(userName: String, passwordHash: String, by admin: Moderator, now: Date) async throws -> ConsoleUserChange
}

public enum ConsoleUserChange: Sendable, Equatable {
    case changed
    case notFound
    /// An admin does not disable or demote themselves: the tenant would risk losing its last admin.
    case refusedOnSelf
}

public struct ConsoleUserRow: Sendable, Equatable {
    public var name: String
    public var role: Moderator.Role
    public var disabledAt: Date?
    public var hasPassword: Bool
    public var createdAt: Date
}
