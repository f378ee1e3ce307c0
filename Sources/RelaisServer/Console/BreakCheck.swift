import Foundation
import RelaisCore
import RelaisStore

/// Whether to suggest a break to the moderator now (`BreakPrompt`, from the config's
/// `moderation.breakAfterSensitiveCases`), from their latest decisions of the last twelve hours:
/// the queue and case pages show the prompt, the moderator chooses.
struct BreakCheck: Sendable {
    let console: any ConsoleStore
    let rule: BreakPrompt

    /// The number of sensitive cases decided in a row, when it is time to suggest a break.
    func prompt(for moderator: Moderator, now: Date) async throws -> Int? {
        guard rule.threshold > 0 else { return nil }
        let recent = try await console.recentDecisions(
            by: moderator, since: now.addingTimeInterval(-12 * 3600), limit: rule.threshold + 1, sensitive: SensitiveContent.categories)
        guard rule.suggests(recent, now: now) else { return nil }
        return rule.run(recent, now: now)
    }
}
