import Foundation

/// The transparency report's files (Implementing Regulation (EU) 2024/2835, Annex I): the
/// Commission's templates filled with a tenant's figures, every header, row label and row
/// order kept exactly as the template has them (`ReportCheck` passes on the result).
///
/// The parts written are those that apply to an online platform that is not a very large one
/// (dsa-notes §2.2): 1–8 and 11; parts 9 and 10 are for VLOPs only. Rows that apply only to
/// VLOPs are kept, blank. Annex II's blank-versus-0 rule: a figure Relais counts is a number,
/// 0 when nothing happened; a median with nothing to take the median of is blank; a figure
/// that happens outside Relais (orders, own-initiative measures, out-of-court disputes, Art. 23
/// suspensions) is blank, with a contextual note, unless the tenant declares it none
/// (`TransparencyReportTexts.noneOutsideRelais`), when it is 0.
public struct TransparencyReport: Sendable {
    public struct File: Sendable, Equatable {
        public var part: Int
        /// `Part_4_notices.csv`: the template's own name without the Commission's prefix.
        public var name: String
        public var text: String
    }

    public static let parts: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 11]
    static let otherColumn = "Description of the sub-category \"Other\""

    public var figures: TransparencyFigures
    public var texts: TransparencyReportTexts
    public var service: String
    public var from: CalendarDay
    public var to: CalendarDay
    public var published: CalendarDay
    /// The help figures in words (Relais's own, outside the templates), for part 11.
    public var helpSummary: String?

    public init(
        figures: TransparencyFigures, texts: TransparencyReportTexts, service: String, from: CalendarDay, to: CalendarDay, published: CalendarDay,
        helpSummary: String?
    ) {
        self.figures = figures
        self.texts = texts
        self.service = service
        self.from = from
        self.to = to
        self.published = published
        self.helpSummary = helpSummary
    }

    public var period: String { "\(from)/\(to)" }

    public static func fileName(_ template: ReportTemplate) -> String {
        guard let range = template.fileName.range(of: "Part_") else { return template.fileName }
        return String(template.fileName[range.lowerBound...])
    }

    public func files(_ templates: [ReportTemplate]) -> [File] {
        templates.filter { Self.parts.contains($0.part) }.map { template in
            let rows = template.part == 2 ? template.rows : filled(template)
            return File(part: template.part, name: Self.fileName(template), text: ([template.header] + rows).map(CSVRecords.line).joined())
        }
    }

    func filled(_ template: ReportTemplate) -> [[String]] {
        let header = template.header.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = template.rows.map { row in
            // The "Other" column holds an instruction in the template ("Text to detail …"): a
            // report writes a description there, or nothing.
            zip(row, header).map { cell, column in
                cell == ReportTemplate.periodPlaceholder ? period : column == "Service" ? service : column == Self.otherColumn ? "" : cell
            }
        }
        switch template.part {
        case 1: return rows.map { summary($0, header: header) }
        case 4: return notices(rows, header: header)
        case 7: return rows.map { appeals($0, header: header) }
        case 8: return rows.map { automation($0, header: header) }
        case 11: return qualitative(rows, header: header)
        case 3:
            return rows.enumerated().map {
                unrecorded($1, header: header, part: 3, kind: .orders, first: $0 == 0, note: "Relais does not record orders from Member State authorities.")
            }
        default:
            return rows.enumerated().map {
                unrecorded(
                    $1, header: header, part: template.part, kind: .ownInitiative, first: $0 == 0,
                    note: "Relais records measures taken on notices only, not at the provider's own initiative.")
            }
        }
    }

    // MARK: the parts

    func summary(_ row: [String], header: [String]) -> [String] {
        guard let indicator = header.firstIndex(of: "Indicator"), let value = header.firstIndex(of: "Value") else { return row }
        var row = row
        switch row[indicator] {
        case "Name of the service provider": row[value] = texts.providerName ?? service
        case "Date of the publication of the report": row[value] = "\(published)"
        case "Date of the publication of the latest previous report": row[value] = texts.previousReportDate.map { "\($0)" } ?? ""
        case "Starting date of reporting period": row[value] = "\(from)"
        case "Ending date of reporting period": row[value] = "\(to)"
        default: break
        }
        return row
    }

    func notices(_ rows: [[String]], header: [String]) -> [[String]] {
        guard let label = header.firstIndex(of: "Category of illegal content"),
            let other = header.firstIndex(of: Self.otherColumn)
        else { return rows }
        var out: [[String]] = [], category = ""
        for row in rows {
            let name = row[label]
            if name == "TOTAL" {
                out.append(noticeRow(row, figures.total, header: header, context: true))
            } else if name.hasPrefix("STATEMENT_CATEGORY_") {
                category = name
                out.append(noticeRow(row, figures.byCategory[name] ?? NoticeFigures(), header: header))
            } else if name == NoticeReportRow.otherKeyword {
                let described = figures.byRow.filter { $0.key.category == category && $0.key.keyword == name }
                    .sorted { ($0.key.otherDescription ?? "") < ($1.key.otherDescription ?? "") }
                if described.isEmpty { out.append(noticeRow(row, NoticeFigures(), header: header)) }
                for (key, figures) in described {
                    var described = row
                    described[other] = key.otherDescription ?? ""
                    out.append(noticeRow(described, figures, header: header))
                }
            } else {
                out.append(noticeRow(row, figures.byRow[NoticeReportRow(category: category, keyword: name, otherDescription: nil)] ?? NoticeFigures(), header: header))
            }
        }
        return out
    }

    func noticeRow(_ row: [String], _ f: NoticeFigures, header: [String], context: Bool = false) -> [String] {
        var row = row
        for (index, column) in header.enumerated() {
            switch column {
            case "Number of notices received", "Number of specific items of information included in the total number of notices":
                row[index] = "\(f.notices)"
            case "Number of notices received from Trusted flaggers",
                "Number of specific items of information included in the total number of notices by Trusted Flaggers (Trusted Flagger notices)":
                row[index] = "\(f.trustedFlaggerNotices)"
            case "Median time to take action": row[index] = Self.hours(f.hoursToAction.median)
            case "Median time to take action (Trusted Flagger notices)": row[index] = Self.hours(f.trustedFlaggerHoursToAction.median)
            case "Number of actions taken on the basis of the law": row[index] = "\(f.actionsOnLaw)"
            case "Number of actions taken on the basis of the law (Trusted Flagger notices)": row[index] = "\(f.trustedFlaggerActionsOnLaw)"
            case "Number of actions taken on the basis of the terms and conditions of the service": row[index] = "\(f.actionsOnTerms)"
            case "Number of actions taken on the basis of the terms and conditions of the service (Trusted Flagger notices)":
                row[index] = "\(f.trustedFlaggerActionsOnTerms)"
            case "Contextual information on Number of specific items of information included in the total number of notices" where context:
                row[index] = "Each notice names one item: the post, comment, message or account reported."
            case "Contextual information on Median time to take action" where context:
                row[index] = "Hours from the notice's receipt to the decision that restricted the item, over the notices that led to a restriction; each time counted to the hundredth of an hour."
            case "Contextual information on Number of notices received" where context:
                row[index] = "Every notice counts, duplicates about the same item included. A notice counts under the first sub-category of its category, never twice; spam and unspecified notices under STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE."
            default: break
            }
        }
        return row
    }

    func appeals(_ row: [String], header: [String]) -> [String] {
        guard let section = header.firstIndex(of: "Section"), let indicator = header.firstIndex(of: "Indicator"),
            let scope = header.firstIndex(of: "Scope"), let value = header.firstIndex(of: "Value"),
            let context = header.firstIndex(of: "Contextual Information")
        else { return row }
        var row = row
        let name = row[indicator].trimmingCharacters(in: .whitespaces), kind = row[scope]
        func figures(_ stats: AppealStatistics.Figures?) -> String {
            let stats = stats ?? AppealStatistics.Figures()
            switch kind {
            case "Total number": return "\(stats.received)"
            case "Median time": return Self.hours(stats.medianHoursToDecide)
            default:
                guard let outcome = AppealOutcome.allCases.first(where: { $0.templateScope == kind }) else { return "" }
                return "\(stats.outcomes[outcome.rawValue] ?? 0)"
            }
        }
        let appeals = figures
        switch row[section] {
        case "Internal complaints mechanism":
            switch name {
            case "Number of complaints submitted to the internal-complaints mechanism":
                row[value] = appeals(self.figures.appeals.total)
                if kind == "Median time" { row[context] = "Hours from the complaint's receipt to its decision, over the complaints decided." }
            case "Number of restrictions newly imposed as a result of an internal complaint": row[value] = "\(self.figures.appeals.restrictionsNewlyImposed)"
            case "Complaint regarding a decision to remove or disable access to or restrict visibility of information":
                row[value] = appeals(self.figures.appeals.byBasis[AppealBasis.visibility.rawValue])
            case "Complaint regarding a decision to suspend or terminate the provision of the service":
                row[value] = appeals(self.figures.appeals.byBasis[AppealBasis.service.rawValue])
            case "Complaint regarding a decision to suspend or terminate an account":
                row[value] = appeals(self.figures.appeals.byBasis[AppealBasis.account.rawValue])
            case "Complaint regarding a decision to restrict the ability to monetise information":
                row[value] = appeals(self.figures.appeals.byBasis[AppealBasis.monetisation.rawValue])
            case "Complaint regarding a decision not to take action on a notice submitted in accordance with Article 16":
                row[value] = appeals(self.figures.appeals.byBasis[AppealBasis.noAction.rawValue])
            case "Complaint regarding a decision not to take action on a notice submitted by a Trusted Flagger in accordance with Article 16":
                row[value] = appeals(self.figures.appealsOnTrustedFlaggerNotices.byBasis[AppealBasis.noAction.rawValue])
            default: break
            }
        case "Out-of-court dispute settlement bodies":
            row[value] = declared(.outOfCourt, count: !(kind == "Median time" || kind.hasPrefix("Percentage")))
            if kind == "Total number", !texts.noneOutsideRelais.contains(.outOfCourt) { row[context] = "Relais does not record disputes before out-of-court bodies." }
        case "Suspensions imposed on repeated offenders":
            row[value] = declared(.suspensions, count: true)
            if !texts.noneOutsideRelais.contains(.suspensions) { row[context] = "Relais does not count Art. 23 suspensions." }
        default: break
        }
        return row
    }

    func automation(_ row: [String], header: [String]) -> [String] {
        guard let indicator = header.firstIndex(of: "Indicator"), let scope = header.firstIndex(of: "Scope"), let value = header.firstIndex(of: "Value"),
            let context = header.firstIndex(of: "Contextual Information")
        else { return row }
        var row = row
        let name = row[indicator].trimmingCharacters(in: .whitespaces), kind = row[scope].trimmingCharacters(in: .whitespaces)
        let measures = figures.measures, total = figures.total
        switch (name, kind) {
        case ("Number of measures solely taken by automated means", "Total number"):
            row[value] = "\(measures.solelyAutomated)"
            row[context] = "Restrictive decisions taken in the period whose statement of reasons says fully automated."
        case ("Number of measures not taken by automated means", "Total number"): row[value] = "\(measures.restrictive - measures.solelyAutomated)"
        case ("Number of measures solely taken by automated means", "Own-initiative"), ("Number of measures not taken by automated means", "Own-initiative"):
            row[value] = declared(.ownInitiative, count: true)
        case ("Number of notices solely processed by automated means", "NAM Total"): row[value] = "\(total.solelyAutomated)"
        case ("Number of notices not processed by automated means", "NAM Total"):
            row[value] = "\(total.notices - total.solelyAutomated)"
            row[context] = "Notices received in the period and not decided solely by automated means, undecided notices included."
        case ("Number of notices solely processed by automated means", "NAM Trusted Flagger"): row[value] = "\(total.trustedFlaggerSolelyAutomated)"
        case ("Number of notices not processed by automated means", "NAM Trusted Flagger"):
            row[value] = "\(total.trustedFlaggerNotices - total.trustedFlaggerSolelyAutomated)"
        default: break
        }
        return row
    }

    func qualitative(_ rows: [[String]], header: [String]) -> [[String]] {
        guard let value = header.firstIndex(of: "Value"), let applicability = header.firstIndex(of: "Applicability") else { return rows }
        let q = texts.qualitative
        var summary = q.ownInitiativeSummary ?? ""
        if let helpSummary { summary += (summary.isEmpty ? "" : "\n\n") + helpSummary }
        var texts = [summary, q.ownInitiativeInformation, q.automatedMeans, q.automatedMeansAccuracy, q.automatedMeansPurposes, q.automatedMeansSafeguards]
            .map { $0 ?? "" }[...]
        return rows.map { row in
            var row = row
            row[value] = row[applicability] == "All" ? texts.popFirst() ?? "" : ""
            return row
        }
    }

    /// Part 3, 5 and 6: nothing Relais records. Counts blank, or 0 where the tenant declares
    /// none; medians blank; VLOP-only rows blank.
    func unrecorded(_ row: [String], header: [String], part: Int, kind: TransparencyReportTexts.Unrecorded, first: Bool, note: String) -> [String] {
        var row = row
        let applies = !row[0].hasPrefix("Only for VLOP")
        for (index, column) in header.enumerated() where row[index].isEmpty && ReportCheck.isFigure(column: column, part: part) {
            row[index] = applies ? declared(kind, count: !column.contains("Median")) : ""
        }
        if first, !texts.noneOutsideRelais.contains(kind),
            let context = header.firstIndex(where: { $0.hasPrefix("Contextual") }), row[context].isEmpty
        {
            row[context] = note
        }
        return row
    }

    func declared(_ kind: TransparencyReportTexts.Unrecorded, count: Bool) -> String {
        count && texts.noneOutsideRelais.contains(kind) ? "0" : ""
    }

    /// Hours to the hundredth, blank for none.
    static func hours(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? ""
    }
}
