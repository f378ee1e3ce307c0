import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The team's private tags and comments on a case, and its escalation to the senior role
/// (`Moderator.Role.seniorRole`). Each change is audited by its store call; a refusal changes
/// nothing and says why.
struct ConsoleNotesRoutes: Sendable {
    let notes: any CaseNotesStore
    let clock: RelaisClock
    let pages: ConsolePages

    static let routes = [
        "POST /console/cases/{id}/tags", "POST /console/cases/{id}/tags/remove", "POST /console/cases/{id}/comments",
        "POST /console/cases/{id}/escalate",
    ]

    func register(deciding: RouterGroup<ConsoleRequestContext>) {
        deciding.post("cases/:id/tags") { _, context in
            try await change(context, text: "tag", rule: CaseNoteRules.tag) { id, tag, moderator, now in
                try await notes.tagCase(caseId: id, tag: tag, by: moderator, now: now)
            }
        }
        deciding.post("cases/:id/tags/remove") { _, context in
            try await change(context, text: "tag", rule: CaseNoteRules.tag) { id, tag, moderator, now in
                try await notes.untagCase(caseId: id, tag: tag, by: moderator, now: now)
            }
        }
        deciding.post("cases/:id/comments") { _, context in
            try await change(context, text: "comment", rule: CaseNoteRules.comment) { id, comment, moderator, now in
                try await notes.commentOnCase(caseId: id, comment: comment, by: moderator, now: now)
            }
        }
        deciding.post("cases/:id/escalate") { _, context in try await escalate(context) }
    }

    /// One note change: the text checked by its rule, then the store call; back to the notes.
    private func change(
        _ context: ConsoleRequestContext, text field: String, rule: (String) -> Result<String, ValidationFailure>,
        _ store: (ModerationCase.ID, String, Moderator, Date) async throws -> Bool
    ) async throws -> Response {
        let id = try ConsoleCaseRoutes.caseId(context)
        switch rule(context.form[field] ?? "") {
        case .failure(let failure): return try refused(context, id, failure)
        case .success(let value):
            guard try await store(id, value, context.moderator, clock.now()) else { return try pages.caseNotFound(context.texts, context.session) }
            return ConsolePages.redirect("/console/cases/\(id)?notice=noted#notes-title")
        }
    }

    private func escalate(_ context: ConsoleRequestContext) async throws -> Response {
        let id = try ConsoleCaseRoutes.caseId(context)
        switch CaseNoteRules.escalationReason(context.form["reason"] ?? "") {
        case .failure(let failure): return try refused(context, id, failure)
        case .success(let reason):
            switch try await notes.escalateCase(caseId: id, reason: reason, by: context.moderator, now: clock.now()) {
            case .released, .leased: return ConsolePages.redirect("/console/queue?notice=escalated")
            case .notFound: return try pages.caseNotFound(context.texts, context.session)
            case .notLeasedByCaller:
                let t = context.texts
                return try pages.message(
                    t, context.session, status: .conflict, t("error.noLeaseToEscalate"), [t("error.noLeaseToEscalateDetail")], back: "/console/cases/\(id)")
            }
        }
    }

    private func refused(_ context: ConsoleRequestContext, _ id: ModerationCase.ID, _ failure: ValidationFailure) throws -> Response {
        try pages.message(
            context.texts, context.session, status: .unprocessableContent, context.texts("error.notSaved"), failure.errors.map(\.description),
            back: "/console/cases/\(id)#notes-title")
    }
}
