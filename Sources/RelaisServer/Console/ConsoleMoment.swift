/// An instant on a console page: `text` in UTC, `iso` for `<time datetime>`, which the
/// console's script rewrites in the browser's time zone (`data-local-time`).
struct ConsoleMoment: Sendable {
    var text: String
    var iso: String
}
