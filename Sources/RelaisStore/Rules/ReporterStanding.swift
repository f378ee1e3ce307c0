/// What the report's transaction learned of its reporter before writing: new to the tenant,
/// under lower priority for unfounded notices, and, for a flagger's notice, the victim's
/// report it was linked to through a hand-off reference.
struct ReporterStanding: Sendable {
    var isNewToTenant = false
    var isDeprioritized = false
    var linkedReportId: String?
    /// The tenant already has the reporter's standing row (rows are never deleted), so the
    /// report does not write it again: one statement fewer for every known reporter.
    var isRecorded = false
}
