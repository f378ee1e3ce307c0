import Foundation
import RelaisCore
import RelaisStore

/// The help cards of one tenant, each computed once and reused until it may change.
///
/// Reporters with the same `SupportCardKey` (country, category, language, age, presentation)
/// see the same card until a line of their country opens or closes, or a new day starts in a
/// line's zone (`SupportPolicy.nextChange`). In a raid that is thousands of reports for one
/// key between two changes: the cache turns the decision and the card's JSON encoding into a
/// dictionary lookup, so a report copies bytes. `SupportPolicy.card(for:…)` stays the pure
/// reference; `HelpCardCacheTests` checks the cache against it over a year of instants.
final class HelpCardCache: @unchecked Sendable {
    struct Entry: Sendable {
        let card: SupportCard?
        /// The card as the receipt and `GET /v1/support` carry it (`ReceiptCodec.encodeCard`).
        let json: String?
        /// The card holds for instants in `[from, until)`.
        let from: Date
        let until: Date
    }

    /// Keys are bounded (countries × categories × languages × ages × presentations, a few
    /// thousand at most, and far fewer in use); past this many, the cache starts again empty
    /// rather than growing, which costs one decision per key.
    static let capacity = 4096

    private let config: TenantSupportConfig
    private let directory: HelplineDirectory
    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [SupportCardKey: Entry] = [:]

    init(config: TenantSupportConfig, directory: HelplineDirectory) {
        self.config = config
        self.directory = directory
    }

    /// The card for `request` at `now`, with its JSON; `nil` when the reporter gets none.
    func card(for request: SupportRequest, now: Date) -> Entry? {
        guard let key = SupportPolicy.key(for: request, config: config) else { return nil }
        if let hit = lock.withLock({ entries[key] }), hit.from <= now, now < hit.until { return hit }
        // Computed outside the lock: two requests missing together both decide, and either
        // answer is the same card.
        let card = SupportPolicy.card(for: key, config: config, directory: directory, now: now)
        let entry = Entry(
            card: card, json: card.flatMap { try? ReceiptCodec.encodeCard($0) }, from: now,
            until: SupportPolicy.nextChange(in: key.country, config: config, directory: directory, after: now))
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return entry
    }
}
