/// The one rule for text a caller sends: Relais keeps it exactly as sent, or refuses it.
///
/// U+0000 (NUL) is refused everywhere, never stripped or stored. PostgreSQL's `text` cannot
/// hold it at all (the server rejects the value), and SQLite's C interface treats it as the
/// end of the string, so a stored `"c-1\u{0}alice"` came back as `"c-1"`: two subjects became
/// one case, and whatever followed the NUL in a threat never reached the moderator. No
/// backend can keep such a string, so accepting it would acknowledge text that was not
/// stored; a field error tells the caller instead. Every other character round-trips on both.
public enum StoredText {
    /// The field error's message.
    public static let nulRefusal = "must not contain the NUL character (U+0000)"

    /// Whether both backends store `text` exactly.
    public static func isStorable(_ text: some StringProtocol) -> Bool { !text.utf8.contains(0) }
}
