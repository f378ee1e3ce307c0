import Foundation
import RelaisCore
import Testing

@Suite("Break prompt")
struct BreakPromptTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    func decided(_ minutesAgo: Double, _ sensitive: Bool = true) -> BreakPrompt.Decided {
        BreakPrompt.Decided(at: now.addingTimeInterval(-minutesAgo * 60), sensitive: sensitive)
    }

    @Test func theRunCountsSensitiveCasesUntilAnOrdinaryOneOrAPause() {
        let rule = BreakPrompt(threshold: 3, pause: 15 * 60)
        #expect(rule.run([decided(1), decided(3), decided(5)], now: now) == 3)
        #expect(rule.suggests([decided(1), decided(3), decided(5)], now: now))
        // An ordinary case ends the run.
        #expect(rule.run([decided(1), decided(3, false), decided(5), decided(6)], now: now) == 1)
        // A pause of 15 minutes between two decisions was a break; 14:59 was not.
        #expect(rule.run([decided(1), decided(16), decided(17)], now: now) == 1)
        #expect(rule.run([decided(1), decided(15.98), decided(17)], now: now) == 3)
        // Fifteen minutes since the last decision: a break was taken.
        #expect(rule.run([decided(15), decided(16), decided(17)], now: now) == 0)
        #expect(!rule.suggests([decided(1), decided(2)], now: now))
    }

    @Test func zeroNeverPrompts() {
        #expect(!BreakPrompt(threshold: 0).suggests([decided(1), decided(2)], now: now))
    }
}
