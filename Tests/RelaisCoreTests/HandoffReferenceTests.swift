import Foundation
import RelaisCore
import Testing

@Suite("Hand-off references")
struct HandoffReferenceTests {
    /// Six characters of the alphabet around a dash, each position drawing every character
    /// about as often (one draw of a number below 31⁶ for all six must spread like six draws).
    @Test func referencesUseTheWholeAlphabetEvenlyInEveryPosition() {
        var generator = SeededGenerator(seed: 20261204)
        let draws = 31_000
        var counts = Array(repeating: [Character: Int](), count: 6)
        for _ in 0..<draws {
            let reference = HandoffReference.random(using: &generator)
            #expect(HandoffReference.normalized(reference) == reference)
            let letters = Array(reference.replacingOccurrences(of: "-", with: ""))
            #expect(Array(reference)[3] == "-" && letters.count == 6)
            for (position, letter) in letters.enumerated() { counts[position][letter, default: 0] += 1 }
        }
        for position in 0..<6 {
            #expect(Set(counts[position].keys) == Set(HandoffReference.alphabet), "position \(position)")
            // 1,000 expected per character; ±200 is more than six standard deviations (31) of chance.
            #expect(counts[position].values.allSatisfy { (800...1_200).contains($0) }, "position \(position): \(counts[position])")
        }
        var system = SystemRandomNumberGenerator()
        #expect(Set((0..<200).map { _ in HandoffReference.random(using: &system) }).count > 190)
    }
}
