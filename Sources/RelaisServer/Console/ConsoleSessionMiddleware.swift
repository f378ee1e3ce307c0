import Foundation
import Hummingbird
import RelaisStore

/// The console's one check for a signed-in user, before every page behind the sign-in.
///
/// A GET needs a live session (`relais_session` cookie), else it goes to the sign-in page. A
/// POST must also come from Relais's own origin (`OriginCheck`, shared with the report sheet)
/// and carry the session's CSRF token in its form; its fields are read here, once, and handed
/// on in `ConsoleRequestContext.form`.
struct ConsoleSessionMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext
    let sessions: any ConsoleStore
    let clock: RelaisClock
    let pages: ConsolePages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let t = pages.texts(request)
        context.consoleTexts = t
        if request.method == .post {
            guard OriginCheck.isSameOrigin(request) else { return try pages.crossOriginRefused(t) }
            guard let session = try await Self.session(of: request, in: sessions, now: clock.now()) else {
                return ConsolePages.redirect("/console/login")
            }
            let fields = try await FormFields.body(of: request)
            guard let token = fields["csrf"], ConsoleSecrets.equal(token, session.csrfToken) else {
                return try pages.message(t, session, status: .forbidden, t("error.formRefused"), [t("error.formRefusedDetail")])
            }
            context.consoleSession = session
            context.consoleForm = fields
        } else {
            guard let session = try await Self.session(of: request, in: sessions, now: clock.now()) else {
                return ConsolePages.redirect("/console/login")
            }
            context.consoleSession = session
        }
        return try await next(request, context)
    }

    /// The live session the request's cookie names, if any.
    static func session(of request: Request, in sessions: any ConsoleStore, now: Date) async throws -> ConsoleSession? {
        guard let raw = request.cookies[ConsoleCookies.session]?.value, ConsoleSecrets.isWellFormed(raw) else { return nil }
        return try await sessions.consoleSession(idHash: APIKey.hash(raw), now: now)
    }
}
