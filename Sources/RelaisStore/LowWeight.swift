/// Why a report weighs less in its case's priority (`reports.low_weight_reason`).
enum LowWeight {
    /// The reporter was under lower priority for manifestly unfounded notices (`MisusePolicy`).
    static let deprioritizedReporter = "reporter_deprioritized"
}
