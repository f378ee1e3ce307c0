import Foundation

/// Checks one filled-in transparency-report file against its template part (dsa-notes §2.1
/// and §2.2):
///
/// - the header, field for field, exactly the template's (trailing spaces included);
/// - the template's rows, in the template's order, each once, with every cell the template
///   fills (applicability, category, section, indicator, scope, labels) unchanged; more rows
///   only as a repeat of a row whose `Description of the sub-category "Other"` the report fills
///   (Annex II allows several "Other" rows, each with its own description, never two alike);
/// - `Reporting period` written `YYYY-MM-DD/YYYY-MM-DD`, the start not after the end, and
///   `Service` filled;
/// - each figure blank (the row does not apply) or a number: counts non-negative integers,
///   medians (hours) non-negative numbers, percentages and accuracy figures in [0, 1];
///   free-text columns (`Contextual …`, part 1's and part 11's values, part 2) are not checked.
///
/// What it cannot check: whether a blank should have been 0 (that depends on what applies to
/// the provider), and whether sub-category rows sum to their category.
public enum ReportCheck {
    public static func check(_ text: String, against template: ReportTemplate) -> [String] {
        var problems: [String] = []
        let records: [[String]]
        do { records = try CSVRecords.parse(text) } catch { return ["\(error)"] }
        guard let header = records.first else { return ["the file is empty"] }
        if header != template.header {
            for (index, expected) in template.header.enumerated() where index >= header.count || header[index] != expected {
                problems.append("header column \(index + 1): expected \(quoted(expected)), found \(index < header.count ? quoted(header[index]) : "nothing")")
            }
            if header.count > template.header.count { problems.append("header: \(header.count - template.header.count) columns more than the template") }
            return problems
        }
        let other = header.firstIndex(of: "Description of the sub-category \"Other\"")
        // Parts 1 and 11 hold an instruction in their Value column ("Text", "YYYY-MM-DD",
        // "Free text"), which the report replaces with its own text.
        let written = Set([other, [1, 11].contains(template.part) ? header.firstIndex(of: "Value") : nil].compactMap { $0 })
        var next = 0, previous: [String]? = nil, otherDescriptions: Set<String> = []
        for (offset, row) in records.dropFirst().enumerated() {
            let line = offset + 2
            guard row.count == header.count else {
                problems.append("line \(line): \(row.count) fields, the template has \(header.count)")
                continue
            }
            if next < template.rows.count, labelsMatch(row, template.rows[next], skip: written) {
                if let other, !row[other].isEmpty, row[other] != template.rows[next][other] { otherDescriptions.insert(row[other]) }
                checkValues(row, template.rows[next], header: header, part: template.part, line: line, into: &problems)
                previous = template.rows[next]
                next += 1
            } else if let previous, let other, !row[other].isEmpty, labelsMatch(row, previous, skip: written) {
                if !otherDescriptions.insert(row[other]).inserted { problems.append("line \(line): a second \"Other\" row described \(quoted(row[other]))") }
                checkValues(row, previous, header: header, part: template.part, line: line, into: &problems)
            } else {
                let expected = next < template.rows.count ? labels(template.rows[next]) : "the end of the file"
                problems.append("line \(line): expected the row \(expected), found \(labels(row))")
                return problems
            }
        }
        if next < template.rows.count { problems.append("missing rows from \(labels(template.rows[next])) on (\(template.rows.count - next) of \(template.rows.count))") }
        return problems
    }

    /// Every cell the template fills is the same, the period placeholder and the "Other"
    /// description aside (the template holds an instruction there: "Text to detail …").
    static func labelsMatch(_ row: [String], _ template: [String], skip: Set<Int>) -> Bool {
        zip(row, template).enumerated().allSatisfy { index, pair in
            pair.1.isEmpty || pair.1 == ReportTemplate.periodPlaceholder || skip.contains(index) || pair.0 == pair.1
        }
    }

    static func checkValues(_ row: [String], _ template: [String], header: [String], part: Int, line: Int, into problems: inout [String]) {
        for (index, name) in header.enumerated() {
            let value = row[index], expected = template[index]
            if expected == ReportTemplate.periodPlaceholder {
                if !isPeriod(value) { problems.append("line \(line): \(name) must be YYYY-MM-DD/YYYY-MM-DD, found \(quoted(value))") }
                continue
            }
            if part == 1, name == "Value", expected == "YYYY-MM-DD" {
                if !value.isEmpty && CalendarDay(value) == nil { problems.append("line \(line): \(template[2]) must be YYYY-MM-DD, found \(quoted(value))") }
                continue
            }
            if name == "Service" {
                if value.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("line \(line): Service is empty") }
                continue
            }
            guard expected.isEmpty, !value.isEmpty, isFigure(column: name, part: part) else { continue }
            // What the template says of this cell: its column and its row labels (never the report's own texts).
            let context = template.joined(separator: " ") + " " + name
            if context.contains("Percentage") || context.contains("Accuracy of the automated means") {
                if let number = Double(value), (0...1).contains(number), !value.contains("e") { continue }
                problems.append("line \(line): \(name.trimmingCharacters(in: .whitespaces)) must be a number from 0 to 1, found \(quoted(value))")
            } else if context.contains("Median") {
                if let number = Double(value), number >= 0, !value.contains("e") { continue }
                problems.append("line \(line): \(name.trimmingCharacters(in: .whitespaces)) must be hours (a number ≥ 0), found \(quoted(value))")
            } else if !(value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber)) {
                problems.append("line \(line): \(name.trimmingCharacters(in: .whitespaces)) must be a count (an integer ≥ 0) or blank, found \(quoted(value))")
            }
        }
    }

    /// Parts 1, 2 and 11 hold texts and dates; elsewhere every column but the contextual
    /// information and the "Other" description holds a figure.
    static func isFigure(column: String, part: Int) -> Bool {
        guard ![1, 2, 11].contains(part) else { return false }
        return !column.hasPrefix("Contextual") && column != "Description of the sub-category \"Other\""
    }

    static func isPeriod(_ text: String) -> Bool {
        let halves = text.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, let start = CalendarDay(String(halves[0])), let end = CalendarDay(String(halves[1])) else { return false }
        return start <= end
    }

    static func labels(_ row: [String]) -> String {
        quoted(row.filter { !$0.isEmpty && $0 != ReportTemplate.periodPlaceholder }.prefix(4).joined(separator: " | "))
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
