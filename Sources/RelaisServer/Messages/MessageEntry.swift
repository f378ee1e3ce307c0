import RelaisCore

/// One text of a catalogue: plain, or counted (one form per plural category).
enum MessageEntry: Sendable, Equatable {
    case text(String)
    case plural([PluralCategory: String])

    /// The `{name}` placeholders, sorted, over every form.
    var placeholders: [String] {
        switch self {
        case .text(let text): Array(Set(text.placeholders)).sorted()
        case .plural(let forms): Array(Set(forms.values.flatMap(\.placeholders))).sorted()
        }
    }
}

