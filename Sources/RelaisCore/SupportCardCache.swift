import Foundation

/// The help cards of one tenant, each computed once and reused until it may change.
///
/// Reporters with the same `SupportCardKey` (country, category, language, age, presentation)
/// see the same card until a line of their country opens or closes, or a new day starts in a
/// line's zone (`SupportPolicy.nextChange`). In a raid that is thousands of reports for one
/// key between two changes: the cache turns the decision and the card's JSON encoding into a
/// dictionary lookup, so a report copies bytes. `SupportPolicy.card(for:…)` stays the pure
/// reference (`CardStabilityTests` checks the bound over every interval of a year;
/// `SupportCardCacheTests` the cache against `decide`). A memo of a pure function, with the
/// instant passed in: the same questions get the same answers as without it.
public final class SupportCardCache: @unchecked Sendable {
    public struct Entry: Sendable {
        public let card: SupportCard?
        /// The card as the receipt and `GET /v1/support` carry it (the server encodes with
        /// `ReceiptCodec.encodeCard`, as the store would).
        public let json: String?
        /// The card holds for instants in `[from, until)`.
        public let from: Date
        public let until: Date
    }

    /// Keys are bounded (countries × categories × languages × ages × presentations, a few
    /// thousand at most, and far fewer in use); past this many, the cache starts again empty
    /// rather than growing, which costs one decision per key.
    public static let capacity = 4096

    private let config: TenantSupportConfig
    private let directory: HelplineDirectory
    private let encode: @Sendable (SupportCard) -> String?
    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [SupportCardKey: Entry] = [:]

    public init(config: TenantSupportConfig, directory: HelplineDirectory, encode: @escaping @Sendable (SupportCard) -> String?) {
        self.config = config
        self.directory = directory
        self.encode = encode
    }

    /// The card for `request` at `now`, with its JSON; `nil` when the reporter gets none.
    public func card(for request: SupportRequest, now: Date) -> Entry? {
        guard let key = SupportPolicy.key(for: request, config: config) else { return nil }
        if let hit = lock.withLock({ entries[key] }), hit.from <= now, now < hit.until { return hit }
        // Computed outside the lock: two requests missing together both decide, and either
        // answer is the same card.
        let card = SupportPolicy.card(for: key, config: config, directory: directory, now: now)
        let entry = Entry(
            card: card, json: card.flatMap(encode), from: now,
            until: SupportPolicy.nextChange(in: key.country, config: config, directory: directory, after: now))
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return entry
    }
}
