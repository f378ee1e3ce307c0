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
    /// `relais dsa report`: writes the transparency report of a tenant and period from the
    /// stored data (`--tenant --from --to --out`), or checks a folder of report files against
    /// the Commission's templates (`--check DIR`).
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a tenant's DSA transparency report (Implementing Regulation (EU) 2024/2835) as the Commission's CSV parts, or check report files against the templates.")
        @Option(help: ArgumentHelp("Check this folder of report CSV files, each named with its part (…Part_4_…), and write nothing.", valueName: "dir")) var check: String?
        @Option(help: "Tenant name.") var tenant: String?
        @Option(help: ArgumentHelp("First day of the reporting period (UTC).", valueName: "YYYY-MM-DD")) var from: String?
        @Option(help: ArgumentHelp("Last day of the reporting period (UTC), included.", valueName: "YYYY-MM-DD")) var to: String?
        @Option(help: ArgumentHelp("The folder to write the CSV files in (made if missing).", valueName: "dir")) var out: String?
        @Option(help: "The service's name in the Service column (default: the config's dsa.report.serviceName, else the tenant's name).") var serviceName: String?
        @Option(help: "Config file with the tenant's dsa.report texts (docs/dsa.md).") var config: String?
        @Option(help: ArgumentHelp("The report's publication date (default: today, UTC).", valueName: "YYYY-MM-DD")) var published: String?
        @OptionGroup var db: DatabaseOptions

        static let helpFileName = "relais_help_figures.csv"

        func validate() throws {
            if check != nil {
                guard tenant == nil, from == nil, to == nil, out == nil else { throw ValidationError("--check takes no --tenant, --from, --to or --out") }
                return
            }
            guard tenant != nil, from != nil, to != nil, out != nil else {
                throw ValidationError("give --tenant, --from, --to and --out to write a report, or --check DIR to check one")
            }
        }

        func run() async throws {
            if let check { return try Self.check(folder: check) }
            guard let tenant, let out, let first = from.flatMap(CalendarDay.init), let last = to.flatMap(CalendarDay.init), first <= last else {
                throw ValidationError("--from and --to: days written YYYY-MM-DD, --from not after --to")
            }
            let publishedDay = try published.map { text in
                guard let day = CalendarDay(text) else { throw ValidationError("--published: '\(text)' is not a day written YYYY-MM-DD") }
                return day
            } ?? CalendarDay(Date())
            var texts = TransparencyReportTexts()
            if let config {
                do { texts = try RelaisConfig.load(path: config).dsa[tenant]?.report ?? texts } catch let error as ConfigError { throw ValidationError(error.description) }
            }
            let service = serviceName ?? texts.serviceName ?? tenant
            let start = try Submit.day("\(first)"), end = try Submit.day("\(last)").addingTimeInterval(86400)

            let storage = try await db.open()
            let figures: TransparencyFigures, help: HelpFigures
            do {
                guard let found = try await storage.tenant(named: tenant) else { throw ValidationError(StorageError.tenantNotFound(tenant).description) }
                progress("\(tenant): counting notices (1/4)")
                let notices = try await storage.noticeTallies(tenantId: found.id, from: start, to: end)
                progress("\(tenant): counting decisions (2/4)")
                let measures = try await storage.measureCounts(tenantId: found.id, from: start, to: end)
                progress("\(tenant): counting complaints (3/4)")
                let appeals = try await storage.appealEntries(tenantId: found.id, from: start, to: end)
                progress("\(tenant): counting help shown and used (4/4)")
                help = HelpFigures.tally(try await storage.supportEventCounts(tenantId: found.id), from: first, to: last)
                figures = TransparencyFigures(notices: notices, measures: measures, appeals: appeals)
            } catch {
                endProgress()
                await storage.shutdown()
                throw error
            }
            await storage.shutdown()
            endProgress()

            let report = TransparencyReport(
                figures: figures, texts: texts, service: service, from: first, to: last, published: publishedDay,
                helpSummary: help.summary(file: Self.helpFileName))
            let templates = try ReportTemplate.bundled()
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for file in report.files(templates) {
                let path = (out as NSString).appendingPathComponent(file.name)
                // Written from the templates, so a problem here is a bug in Relais: say so rather than publish it.
                if let template = templates.first(where: { $0.part == file.part }), case let problems = ReportCheck.check(file.text, against: template), !problems.isEmpty {
                    throw CommandFailure("\(file.name) does not match its template: \(problems.prefix(3).joined(separator: "; "))")
                }
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
                print("Wrote \(path) (part \(file.part))")
            }
            let helpPath = (out as NSString).appendingPathComponent(Self.helpFileName)
            try Data(help.csv(period: report.period, service: service).utf8).write(to: URL(fileURLWithPath: helpPath))
            print("Wrote \(helpPath) (help shown and used; Relais's own figures, outside the Commission's templates)")
            print(Self.summary(figures, help: help, period: report.period))
        }

        static func summary(_ figures: TransparencyFigures, help: HelpFigures, period: String) -> String {
            let total = figures.total, appeals = figures.appeals
            let median = total.hoursToAction.median.map { String(format: "%.2f h", $0) } ?? "none"
            return """
                \(period): \(total.notices) notices (\(total.trustedFlaggerNotices) from trusted flaggers), \(total.actionsOnLaw + total.actionsOnTerms) led to a restriction \
                (\(total.actionsOnLaw) on the law, \(total.actionsOnTerms) on the terms), median time to action \(median); \
                \(figures.measures.restrictive) restrictive decisions (\(figures.measures.solelyAutomated) solely automated); \
                \(appeals.total.received) complaints (\(appeals.reversals) reversed or modified); \(help.total.shown) help cards shown, \
                \(help.total.calls + help.total.chats + help.total.links) used.
                """
        }

        static func check(folder check: String) throws {
            let templates = try ReportTemplate.bundled()
            let all = try FileManager.default.contentsOfDirectory(atPath: check).filter { $0.hasSuffix(".csv") }.sorted()
            // Relais's own files beside the report (the help figures) are outside the templates.
            let names = all.filter { !$0.hasPrefix("relais_") }
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
    /// `relais dsa help-figures`: the help CSV on its own (`relais dsa report` writes the same
    /// file beside the Commission's parts).
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
