import Foundation
@testable import RelaisStore
import Testing

@Suite("Time-ordered ids (UUID version 7)")
struct TimeOrderedIDTests {
    @Test func theBitsAreRFC9562sVersion7() throws {
        // RFC 9562, appendix A.6: 2022-02-22 19:22:22 UTC is 0x017F22E279B0 milliseconds.
        let id = TimeOrderedID.make(milliseconds: 0x017F_22E2_79B0, random: (0xFFFF_FFFF_FFFF_FCC3, 0x18C4_DC0C_0C07_398F))
        #expect(id == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f")
        let uuid = try #require(UUID(uuidString: id))
        #expect(uuid.uuidString.lowercased() == id)
        let zero = TimeOrderedID.make(milliseconds: 0, random: (0, 0))
        #expect(zero == "00000000-0000-7000-8000-000000000000")
    }

    @Test func idsSortByTheirInstantAndDifferWithin() {
        // Steps of 2 ms or more: an instant a whole millisecond after another may be a hair
        // short of it in binary floating point, and land in the same millisecond.
        var milliseconds: Int64 = 1_796_000_000_123
        var instant = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        var previous = TimeOrderedID.make(at: instant)
        var seen: Set<String> = [previous]
        for step in 0..<2_000 {
            milliseconds += Int64(2 + step % 7)
            instant = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let id = TimeOrderedID.make(at: instant)
            #expect(id > previous, "a later millisecond sorts after")
            #expect(id.count == 36 && Array(id)[14] == "7" && "89ab".contains(Array(id)[19]))
            seen.insert(id)
            previous = id
        }
        let sameInstant = (0..<500).map { _ in TimeOrderedID.make(at: instant) }
        #expect(Set(sameInstant).count == 500, "74 random bits tell ids of one millisecond apart")
        #expect(seen.count == 2_001)
    }
}
