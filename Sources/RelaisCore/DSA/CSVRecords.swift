import Foundation

/// RFC 4180 CSV, as the Commission's templates use it (dsa-notes §2.1): fields separated by
/// commas, a field quoted when it holds a comma, a quote or a line break, a quote inside a
/// quoted field doubled; records end with LF or CRLF.
public enum CSVRecords {
    public struct Malformed: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var description: String { "line \(line): a quoted field is not closed" }
    }

    public static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, atFieldStart = true, line = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let held = pending { pending = nil; return held }
            return characters.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    let following = next()
                    if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
            case "\n", "\r\n", "\r":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atFieldStart = true
                line += 1
            default:
                field.append(character)
                atFieldStart = false
            }
        }
        if quoted { throw Malformed(line: line) }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    /// One record, CRLF-terminated (RFC 4180): a field quoted only when it must be.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }
}
