import Foundation
import RelaisCore

enum ConsoleFormat {
    /// "2026-11-30 14:05 UTC": moderators in several countries read one clock.
    static func time(_ date: Date) -> String {
        let text = Timestamp.format(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// A due time as the console shows it: UTC text for everyone (and without script), and the
    /// instant, which console-keys.js writes again in the moderator's own zone.
    static func moment(_ date: Date) -> ConsoleMoment { ConsoleMoment(text: time(date), iso: Timestamp.format(date)) }
}
