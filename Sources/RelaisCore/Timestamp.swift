import Foundation

/// ISO 8601 timestamps, parsed and written without a shared formatter.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        // Fractional seconds are optional; a zone (Z or ±hh:mm) is required.
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let plain = Date.ISO8601FormatStyle()
        return (try? plain.parse(text)) ?? (try? withFraction.parse(text))
    }

    /// "2026-11-29T21:30:00.123Z", in UTC. Written out by hand: it runs for every report,
    /// and ICU's formatter was a visible share of a report's cost.
    public static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (y, m, d) = LocalTime.civil(fromDays: days)
        let ofDay = Int(seconds - days * 86_400), ms = Int(millis - seconds * 1000)
        func pad(_ v: Int, _ width: Int) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(ofDay / 3600, 2) + ":" + pad(ofDay / 60 % 60, 2) + ":"
            + pad(ofDay % 60, 2) + "." + pad(ms, 3) + "Z"
    }
}
