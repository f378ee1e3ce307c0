import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// User management for admins, within their tenant: create, change a role, disable, set a new
/// password. Each change is audited by its store call with the admin as the actor; a refusal
/// changes nothing and says why.
struct ConsoleUserRoutes: Sendable {
    let users: any ConsoleUserStore
    let clock: RelaisClock
    let pages: ConsolePages

    static let routes = [
        "GET /console/users", "POST /console/users", "POST /console/users/{name}/role", "POST /console/users/{name}/disable",
        "POST /console/users/{name}/password",
    ]

    func register(administering: RouterGroup<ConsoleRequestContext>) {
        administering.get("users") { request, context in try await usersPage(context.session, context.texts, notice: ConsolePages.notice(request, context.texts)) }
        administering.post("users") { _, context in try await create(context) }
        administering.post("users/:name/role") { _, context in
            let role = context.form["role"].flatMap(Moderator.Role.init(rawValue:))
            guard let role else { return try refused(context, [context.texts("userAdmin.unknownRole")]) }
            return try await outcome(context, users.changeRole(userName: try Self.name(context), to: role, by: context.moderator, now: clock.now()))
        }
        administering.post("users/:name/disable") { _, context in
            try await outcome(context, users.disableUser(userName: try Self.name(context), by: context.moderator, now: clock.now()))
        }
        administering.post("users/:name/password") { _, context in
            let password = context.form["password"] ?? ""
            if let problem = ConsolePasswords.problem(with: password) { return try refused(context, [problem]) }
            let hash = await ConsolePasswords.hash(password)
            return try await outcome(
                context, users.resetPassword(userName: try Self.name(context), passwordHash: hash, by: context.moderator, now: clock.now()))
        }
    }

    static func name(_ context: ConsoleRequestContext) throws -> String {
        let name = try context.parameters.require("name")
        guard name.count <= 64 else { throw HTTPError(.notFound) }
        return name
    }

    func usersPage(_ session: ConsoleSession, _ t: Messages, notice: String?) async throws -> Response {
        let rows = try await users.consoleUsers(tenantId: session.moderator.tenantId)
        let view = ConsoleUsersView(
            page: pages.page(t, t("userAdmin.pageTitle"), session, notice: notice), csrf: session.csrfToken,
            users: rows.map { row in
                ConsoleUsersView.Row(
                    name: row.name, role: row.role.rawValue, isSelf: row.name == session.moderator.name,
                    state: t(row.disabledAt != nil ? "userAdmin.disabled" : row.hasPassword ? "userAdmin.active" : "userAdmin.noPassword"),
                    disabled: row.disabledAt != nil, createdAt: ConsoleFormat.time(row.createdAt),
                    roles: Moderator.Role.allCases.map { ConsoleOption(value: $0.rawValue, label: t("role.\($0.rawValue)"), selected: $0 == row.role) })
            },
            roles: Moderator.Role.allCases.map { ConsoleOption(value: $0.rawValue, label: t("role.\($0.rawValue)"), selected: $0 == .moderator) })
        return try pages.render("console-users", view)
    }

    private func create(_ context: ConsoleRequestContext) async throws -> Response {
        let name = context.form.nonEmpty("name") ?? "", password = context.form["password"] ?? ""
        var problems: [String] = []
        let role = context.form["role"].flatMap(Moderator.Role.init(rawValue:))
        if role == nil { problems.append(context.texts("userAdmin.unknownRole")) }
        if let problem = ConsolePasswords.problem(with: password) { problems.append(problem) }
        guard problems.isEmpty, let role else { return try refused(context, problems) }
        let hash = await ConsolePasswords.hash(password)
        do {
            _ = try await users.createConsoleUser(name: name, role: role, passwordHash: hash, by: context.moderator, now: clock.now())
        } catch let error as ModerationError {
            return try refused(context, [error.description])
        }
        return ConsolePages.redirect("/console/users?notice=user-changed")
    }

    private func outcome(_ context: ConsoleRequestContext, _ change: ConsoleUserChange) throws -> Response {
        let t = context.texts
        switch change {
        case .changed: return ConsolePages.redirect("/console/users?notice=user-changed")
        case .notFound:
            return try pages.message(t, context.session, status: .notFound, t("userAdmin.notFound"), [t("userAdmin.notFoundDetail")], back: "/console/users")
        case .refusedOnSelf: return try refused(context, [t("userAdmin.notOnSelf")])
        }
    }

    private func refused(_ context: ConsoleRequestContext, _ problems: [String]) throws -> Response {
        try pages.message(context.texts, context.session, status: .unprocessableContent, context.texts("error.notSaved"), problems, back: "/console/users")
    }
}
