import Foundation
import RelaisCore

/// The one rule for the names of tenants and users: 1–64 letters, digits, '-' or '_', so a
/// name is safe in a URL, a log line and a shell command.
enum AccountName {
    static func isValid(_ name: String) -> Bool {
        name.count <= 64 && ReportDraft.isIdentifier(name)
    }
}
