import Hummingbird
import RelaisCore
import RelaisStore

/// The tenant's webhook dead letters and their replay, for administrators. The replay and
/// its audit entry are one store call (`WebhookStore.replayWebhooks`), as for
/// `relais webhooks replay`.
struct ConsoleWebhookRoutes: Sendable {
    let tenants: any TenantStore
    let webhooks: any WebhookStore
    let clock: RelaisClock
    let pages: ConsolePages

    func register(on administering: RouterGroup<ConsoleRequestContext>) {
        administering.get("webhooks") { request, context in try await deadLetters(context.session, context.texts, notice: ConsolePages.notice(request, context.texts)) }
        administering.post("webhooks/replay") { _, context in try await replay(context.session, context.form, context.texts) }
    }

    private func tenantName(_ session: ConsoleSession) async throws -> String {
        guard let name = try await tenants.tenant(id: session.moderator.tenantId)?.name else {
            throw HTTPError(.notFound)
        }
        return name
    }

    func deadLetters(_ session: ConsoleSession, _ t: Messages, notice: String?) async throws -> Response {
        let status = try await webhooks.webhookStatus(tenantName: try await tenantName(session))
        let view = ConsoleWebhooksView(
            page: pages.page(t, t("webhooks.pageTitle"), session, notice: notice), csrf: session.csrfToken, pending: status.pending,
            delivered: status.delivered, dead: status.dead,
            events: status.deadEvents.map {
                .init(id: $0.id, type: $0.type, attempts: $0.attempts, lastError: $0.lastError, createdAt: ConsoleFormat.time($0.createdAt))
            },
            hasDead: !status.deadEvents.isEmpty)
        return try pages.render("console-webhooks", view)
    }

    /// An unknown event, or another tenant's, is 404; one being sent right now, 409. Nothing
    /// is replayed or audited then.
    func replay(_ session: ConsoleSession, _ fields: FormFields, _ t: Messages) async throws -> Response {
        let tenant = try await tenantName(session)
        let event = fields.nonEmpty("event").map { String($0.prefix(100)) }
        func unknown() throws -> Response {
            try pages.message(t, session, status: .notFound, t("error.eventNotFound"), [t("error.eventNotFoundDetail")], back: "/console/webhooks")
        }
        // An id with a NUL cannot name a stored event (see `StoredText`).
        if let event, !StoredText.isStorable(event) { return try unknown() }
        do {
            _ = try await webhooks.replayWebhooks(
                event.map(WebhookReplay.event) ?? .dead, tenantName: tenant, actor: session.moderator.name, now: clock.now())
        } catch WebhookError.eventNotFound {
            return try unknown()
        } catch WebhookError.eventInFlight {
            return try pages.message(t, session, status: .conflict, t("error.eventInFlight"), [t("error.eventInFlightDetail")], back: "/console/webhooks")
        }
        return ConsolePages.redirect("/console/webhooks?notice=replayed")
    }
}
