import Foundation

extension SQLDialect {
    /// SQLite: one writer, so no row locks; dates are GRDB's UTC text, read by `julianday`.
    public static let sqlite = SQLDialect(
        lockRow: "", skipLocked: "", least: "MIN", greatest: "MAX",
        distinctList: { "GROUP_CONCAT(DISTINCT \($0))" },
        secondsSince: { column, instant in "(julianday(\(instant)) - julianday(\(raw: column))) * 86400.0" },
        jsonFlag: { column, key in "json_extract(\(column), '$.\(key)') = 1" },
        reportSequence: "rowid")
}
