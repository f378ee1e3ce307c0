import Hummingbird
import RelaisStore

/// The context of every console page behind the sign-in: its session is not optional.
///
/// Made from `RelaisRequestContext` once `ConsoleSessionMiddleware` has found a live session
/// (and, for a POST, checked the origin and the session's CSRF token), so a route cannot
/// forget the check and cannot reach a page without a user.
struct ConsoleRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let session: ConsoleSession
    /// A POST's form fields, read once by the middleware that checked their CSRF token; empty on a GET.
    let form: FormFields
    /// The console's texts in the moderator's language.
    let texts: Messages

    init(context: RelaisRequestContext) throws {
        // Unreachable behind `ConsoleSessionMiddleware`; a route outside it fails closed.
        guard let session = context.consoleSession, let texts = context.consoleTexts else { throw HTTPError(.unauthorized) }
        coreContext = context.coreContext
        self.session = session
        form = context.consoleForm ?? FormFields()
        self.texts = texts
    }

    var maxUploadSize: Int { RelaisLimits.maxBodyBytes }

    var moderator: Moderator { session.moderator }
}
