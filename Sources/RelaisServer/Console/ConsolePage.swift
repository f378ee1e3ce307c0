/// What the console's layout reads on every page.
struct ConsolePage: Sendable {
    var pageTitle: String
    var user: ConsoleUser?
    var notice: String?
    var noticeIsError: Bool = false
}
