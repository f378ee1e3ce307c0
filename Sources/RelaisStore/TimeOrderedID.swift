import Foundation

/// Ids for the rows every report writes (the report, a new case, the outbox event): RFC 9562
/// UUIDs of version 7, whose first 48 bits are the instant in milliseconds and whose other 74
/// are random, written like any UUID (lowercase, with dashes).
///
/// Why not random (version 4) ids: a random id lands anywhere in its table's primary-key
/// index, so each report of a group commit dirtied a page of its own there, and each dirty
/// page is 4 KiB more for the commit to write to the log. Ids that grow with time land on the
/// index's last pages, a few pages for the whole batch. What the id tells about the row, the
/// millisecond it was made, is in the row and in the receipt already.
public enum TimeOrderedID {
    public static func make(at instant: Date) -> String {
        // The random bits of one version 4 UUID: one draw from the system for all 74 bits
        // (two `SystemRandomNumberGenerator` words were two system calls, three ids a report).
        let bytes = UUID().uuid
        let words = withUnsafeBytes(of: bytes) { ($0.load(fromByteOffset: 0, as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
        return make(milliseconds: UInt64(max(0, (instant.timeIntervalSince1970 * 1000).rounded(.down))), random: words)
    }

    /// The id's bytes: the 48-bit instant, the version (7), 12 random bits, the variant (0b10),
    /// 62 random bits.
    static func make(milliseconds: UInt64, random: (UInt64, UInt64)) -> String {
        let high = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | (random.0 & 0x0FFF)
        let low = 0x8000_0000_0000_0000 | (random.1 & 0x3FFF_FFFF_FFFF_FFFF)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            for nibble in 0..<32 {
                // 8-4-4-4-12
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    buffer[index] = UInt8(ascii: "-")
                    index += 1
                }
                let word = nibble < 16 ? high : low
                let value = UInt8((word >> UInt64(60 - 4 * (nibble % 16))) & 0xF)
                buffer[index] = value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
                index += 1
            }
            return index
        }
    }
}
