/// One problem with one field of a request, reported to the caller as it is.
public struct FieldError: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Dotted path of the field: "reporter.country".
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }

    /// The field a path belongs to: "territorialScope" for "territorialScope.2".
    public var rootField: String { String(field.split(separator: ".", maxSplits: 1).first ?? Substring(field)) }

    /// `first`, then each of `later` whose field `first` does not already name: a field
    /// refused for its own value is not refused again by a rule that read it as missing.
    public static func merging(_ first: [FieldError], _ later: [FieldError]) -> [FieldError] {
        let named = Set(first.map(\.rootField))
        return first + later.filter { !named.contains($0.rootField) }
    }
}

/// Reads fields out of a decoded JSON object (JSONSerialization's `[String: Any]`),
/// collecting every error instead of stopping at the first, so a caller fixes all at once.
struct FieldReader {
    private let object: [String: Any]
    private let prefix: String
    private(set) var errors: [FieldError] = []

    init(_ object: [String: Any], prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    mutating func fail(_ key: String, _ message: String) { errors.append(FieldError(path(key), message)) }

    mutating func absorb(_ other: [FieldError]) { errors += other }

    private mutating func value(_ key: String, required: Bool) -> Any? {
        guard let value = object[key], !(value is NSNullLike) else {
            if required { fail(key, "is required") }
            return nil
        }
        return value
    }

    mutating func string(_ key: String, required: Bool, maxLength: Int, minLength: Int = 1) -> String? {
        guard let raw = value(key, required: required) else { return nil }
        guard let text = raw as? String else {
            fail(key, "must be a string")
            return nil
        }
        guard StoredText.isStorable(text) else {
            fail(key, StoredText.nulRefusal)
            return nil
        }
        let count = text.count
        if count < minLength {
            fail(key, minLength == 1 ? "must not be empty" : "must be at least \(minLength) characters")
            return nil
        }
        if count > maxLength {
            fail(key, "must be at most \(maxLength) characters (got \(count))")
            return nil
        }
        return text
    }

    mutating func bool(_ key: String, required: Bool) -> Bool? {
        guard let raw = value(key, required: required) else { return nil }
        // JSONSerialization gives NSNumber for both numbers and booleans; only a real JSON
        // boolean is accepted.
        guard let flag = JSONValueKind.bool(raw) else {
            fail(key, "must be true or false")
            return nil
        }
        return flag
    }

    mutating func object(_ key: String, required: Bool) -> [String: Any]? {
        guard let raw = value(key, required: required) else { return nil }
        guard let nested = raw as? [String: Any] else {
            fail(key, "must be an object")
            return nil
        }
        return nested
    }

    mutating func oneOf<E: RawRepresentable & CaseIterable>(_ key: String, required: Bool, _ type: E.Type) -> E?
    where E.RawValue == String {
        guard let text = string(key, required: required, maxLength: 64) else { return nil }
        guard let value = E(rawValue: text) else {
            fail(key, "'\(text)' is not one of: " + E.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return value
    }
}
