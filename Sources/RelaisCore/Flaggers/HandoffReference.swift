import Foundation

/// The short reference a person who reported harassment can read aloud to a helpline
/// (`K7M-4QP`): six characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it
/// survives a phone call. With the person's consent, a trusted flagger's notice that cites it
/// is linked to their case (DSA Art. 22, the 3018 hand-off).
///
/// 31⁶ ≈ 887 million references: guessing one gives a flagger nothing, since the answer is
/// only "linked" or "not linked" and a reference links only with consent, for this tenant,
/// before it expires. Two reports can draw the same reference; the store then links neither
/// (never the wrong person).
public enum HandoffReference {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    /// How long a reference can be cited after the report.
    public static let lifetime: TimeInterval = 30 * 86400

    /// One draw for all six characters: a number below 31⁶, without bias, written in base 31.
    /// (A draw per character was six system calls on every report that shows help.)
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let base = UInt64(alphabet.count)
        var value = UInt64.random(in: 0..<(base * base * base * base * base * base), using: &generator)
        var characters: [Character] = []
        characters.reserveCapacity(7)
        for index in 0..<6 {
            if index == 3 { characters.append("-") }
            characters.append(alphabet[Int(value % base)])
            value /= base
        }
        return String(characters)
    }

    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// The reference as stored (`K7M-4QP`) from what a counsellor typed (`k7m 4qp`,
    /// `K7M4QP`), or nil when it cannot be one.
    public static func normalized(_ text: String) -> String? {
        let letters = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard letters.count == 6, letters.allSatisfy(alphabet.contains) else { return nil }
        return String(letters.prefix(3)) + "-" + String(letters.suffix(3))
    }
}
