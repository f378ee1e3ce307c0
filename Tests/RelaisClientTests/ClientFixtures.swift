import Foundation
import RelaisCore

/// The client tests' folders, all in one removed when the test process exits (each test left
/// its own in the temporary folder, with the queued reports in it).
let clientTestsFolder: URL = {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("relais-client-tests-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    atexit { try? FileManager.default.removeItem(at: clientTestsFolder) }
    return folder
}()

/// A folder of its own for each client's files.
func freshStorage() -> URL {
    clientTestsFolder.appendingPathComponent(UUID().uuidString, isDirectory: true)
}

func sampleDraft(
    reporter: String = "u-1", subject: String = "c-1", country: String = "FR", category: ReportCategory = .harassment,
    age: AgeBracket = .teen, locale: String = "fr-FR", surface: String = "ios"
) -> ReportDraft {
    ReportDraft(
        surface: surface,
        reporter: .init(id: reporter, country: CountryCode(rawValue: country)!, locale: locale, ageBracket: age, isTarget: true),
        subject: .init(kind: .comment, id: subject, authorId: "u-9", text: "t'es nul·le"),
        category: category, details: nil, goodFaith: true)
}
