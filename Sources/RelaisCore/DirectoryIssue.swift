/// One problem found in a helpline directory: which entry, which rule, and why.
public struct DirectoryIssue: Sendable, Equatable, CustomStringConvertible {
    /// The rule an entry breaks.
    public enum Rule: String, Sendable, CaseIterable {
        /// The JSON does not decode (unknown time zone, bad country code, bad time, …).
        case decodeError = "decode_error"
        /// Two entries share an id.
        case duplicateId = "duplicate_id"
        /// The id is not `cc-slug` for the entry's country, in lower case.
        case badId = "bad_id"
        /// A phone or SMS value is not a plausible number for the entry's country.
        case implausibleNumber = "implausible_number"
        /// A web, chat or app link is not an `https` URL with a host.
        case insecureLink = "insecure_link"
        /// An e-mail value is not an address.
        case badEmail = "bad_email"
        /// Opening hours that are empty, inverted or overlapping.
        case badHours = "bad_hours"
        /// An entry with no source at all.
        case noSource = "no_source"
        /// An entry with no channel: nobody could reach it.
        case noChannel = "no_channel"
        /// A verified entry with a source that has no http(s) URL.
        case sourceWithoutURL = "source_without_url"
        /// The file is not in the format this build reads.
        case unsupportedFormat = "unsupported_format"
        /// A fact (free, a number, hours, …) that no source's `backs` names.
        case unbackedFact = "unbacked_fact"
        /// A source without a `checked` date, or one that is not a date.
        case undatedSource = "undated_source"
        /// A source checked longer ago than the configured limit (refused), or than 12
        /// months (a warning: check it again).
        case staleSource = "stale_source"
        /// A name that is empty, or no name at all.
        case badName = "bad_name"
        /// Two channels open the same address: the card would show one button.
        case duplicateChannel = "duplicate_channel"
        /// A holiday calendar without a dated source, or two calendars for one country.
        case badHolidays = "bad_holidays"
        /// A schedule whose holiday rule matters (closed, special, unknown) in a country
        /// with no holiday calendar: holidays cannot be evaluated there.
        case holidaysNotEvaluated = "holidays_not_evaluated"
        /// A verified entry none of whose sources is the operator's or the government's own
        /// page (a warning: look for it).
        case noOperatorSource = "no_operator_source"
    }

    /// An error refuses the directory; a warning is printed and the directory loads.
    public enum Severity: String, Sendable {
        case error, warning
    }

    /// The entry's id; `nil` only when a decode error happened before the id could be read.
    public var entryId: String?
    /// The entry's position in `helplines` (0-based), when known.
    public var index: Int?
    public var rule: Rule
    public var severity: Severity
    /// A sentence for a human: what is wrong and where.
    public var reason: String

    public init(entryId: String?, index: Int?, rule: Rule, reason: String, severity: Severity = .error) {
        self.entryId = entryId
        self.index = index
        self.rule = rule
        self.severity = severity
        self.reason = reason
    }

    public var description: String {
        let whereText: String
        switch (entryId, index) {
        case let (id?, i?): whereText = "helplines[\(i)] '\(id)'"
        case let (id?, nil): whereText = "'\(id)'"
        case let (nil, i?): whereText = "helplines[\(i)]"
        case (nil, nil): whereText = "directory"
        }
        return "\(whereText): \(severity == .warning ? "warning " : "")[\(rule.rawValue)] \(reason)"
    }
}
