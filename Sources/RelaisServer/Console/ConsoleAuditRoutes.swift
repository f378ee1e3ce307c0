import Hummingbird
import RelaisStore

/// The tenant's audit log, newest first.
struct ConsoleAuditRoutes: Sendable {
    let audit: any ConsoleStore
    let pages: ConsolePages

    func register(on signedIn: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("audit") { _, context in try await auditPage(context.session) }
    }

    func auditPage(_ session: ConsoleSession) async throws -> Response {
        let entries = try await audit.recentAudit(tenantId: session.moderator.tenantId, limit: 1000)
        let view = ConsoleAuditView(page: pages.page("Audit log", session), rows: entries.map(ConsoleAuditRow.init))
        return try pages.render("console-audit", view)
    }
}
