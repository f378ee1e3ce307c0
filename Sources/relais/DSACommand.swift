import ArgumentParser
import Foundation
import Logging
import RelaisCore
import RelaisServer
import RelaisStore

/// `relais dsa …`: statements of reasons and the DSA Transparency Database (docs/dsa.md).
/// `relais serve` sends on its own; these commands send, check or resend by hand.
struct DSACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsa", abstract: "DSA Transparency Database: send queued statements of reasons, check them, resend refused ones (docs/dsa.md).",
        subcommands: [Submit.self, Resend.self, Report.self, HelpFiguresCommand.self])

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the queued statements of reasons now, with the same rules as relais serve; running it again is harmless.")
        @Option(help: "Config file with each tenant's dsa.transparencyDatabase settings (docs/dsa.md).") var config: String
        @Option(help: "Only this tenant (default: every tenant whose mode is not off).") var tenant: String?
        @Flag(help: "Check every queued statement against the Database's rules and send nothing.") var dryRun = false
        @Option(help: ArgumentHelp("Only statements queued on or after this day (UTC).", valueName: "YYYY-MM-DD")) var since: String?
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print the summary as one JSON object.") var json = false

        struct TenantSummary: Encodable {
            var tenant: String
            var checked: Int?
            var invalid: [Invalid]?
            var sent: Int?
            var alreadyThere: Int?
            var rejected: Int?
            var leftQueued: Int?
            var tokenRefused: Int?
        }

        struct Invalid: Encodable {
            var puid: String
            var errors: [String]
        }

        func run() async throws {
            let settings: RelaisConfig
            do { settings = try RelaisConfig.load(path: config) } catch let error as ConfigError { throw ValidationError(error.description) }
            let sinceDate = try since.map(Self.day)
            let names = try Self.tenants(settings, only: tenant, dryRun: dryRun)
            let storage = try await db.open()
            var summaries: [TenantSummary] = []
            do {
                for name in names {
                    guard let found = try await storage.tenant(named: name) else { throw ValidationError(StorageError.tenantNotFound(name).description) }
                    summaries.append(
                        dryRun
                            ? try await check(found, storage: storage, since: sinceDate)
                            : try await send(found, settings: settings, storage: storage, since: sinceDate))
                }
            } catch {
                await storage.shutdown()
                throw error
            }
            await storage.shutdown()
            if json { try printJSON(summaries) } else { for summary in summaries { print(Self.line(summary, dryRun: dryRun)) } }
            if summaries.contains(where: { $0.tokenRefused != nil }) { throw CommandFailure("the Transparency Database refused a token: fix it in the config") }
            if summaries.contains(where: { !($0.invalid ?? []).isEmpty }) { throw ExitCode(1) }
        }

        /// The dry run: every queued statement through `StatementOfReasonsValidator`, page by page.
        func check(_ tenant: Tenant, storage: any RelaisStorage, since: Date?) async throws -> TenantSummary {
            var checked = 0, invalid: [Invalid] = [], after: String?
            while true {
                let page = try await storage.queuedStatements(tenantId: tenant.id, since: since, afterPuid: after, limit: 500)
                for queued in page {
                    let errors: [String]
                    if let statement = try? JSONDecoder().decode(StatementOfReasons.self, from: Data(queued.statementJSON.utf8)) {
                        errors = StatementOfReasonsValidator.validate(statement).map { "\($0.field): \($0.message)" }
                    } else {
                        errors = ["the stored statement is not a statement of reasons"]
                    }
                    if !errors.isEmpty { invalid.append(Invalid(puid: queued.puid, errors: errors)) }
                }
                checked += page.count
                progress("\(tenant.name): \(checked) checked, \(invalid.count) invalid")
                guard page.count == 500, let last = page.last else { break }
                after = last.puid
            }
            endProgress()
            return TenantSummary(tenant: tenant.name, checked: checked, invalid: invalid)
        }

        func send(_ tenant: Tenant, settings: RelaisConfig, storage: any RelaisStorage, since: Date?) async throws -> TenantSummary {
            let links: [TransparencyLink]
            do { links = try TransparencyLink.all(settings, tenant: tenant.name, environment: ProcessInfo.processInfo.environment) } catch let error as ConfigError {
                throw ValidationError(error.description)
            }
            guard let link = links.first else { throw ValidationError("tenant '\(tenant.name)': its Transparency Database mode is off") }
            let submitter = StatementSubmitter(
                store: storage, client: link.client, tenantId: tenant.id, tenantName: tenant.name, worker: "cli-\(WebhookWorker.makeId())",
                logger: Logger(label: "relais.dsa"))
            let name = tenant.name
            let tally = try await submitter.drain(since: since) { running in
                progress("\(name): \(running.sent + running.alreadyThere) sent, \(running.rejected) rejected, \(running.retried) left queued")
            }
            endProgress()
            return TenantSummary(
                tenant: tenant.name, sent: tally.sent, alreadyThere: tally.alreadyThere, rejected: tally.rejected, leftQueued: tally.retried,
                tokenRefused: tally.tokenRefused)
        }

        static func line(_ summary: TenantSummary, dryRun: Bool) -> String {
            if dryRun {
                var text = "\(summary.tenant): \(summary.checked ?? 0) queued statements checked, \(summary.invalid?.count ?? 0) would be refused; nothing sent."
                for invalid in summary.invalid ?? [] { text += "\n  \(invalid.puid): \(invalid.errors.joined(separator: "; "))" }
                return text
            }
            var text = "\(summary.tenant): \(summary.sent ?? 0) sent, \(summary.alreadyThere ?? 0) found already there, \(summary.rejected ?? 0) rejected (see relais dsa resend), \(summary.leftQueued ?? 0) left queued for a later attempt."
            if let status = summary.tokenRefused { text += "\n  The Database refused the token (HTTP \(status)): nothing more was sent." }
            return text
        }

        /// The tenants to act on: the one named, or every tenant configured with a mode other than off.
        static func tenants(_ config: RelaisConfig, only: String?, dryRun: Bool) throws -> [String] {
            if let only { return [only] }
            let names = config.dsa.filter { dryRun || ($0.value.transparencyDatabase.map { $0.mode != .off } ?? false) }.keys.sorted()
            guard !names.isEmpty else { throw ValidationError("no tenant in the config has dsa.transparencyDatabase with a mode other than off; name one with --tenant") }
            return names
        }

        static func day(_ text: String) throws -> Date {
            guard let day = CalendarDay(text) else { throw ValidationError("--since: '\(text)' is not a day written YYYY-MM-DD") }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        }
    }

    struct Resend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put statements the Database refused back in the queue (after fixing what it named); audited.")
        @Option(help: "Tenant name.") var tenant: String
        @Option(help: "Only this statement (its puid); default: every refused statement of the tenant.") var puid: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let storage = try await db.open()
            guard let found = try await storage.tenant(named: tenant) else { throw ValidationError(StorageError.tenantNotFound(tenant).description) }
            let count = try await storage.resendRejected(tenantId: found.id, puid: puid, actor: "cli", now: Date())
            await storage.shutdown()
            print("\(count) statement\(count == 1 ? "" : "s") queued again for the Transparency Database.")
        }
    }
}

extension DSACommand {
    /// `relais dsa report --check DIR`. Writing the report (`--tenant --from --to --out`) is
    /// not built yet (docs/dsa.md); only the check is.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check transparency-report CSV files against the Commission's templates (Implementing Regulation (EU) 2024/2835).")
        @Option(help: ArgumentHelp("A folder of report CSV files, each named with its part (…Part_4_…).", valueName: "dir")) var check: String

        func run() async throws {
            let templates = try ReportTemplate.bundled()
            let names = try FileManager.default.contentsOfDirectory(atPath: check).filter { $0.hasSuffix(".csv") }.sorted()
            guard !names.isEmpty else { throw ValidationError("--check: no .csv file in '\(check)'") }
            var failed = false
            for name in names {
                let path = (check as NSString).appendingPathComponent(name)
                guard let part = ReportTemplate.partNumber(inFileName: name), let template = templates.first(where: { $0.part == part }) else {
                    print("\(path): not a template part (name it with Part_1_ … Part_11_)")
                    failed = true
                    continue
                }
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    print("\(path): not readable as UTF-8")
                    failed = true
                    continue
                }
                let problems = ReportCheck.check(text, against: template)
                print(problems.isEmpty ? "\(path): part \(part) matches the template" : "\(path): part \(part), \(problems.count) problem\(problems.count == 1 ? "" : "s")")
                for problem in problems.prefix(50) { print("  \(problem)") }
                failed = failed || !problems.isEmpty
            }
            let present = Set(names.compactMap(ReportTemplate.partNumber(inFileName:)))
            let missing = templates.map(\.part).filter { !present.contains($0) }
            if !missing.isEmpty { print("Not in the folder: part\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")).") }
            if failed { throw ExitCode(1) }
        }
    }
}

extension DSACommand {
    /// `relais dsa help-figures`: the help CSV (issue 14 part 4) on its own, until the report
    /// writer exists to put it beside the Commission's parts.
    struct HelpFiguresCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "help-figures",
            abstract: "Write how many help cards were shown and used (calls, chats, links) per country, category and helpline in a period, as CSV.")
        @Option(help: "Tenant name.") var tenant: String
        @Option(help: ArgumentHelp("First day of the period (UTC).", valueName: "YYYY-MM-DD")) var from: String
        @Option(help: ArgumentHelp("Last day of the period (UTC), included.", valueName: "YYYY-MM-DD")) var to: String
        @Option(help: "The CSV file to write.") var out: String
        @Option(help: "The service's name in the Service column (default: the tenant's name).") var serviceName: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            guard let first = CalendarDay(from), let last = CalendarDay(to), first <= last else {
                throw ValidationError("--from and --to: days written YYYY-MM-DD, --from not after --to")
            }
            let storage = try await db.open()
            guard let found = try await storage.tenant(named: tenant) else {
                await storage.shutdown()
                throw ValidationError(StorageError.tenantNotFound(tenant).description)
            }
            let counts = try await storage.supportEventCounts(tenantId: found.id)
            await storage.shutdown()
            let figures = HelpFigures.tally(counts, from: first, to: last)
            try Data(figures.csv(period: "\(first)/\(last)", service: serviceName ?? tenant).utf8).write(to: URL(fileURLWithPath: out))
            print("Wrote \(out): \(figures.rows.count) rows; \(figures.total.shown) help cards shown, \(figures.total.calls) calls, \(figures.total.chats) chats, \(figures.total.links) links opened.")
        }
    }
}

/// The progress line on stderr: rewritten in place on a terminal, one line per step otherwise.
private func progress(_ text: String) {
    let terminal = isatty(FileHandle.standardError.fileDescriptor) == 1
    FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
}

private func endProgress() {
    if isatty(FileHandle.standardError.fileDescriptor) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
}
