/// The facts an entry shows, by the keys its sources name in `backs` (docs/directory.md).
/// The validator refuses a fact no source names; `relais directory stats` counts them.
extension Helpline {
    public var factKeys: [String] {
        var keys = ["name"]
        if organisation != nil { keys.append("organisation") }
        if audience != nil { keys.append("audience") }
        if !languages.isEmpty { keys.append("languages") }
        if free != nil { keys.append("free") }
        if anonymous != nil { keys.append("anonymous") }
        if confidential != nil { keys.append("confidential") }
        if let publicHolidays, publicHolidays != .unknown { keys.append("publicHolidays") }
        for channel in channels {
            keys.append(channel.key)
            // The hours, and the holiday rule that is part of them.
            if channel.hours.isKnown { keys.append(channel.key + ".hours") }
            if channel.audience != nil { keys.append(channel.key + ".audience") }
            if channel.languages != nil { keys.append(channel.key + ".languages") }
        }
        return keys
    }

    /// Whether `backed` (the union of an entry's `backs`) names `fact`. A channel's audience
    /// or languages may be backed as the entry's (`audience`): a source that gives "the chat
    /// is for under-21s" backs the audience it states.
    public static func isBacked(_ fact: String, by backed: Set<String>) -> Bool {
        if backed.contains(fact) { return true }
        if let dot = fact.firstIndex(of: "."), case let tail = fact[fact.index(after: dot)...], tail == "audience" || tail == "languages" {
            return backed.contains(String(tail))
        }
        return false
    }
}
