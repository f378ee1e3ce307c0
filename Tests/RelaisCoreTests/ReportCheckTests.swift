import Foundation
import RelaisCore
import Testing

/// The Commission's transparency-report templates as shipped, and the check of filled-in
/// files against them (dsa-notes §2).
@Suite("Transparency report templates and their check")
struct ReportCheckTests {
    let templates = try! ReportTemplate.bundled()

    /// A template filled as a report would be: the service named, the period written, every
    /// figure 0 (contextual texts left blank).
    func filled(_ template: ReportTemplate, value: String = "0") -> [[String]] {
        [template.header] + template.rows.map { row in
            row.enumerated().map { index, cell in
                let column = template.header[index]
                if cell == ReportTemplate.periodPlaceholder { return "2026-01-01/2026-12-31" }
                if column == "Service" { return "Relais demo, \"beta\"" }
                if cell == "YYYY-MM-DD" { return "2027-02-15" }  // part 1's dates
                if cell.isEmpty && ![1, 2, 11].contains(template.part) && !column.hasPrefix("Contextual") && !column.hasPrefix("Description") { return value }
                return cell
            }
        }
    }

    func csv(_ records: [[String]]) -> String {
        records.map { $0.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    func part(_ number: Int) -> ReportTemplate { templates.first { $0.part == number }! }

    @Test func theElevenPartsAreShippedWithTheirExactStrings() {
        #expect(templates.map(\.part) == Array(1...11))
        #expect(templates.map { $0.rows.count } == [5, 100, 181, 91, 90, 98, 47, 35, 6, 4, 11])
        // Trailing spaces and the no-break space are the official strings (dsa-notes §2.2, §4.9).
        #expect(part(4).header[5] == "Number of notices received ")
        #expect(part(4).header[4] == "Description of the sub-category \"Other\"")
        #expect(part(7).rows.contains { $0[4] == "Complaint regarding a decision to suspend or terminate an account " })
        #expect(part(10).rows.contains { $0.contains { $0.hasSuffix("\u{00A0}") } })
        #expect(part(11).rows.contains { $0[3] == "Summary of the content moderation engaged in at the providers’ own initiative" })
    }

    @Test(arguments: 1...11) func aFilledTemplatePasses(number: Int) {
        #expect(ReportCheck.check(csv(filled(part(number))), against: part(number)) == [])
    }

    @Test func partOneAndElevenTakeTheirTextsAndDates() {
        var summary = filled(part(1)), qualitative = filled(part(11))
        summary[1][3] = "Acme SAS"
        summary[3][3] = ""  // no previous report
        qualitative[1][4] = "We review every notice by hand."
        #expect(ReportCheck.check(csv(summary), against: part(1)) == [] && ReportCheck.check(csv(qualitative), against: part(11)) == [])
        summary[2][3] = "15/02/2027"
        #expect(ReportCheck.check(csv(summary), against: part(1)) == [
            "line 3: Date of the publication of the report must be YYYY-MM-DD, found \"15/02/2027\"",
        ])
    }

    @Test func aChangedHeaderOrLabelOrOrderIsFound() {
        var records = filled(part(4))
        records[0][5] = "Number of notices received"  // the trailing space dropped
        #expect(ReportCheck.check(csv(records), against: part(4)) == [
            "header column 6: expected \"Number of notices received \", found \"Number of notices received\"",
        ])
        records = filled(part(7))
        records.swapAt(2, 3)
        #expect(ReportCheck.check(csv(records), against: part(7)).first?.hasPrefix("line 3: expected the row") == true)
        records = filled(part(7))
        records.removeLast()
        #expect(ReportCheck.check(csv(records), against: part(7)).first?.hasPrefix("missing rows from") == true)
    }

    @Test func figuresAreCountsHoursOrShares() {
        let notices = part(4)
        #expect(ReportCheck.check(csv(filled(notices, value: "")), against: notices) == [], "blank: the row does not apply")
        let halves = ReportCheck.check(csv(filled(notices, value: "1.5")), against: notices)
        #expect(halves.contains { $0.contains("must be a count") } && !halves.contains { $0.contains("Median time to take action must") })
        var appeals = filled(part(7))
        let median = appeals.firstIndex { $0[5] == "Median time" }!
        appeals[median][6] = "36.5"
        let share = appeals.firstIndex { $0[5] == "Percentage of outcomes implemented" }!
        appeals[share][6] = "0.75"
        #expect(ReportCheck.check(csv(appeals), against: part(7)) == [])
        appeals[share][6] = "1.2"
        appeals[median][6] = "-1"
        #expect(ReportCheck.check(csv(appeals), against: part(7)).count == 2)
        appeals = filled(part(7))
        appeals[1][2] = "2026-12-31/2026-01-01"
        #expect(ReportCheck.check(csv(appeals), against: part(7)) == ["line 2: Reporting period must be YYYY-MM-DD/YYYY-MM-DD, found \"2026-12-31/2026-01-01\""])
    }

    @Test func severalOtherRowsEachWithItsOwnDescription() {
        let notices = part(4)
        var records = filled(notices)
        let other = records.firstIndex { $0[3] == "KEYWORD_OTHER" }!
        var first = records[other], second = records[other]
        first[4] = "Spam rings"
        second[4] = "Impersonated brands"
        records[other] = first
        records.insert(second, at: other + 1)
        #expect(ReportCheck.check(csv(records), against: notices) == [])
        records.insert(second, at: other + 2)
        #expect(ReportCheck.check(csv(records), against: notices) == ["line \(other + 3): a second \"Other\" row described \"Impersonated brands\""])
    }
}
