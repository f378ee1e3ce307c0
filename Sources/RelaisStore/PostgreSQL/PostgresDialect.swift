import Foundation

extension SQLDialect {
    /// PostgreSQL: several instances write at once, so reads that decide a write lock their
    /// row, and claims skip the rows another claim holds.
    public static let postgres = SQLDialect(
        lockRow: " FOR UPDATE", skipLocked: " FOR UPDATE SKIP LOCKED", least: "LEAST", greatest: "GREATEST",
        distinctList: { "string_agg(DISTINCT \($0), ',')" },
        secondsSince: { column, instant in "EXTRACT(EPOCH FROM (\(instant) - \(raw: column)))::float8" },
        jsonFlag: { column, key in "(\(column)::jsonb ->> '\(key)') = 'true'" },
        reportSequence: "seq")
}
