import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// Signing in and out of the console: bcrypt passwords (`ConsolePasswords`), the lock-out
/// (`SignInPolicy`, counted by the store with an audit entry), and the session cookie.
struct ConsoleSignInRoutes: Sendable {
    let store: any ConsoleStore
    let leases: any ModerationStore
    let clock: RelaisClock
    let loginTokens: FormTokens
    let policy: SignInPolicy
    let pages: ConsolePages

    /// The sign-in form and its POST: outside the session check, which they open.
    func registerPublic(on console: RouterGroup<RelaisRequestContext>) {
        console.get("login") { request, _ in try await loginPage(request) }
        console.post("login") { request, _ in try await login(request) }
    }

    func register(on signedIn: RouterGroup<ConsoleRequestContext>) {
        signedIn.post("logout") { request, context in try await logout(request, context.session) }
    }

    func loginPage(_ request: Request) async throws -> Response {
        if try await ConsoleSessionMiddleware.session(of: request, in: store, now: clock.now()) != nil {
            return ConsolePages.redirect("/console/queue")
        }
        return try loginForm(request, name: "", error: nil, status: .ok)
    }

    /// The sign-in form's CSRF token: an HMAC bound to a random nonce kept in a cookie of its own.
    private func loginForm(_ request: Request, name: String, error: String?, status: HTTPResponse.Status) throws -> Response {
        let nonce = ConsoleSecrets.random(), t = pages.texts(request)
        let view = ConsoleLoginView(
            page: pages.page(t, t("login.title"), nil), token: loginTokens.issue(tenant: "console-login", formId: nonce, at: clock.now()), name: name,
            error: error)
        var response = try pages.render("console-login", view, status: status)
        response.setCookie(ConsoleCookies.make(ConsoleCookies.login, value: nonce, maxAge: 3600, request: request))
        return response
    }

    func login(_ request: Request) async throws -> Response {
        let t = pages.texts(request)
        guard OriginCheck.isSameOrigin(request) else { return try pages.crossOriginRefused(t) }
        let fields = try await FormFields.body(of: request)
        let now = clock.now()
        guard let nonce = request.cookies[ConsoleCookies.login]?.value, ConsoleSecrets.isWellFormed(nonce),
            loginTokens.isValid(fields["csrf"] ?? "", tenant: "console-login", formId: nonce, at: now)
        else {
            return try loginForm(request, name: "", error: t("login.expired"), status: .forbidden)
        }
        let name = String((fields.nonEmpty("name") ?? "").prefix(64)), password = fields["password"] ?? ""
        let wrong = t("login.wrong")
        // No account's name or password holds a NUL (see `StoredText`): such a name is
        // unknown without asking the store, such a password is wrong.
        guard StoredText.isStorable(name), let credentials = try await store.consoleCredentials(name: name),
            let hash = credentials.passwordHash
        else {
            _ = await ConsolePasswords.verifyDecoy(password)
            return try loginForm(request, name: name, error: wrong, status: .unauthorized)
        }
        if let until = credentials.lockedUntil, until > now {
            return try loginForm(request, name: name, error: Self.locked(until, t), status: .tooManyRequests)
        }
        guard password.utf8.count <= ConsolePasswords.maximumBytes, StoredText.isStorable(password),
            await ConsolePasswords.verify(password, hash: hash)
        else {
            if case .failed(let lockedUntil?) = try await store.recordSignIn(
                moderatorId: credentials.moderator.id, succeeded: false, policy: policy, now: now)
            {
                return try loginForm(request, name: name, error: Self.locked(lockedUntil, t), status: .tooManyRequests)
            }
            return try loginForm(request, name: name, error: wrong, status: .unauthorized)
        }
        guard case .signedIn = try await store.recordSignIn(moderatorId: credentials.moderator.id, succeeded: true, policy: policy, now: now)
        else {
            // Locked meanwhile by concurrent wrong attempts: the right password does not get in either.
            let until = try await store.consoleCredentials(name: name)?.lockedUntil ?? now
            return try loginForm(request, name: name, error: Self.locked(until, t), status: .tooManyRequests)
        }
        let id = ConsoleSecrets.random()
        try await store.createConsoleSession(
            idHash: APIKey.hash(id), moderatorId: credentials.moderator.id, csrfToken: ConsoleSecrets.random(), now: now,
            expiresAt: now.addingTimeInterval(ConsoleCookies.sessionLifetime))
        var response = ConsolePages.redirect("/console/queue")
        response.setCookie(ConsoleCookies.make(ConsoleCookies.session, value: id, maxAge: Int(ConsoleCookies.sessionLifetime), request: request))
        response.setCookie(ConsoleCookies.make(ConsoleCookies.login, value: "", maxAge: 0, request: request))
        return response
    }

    static func locked(_ until: Date, _ t: Messages) -> String { t("login.locked", ["time": ConsoleFormat.time(until)]) }

    /// Signing out also hands back what the moderator held (`releaseLeases`): a case left
    /// open on a closed laptop would otherwise wait out its lease.
    func logout(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        _ = try await leases.releaseLeases(of: session.moderator, now: clock.now())
        if let raw = request.cookies[ConsoleCookies.session]?.value {
            try await store.endConsoleSession(idHash: APIKey.hash(raw), now: clock.now())
        }
        var response = ConsolePages.redirect("/console/login")
        response.setCookie(ConsoleCookies.make(ConsoleCookies.session, value: "", maxAge: 0, request: request))
        return response
    }
}
