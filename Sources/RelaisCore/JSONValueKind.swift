import Foundation

/// Marker for JSON null as JSONSerialization decodes it.
typealias NSNullLike = NSNull

/// Tells JSON booleans from numbers in JSONSerialization's output, where both are NSNumber
/// (and `1 as NSNumber` even casts to `Bool`). A JSON boolean is the only NSNumber whose
/// Objective-C type is "c" in that output, on Linux and on Darwin.
public enum JSONValueKind {
    public static func bool(_ value: Any) -> Bool? {
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else { return nil }
        return number.boolValue
    }

    /// An integer that JSON wrote without a fraction.
    static func int(_ value: Any) -> Int? {
        guard let number = value as? NSNumber, bool(value) == nil else { return nil }
        let type = String(cString: number.objCType)
        guard type != "d" && type != "f" else { return nil }
        return number.intValue
    }
}
