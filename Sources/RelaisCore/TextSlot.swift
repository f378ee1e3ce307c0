/// A value for a `{slot}` of a card text: never empty, so a text built from slots cannot
/// read "call ." when a number is missing. A missing value is `nil` at the call site, where
/// the code has to choose a text without that slot.
public struct TextSlot: Sendable, Equatable {
    public let text: String

    public init?(_ text: String?) {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        self.text = text
    }
}
