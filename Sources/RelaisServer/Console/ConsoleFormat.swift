import Foundation
import RelaisCore

enum ConsoleFormat {
    /// "2026-11-30 14:05 UTC": moderators in several countries read one clock.
    static func time(_ date: Date) -> String {
        let text = Timestamp.format(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }
}
