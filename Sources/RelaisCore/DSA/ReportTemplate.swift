import Foundation

/// One part of the Commission's transparency-report template (Implementing Regulation (EU)
/// 2024/2835, Annex I, English CSV, parts 1–11), as shipped in Resources/dsa-templates: its
/// header and its rows, with the exact strings (trailing spaces and the U+00A0 included).
public struct ReportTemplate: Sendable, Equatable {
    /// 1…11.
    public var part: Int
    public var fileName: String
    public var header: [String]
    public var rows: [[String]]

    /// The placeholder the templates put in the "Reporting period" column.
    public static let periodPlaceholder = "YYYY-MM-DD/YYYY-MM-DD"

    public init(part: Int, fileName: String, header: [String], rows: [[String]]) {
        self.part = part
        self.fileName = fileName
        self.header = header
        self.rows = rows
    }

    /// The eleven parts, in order, read from the bundle.
    public static func bundled() throws -> [ReportTemplate] {
        guard let folder = Bundle.module.url(forResource: "dsa-templates", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        var templates: [ReportTemplate] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            guard let part = partNumber(inFileName: name) else { continue }
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let records = try CSVRecords.parse(text)
            guard let header = records.first else { continue }
            templates.append(ReportTemplate(part: part, fileName: name, header: header, rows: Array(records.dropFirst())))
        }
        return templates.sorted { $0.part < $1.part }
    }

    /// `…_Part_4_notices.csv` → 4; nil for a name without `Part_N_`.
    public static func partNumber(inFileName name: String) -> Int? {
        guard let range = name.range(of: "Part_") else { return nil }
        let digits = name[range.upperBound...].prefix { $0.isNumber }
        guard !digits.isEmpty, name[range.upperBound...].dropFirst(digits.count).first == "_" else { return nil }
        return Int(digits)
    }
}
