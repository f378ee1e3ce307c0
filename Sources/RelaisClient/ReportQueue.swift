import Foundation
import RelaisCore

/// The durable queue of reports not yet acknowledged by Relais: one JSON file, rewritten
/// atomically on each change, so a crash or a killed app loses nothing.
///
/// A report is written here *before* its first attempt and removed only after Relais's
/// `201`: whatever happens in between, it is sent again later with the same key, and the
/// server's idempotency makes that one report. The file holds the report's content until it
/// is sent; it is the app's own storage, and on iOS it is written with file protection.
actor ReportQueue {
    private let file: URL
    private var items: [QueuedReport]?
    /// Keys being sent right now, so a delivery pass never sends a report that
    /// `fileReport` is sending (the server would dedupe it, but it is wasted work).
    private var inFlight: Set<String> = []

    init(folder: URL) {
        file = folder.appendingPathComponent("queued-reports.json")
    }

    func all() throws -> [QueuedReport] {
        if let items { return items }
        var loaded: [QueuedReport] = []
        if let data = try? Data(contentsOf: file) {
            do {
                loaded = try JSONDecoder().decode([QueuedReport].self, from: data)
            } catch {
                // A file that cannot be read must not stop new reports (and the help they
                // bring): it is set aside, not deleted, for the app to look at.
                let aside = file.deletingPathExtension().appendingPathExtension("unreadable-\(Int(Date().timeIntervalSince1970)).json")
                try? FileManager.default.moveItem(at: file, to: aside)
            }
        }
        items = loaded
        return loaded
    }

    func add(_ report: QueuedReport) throws {
        var list = try all()
        list.append(report)
        try save(list)
        inFlight.insert(report.idempotencyKey)
    }

    /// Forgets that `keys` are being sent, without changing them (an interrupted pass).
    func release(_ keys: [String]) { inFlight.subtract(keys) }

    /// Marks queued reports as being sent; returns the ones nobody else is sending.
    func claimAll() throws -> [QueuedReport] {
        let free = try all().filter { !inFlight.contains($0.idempotencyKey) }
        inFlight.formUnion(free.map(\.idempotencyKey))
        return free
    }

    /// The attempt is over: `remove` after a `201` or a refusal that no retry can fix.
    ///
    /// A failed attempt only counts in memory: the report is already on disk, and a write
    /// costs a tap about 7 ms on Linux (Foundation syncs each file it writes), half the
    /// offline path. The count reaches the file with the next change.
    func finish(_ key: String, remove: Bool) throws {
        inFlight.remove(key)
        var list = try all()
        if remove {
            list.removeAll { $0.idempotencyKey == key }
            try save(list)
        } else if let index = list.firstIndex(where: { $0.idempotencyKey == key }) {
            list[index].attempts += 1
            items = list
        }
    }

    private func save(_ list: [QueuedReport]) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var options: Data.WritingOptions = [.atomic]
        #if os(iOS) || os(tvOS) || os(watchOS) || os(visionOS)
        options.insert(.completeFileProtectionUntilFirstUserAuthentication)
        #endif
        try JSONEncoder().encode(list).write(to: file, options: options)
        items = list
    }
}
