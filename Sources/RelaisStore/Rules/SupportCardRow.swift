import Crypto
import Foundation

/// The help card a report was answered with, stored once for all the reports that got it.
///
/// Most reports get one of a few cards (one per country, age, language and opening state),
/// and a card's JSON is one to two kilobytes: kept in each report's row, it made the row too
/// large for two to share a page, so every report wrote a page of its own to the log and the
/// database (5.5 KB of database a report under the report load). A report now names its card
/// by the hash of its JSON; reports stored before keep theirs in `support_json`.
enum SupportCardRow {
    /// The card's id: the first 128 bits of the SHA-256 of its JSON, in hex.
    static func id(of json: String) -> String {
        let digest = SHA256.hash(data: Data(json.utf8))
        return Hex.encode(digest.prefix(16))
    }

    /// Stores the card unless a report stored it before.
    static func insert(id: String, json: String) -> SQLStatement {
        "INSERT INTO support_cards (id, json) VALUES (\(id), \(json)) ON CONFLICT (id) DO NOTHING"
    }

    /// The card of the report `r` (named `support_card_json`), where it is kept.
    static let column = "COALESCE(r.support_json, (SELECT json FROM support_cards WHERE id = r.support_card_id)) AS support_card_json"
}
