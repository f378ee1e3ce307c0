// An app's use of RelaisClient in a terminal: file a report, print the help window as an
// app would lay it out, and show help decided on the device when the server is stopped.
//
//   swift run relais-example report --server http://127.0.0.1:8080 --key KEY --country FR --age 13-17
//   swift run relais-example deliver --server … --key …     (sends the queued reports)
//   swift run relais-example measure-offline --runs 200     (tap → card with Relais unreachable)
import Foundation
import RelaisClient
import RelaisCore

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first, ["report", "deliver", "help", "measure-offline"].contains(command) else {
    FileHandle.standardError.write(Data("""
        usage: relais-example report|help|deliver|measure-offline [--server URL] [--key KEY] [--country FR]
               [--category harassment] [--age 13-17] [--locale fr-FR] [--device phone|desktop] [--storage DIR] [--runs N]

        """.utf8))
    exit(2)
}
// A `let`: the top-level code's globals are main-actor state, and a constant is readable anywhere.
let options: [String: String] = {
    var options: [String: String] = [:]
    var index = 1
    while index < arguments.count {
        let name = arguments[index]
        guard name.hasPrefix("--"), index + 1 < arguments.count else {
            FileHandle.standardError.write(Data("relais-example: expected --name value, got \(name)\n".utf8))
            exit(2)
        }
        options[String(name.dropFirst(2))] = arguments[index + 1]
        index += 2
    }
    return options
}()

func option<T>(_ name: String, _ parse: (String) -> T?, default value: T) -> T {
    guard let text = options[name] else { return value }
    guard let parsed = parse(text) else {
        FileHandle.standardError.write(Data("relais-example: --\(name) \(text) is not valid\n".utf8))
        exit(2)
    }
    return parsed
}

let server = option("server", URL.init(string:), default: URL(string: "http://127.0.0.1:8080")!)
let key = options["key"] ?? ProcessInfo.processInfo.environment["RELAIS_KEY"] ?? ""
let country = option("country", CountryCode.init(rawValue:), default: CountryCode(rawValue: "FR")!)
let category = option("category", ReportCategory.init(rawValue:), default: .harassment)
let age = option("age", AgeBracket.init(rawValue:), default: .unknown)
let locale = options["locale"] ?? "fr-FR"
let device = option("device", DeviceKind.init(rawValue:), default: .phone)
let storage = option(
    "storage", { URL(fileURLWithPath: $0, isDirectory: true) },
    default: FileManager.default.temporaryDirectory.appendingPathComponent("relais-example", isDirectory: true))
let surface = "example"

let relais = RelaisClient(configuration: RelaisClientConfiguration(server: server, apiKey: key, storage: storage))

func draft(subject: String) -> ReportDraft {
    ReportDraft(
        surface: surface,
        reporter: .init(id: "example-reporter", country: country, locale: locale, ageBracket: age, isTarget: true),
        subject: .init(kind: .comment, id: subject, text: "an example comment"),
        category: category, details: nil, goodFaith: true)
}

/// The window as an app lays it out, in text.
func printWindow(_ help: HelpCard?, reportId: String?) {
    guard let help else {
        print("(no help card for this report)")
        return
    }
    let window = HelpWindow(help, device: device, surface: surface, country: country, reportId: reportId)
    if let notice = window.offlineNotice { print("[\(notice)]") }
    print(window.title)
    print(window.message)
    for line in window.lines {
        print("")
        print("  \(line.name)" + (line.organisation.map { " — \($0)" } ?? ""))
        print("  \(line.statusText) · \(line.hoursToday)" + (line.facts.isEmpty ? "" : " · " + line.facts.joined(separator: ", ")))
        if let holiday = line.holiday { print("  \(holiday)") }
        if let number = line.displayNumber { print("  \(number)") }
        if let primary = line.primary { print("  [ \(primary.label) ]  \(primary.uri)") }
        for button in line.others { print("    \(button.label)  \(button.uri)") }
    }
    print("")
    print("directory \(window.directoryVersion), decided " + (help.decidedOffline ? "on this device" : "by Relais"))
}

do {
    switch command {
    case "report":
        // Picks up the directory (and its ETag) while online; a stopped server changes nothing.
        _ = try? await relais.refreshDirectory()
        let outcome = try await relais.fileReport(draft(subject: "example-\(UUID().uuidString.prefix(8))"))
        switch outcome.delivery {
        case .filed(let receipt): print("filed: report \(receipt.id), case \(receipt.caseId)")
        case .queued(let key, let reason): print("queued on this device (\(reason)); will be sent with key \(key)")
        case .notSent(let reason): print("not sent and not kept: the device's storage cannot be written (\(reason))")
        }
        var reportId: String? = nil
        if case .filed(let receipt) = outcome.delivery { reportId = receipt.id }
        print("")
        printWindow(outcome.help, reportId: reportId)
    case "help":
        printWindow(try await relais.support(for: HelpQuery(country: country, category: category, locale: locale, age: age, surface: surface)), reportId: nil)
    case "deliver":
        for delivery in try await relais.deliverQueued() {
            switch delivery.result {
            case .filed(let receipt): print("\(delivery.idempotencyKey): filed as \(receipt.id)" + (receipt.replayed ? " (already filed)" : ""))
            case .dropped(let error): print("\(delivery.idempotencyKey): refused, removed (\(error))")
            case .kept(let error): print("\(delivery.idempotencyKey): kept (\(error))")
            }
        }
        print("\(try await relais.queuedReports().count) report(s) left in the queue")
    default:
        // The offline path end to end, as a tap runs it: file (Relais unreachable: connection
        // refused on a closed port, no retry wait), queue, decide on the device, lay out.
        let runs = option("runs", Int.init, default: 200)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-measure-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let offline = RelaisClient(
            configuration: RelaisClientConfiguration(
                server: URL(string: "http://127.0.0.1:9")!, apiKey: "unused", storage: folder, retry: .none))
        var samples: [Double] = []
        let clock = ContinuousClock()
        for run in 0..<runs {
            let start = clock.now
            let outcome = try await offline.fileReport(draft(subject: "measure-\(run)"))
            guard let help = outcome.help else { fatalError("no offline card") }
            let window = HelpWindow(help, device: device, surface: surface, country: country)
            precondition(!window.lines.isEmpty && help.decidedOffline)
            let elapsed = clock.now - start
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
        func summary(_ values: [Double]) -> String {
            let sorted = values.sorted()
            func at(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))] }
            return String(format: "p50 %.2f ms, p90 %.2f ms, max %.2f ms (%d taps)", at(0.5), at(0.9), sorted.last ?? 0, sorted.count)
        }
        print(String(format: "first tap (reads and indexes the bundled directory): %.2f ms", samples[0]))
        print("taps 2–21, queue of 1–20 reports: " + summary(Array(samples[1..<min(21, samples.count)])))
        print("last 20 taps, queue of \(runs - 20)–\(runs) reports: " + summary(Array(samples.suffix(20))))
        // The decision alone, without the failed connection and the queue: what the device
        // computes once it knows Relais is unreachable.
        var decisions: [Double] = []
        for run in 0..<runs {
            let start = clock.now
            guard let help = try await offline.offlineHelp(for: draft(subject: "decide-\(run)")) else { fatalError("no offline card") }
            precondition(!HelpWindow(help, device: device, surface: surface, country: country).lines.isEmpty)
            decisions.append(milliseconds(clock.now - start))
        }
        print("decision and window only (offlineHelp + HelpWindow): " + summary(decisions))
        // The failed connection alone, as the tap meets it first.
        var refusals: [Double] = []
        let transport = URLSessionTransport()
        for _ in 0..<min(runs, 100) {
            let start = clock.now
            _ = try? await transport.send(RelaisHTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:9/v1/reports")!))
            refusals.append(milliseconds(clock.now - start))
        }
        print("refused connection alone (URLSessionTransport): " + summary(refusals))
        print("queued reports at the end: \(try await offline.queuedReports().count)")
    }
} catch {
    FileHandle.standardError.write(Data("relais-example: \(error)\n".utf8))
    exit(1)
}
