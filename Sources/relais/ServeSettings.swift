import ArgumentParser
import Configuration
import Foundation
import RelaisStore

/// The effective options of `relais serve`, each from the first place that sets it:
/// a command-line flag, else an environment variable (`RELAIS_PORT` for `port`), else the
/// config file's `serve` object (`{"serve": {"port": 8080}}`), else the default.
///
/// swift-configuration does the layering: a `ConfigReader` over three providers in that order
/// (the flags ArgumentParser parsed, in memory; `EnvironmentVariablesProvider`, whose key
/// encoding turns `relais.writeBatch` into `RELAIS_WRITE_BATCH`; the file's `serve` object, in
/// memory), and its access events say which provider answered each key, for `--print-config`.
/// The file is read here rather than by the library's `FileProvider` because the same file
/// holds the tenants' settings, whose arrays of objects its JSON snapshot does not accept.
@available(macOS 15, *)
struct ServeSettings {
    /// Where a value came from, as `--print-config` names it.
    enum Source: Equatable, CustomStringConvertible {
        case flag(String), environment(String), configFile(String), defaultValue

        var description: String {
            switch self {
            case .flag(let name): "flag \(name)"
            case .environment(let name): "environment \(name)"
            case .configFile(let key): "config file \(key)"
            case .defaultValue: "default"
            }
        }
    }

    /// One option: its key (`writeBatch`, the same in every layer), the value shown, its source.
    struct Entry {
        let key: String
        let shown: String
        let source: Source
    }

    var host = "127.0.0.1"
    var port = 8080
    var databaseURL = ""
    var poolSize = 10
    var logLevel = "info"
    var logFormat = "text"
    var metricsToken: String?
    var durability = "normal"
    var writeBatch = 64
    var writeQueue = 1024
    var maxInFlight = 1024
    var testClock: String?
    var webhookPollInterval = 1.0
    var webhookBatchSize = 10
    var webhookMaxAttempts = 16
    var dsaPollInterval = 5.0
    var dsaClaimLease = 120.0
    /// Every option in a stable order, for `--print-config`.
    private(set) var entries: [Entry] = []

    /// The values given as flags (nil when not given), the environment, and the config file's
    /// `serve` object (empty without a config file).
    init(flags: [String: ConfigContent], environment: [String: String], file: [String: FileValue], configPath: String?) throws {
        var flagValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, content) in flags { flagValues[Self.key(key)] = ConfigValue(content, isSecret: Self.secrets.contains(key)) }
        var fileValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in file {
            guard let option = Self.options.first(where: { $0.key == key }) else {
                throw ValidationError("config file '\(configPath ?? "")': serve.\(key) is not an option of relais serve")
            }
            guard let content = option.kind.content(value) else {
                throw ValidationError("config file '\(configPath ?? "")': serve.\(key) must be \(option.kind.article)")
            }
            fileValues[Self.key(key)] = ConfigValue(content, isSecret: Self.secrets.contains(key))
        }
        let sources = SourceRecorder()
        let reader = ConfigReader(
            providers: [
                InMemoryProvider(name: Self.flagsProvider, values: flagValues),
                EnvironmentVariablesProvider(environmentVariables: environment),
                InMemoryProvider(name: Self.fileProvider, values: fileValues),
            ], accessReporter: sources)

        func source(_ key: String) throws -> Source {
            switch try sources.provider(for: Self.key(key)) {
            case .some(let name) where name.contains(Self.flagsProvider): return .flag("--" + Self.flagName(key))
            case .some(let name) where name.contains(Self.fileProvider): return .configFile("serve." + key)
            case .some: return .environment(Self.environmentName(key))
            case .none: return .defaultValue
            }
        }
        func string(_ key: String, _ fallback: String) throws -> String {
            let value = reader.string(forKey: ConfigKey(Self.key(key).components), isSecret: Self.secrets.contains(key), default: fallback)
            try record(key, Self.secrets.contains(key) ? Self.redacted(key, value) : value)
            return value
        }
        func optionalString(_ key: String) throws -> String? {
            let value = reader.string(forKey: ConfigKey(Self.key(key).components), isSecret: Self.secrets.contains(key))
            try record(key, value.map { Self.secrets.contains(key) ? Self.redacted(key, $0) : $0 } ?? "(none)")
            return value
        }
        func int(_ key: String, _ fallback: Int) throws -> Int {
            let value = reader.int(forKey: ConfigKey(Self.key(key).components), default: fallback)
            try record(key, String(value))
            return value
        }
        func double(_ key: String, _ fallback: Double) throws -> Double {
            let value = reader.double(forKey: ConfigKey(Self.key(key).components), default: fallback)
            try record(key, String(value))
            return value
        }
        func record(_ key: String, _ shown: String) throws {
            // A value that is set but not of the option's type (RELAIS_PORT=eighty) is an error,
            // not a silent fall-back to the default.
            if let problem = sources.problem(for: Self.key(key)) {
                throw ValidationError("\(key): \(problem)")
            }
            entries.append(Entry(key: key, shown: shown, source: try source(key)))
        }

        host = try string("host", host)
        port = try int("port", port)
        databaseURL = try string("databaseUrl", DatabaseURL.defaultValue)
        poolSize = try int("poolSize", poolSize)
        logLevel = try string("logLevel", logLevel)
        logFormat = try string("logFormat", logFormat)
        metricsToken = try optionalString("metricsToken").flatMap { $0.isEmpty ? nil : $0 }
        durability = try string("durability", durability)
        writeBatch = try int("writeBatch", writeBatch)
        writeQueue = try int("writeQueue", writeQueue)
        maxInFlight = try int("maxInFlight", maxInFlight)
        testClock = try optionalString("testClock")
        webhookPollInterval = try double("webhookPollInterval", webhookPollInterval)
        webhookBatchSize = try int("webhookBatchSize", webhookBatchSize)
        webhookMaxAttempts = try int("webhookMaxAttempts", webhookMaxAttempts)
        dsaPollInterval = try double("dsaPollInterval", dsaPollInterval)
        dsaClaimLease = try double("dsaClaimLease", dsaClaimLease)
        let configSource: Source = flags["config"] != nil ? .flag("--config") : environment["RELAIS_CONFIG"] != nil ? .environment("RELAIS_CONFIG") : .defaultValue
        entries.insert(Entry(key: "config", shown: configPath ?? "(none)", source: configSource), at: 0)
    }

    /// `--print-config`: one line per option, `key = value  (source)`, secrets redacted.
    var printed: String {
        let width = entries.map(\.key.count).max() ?? 0
        return entries.map { entry in
            entry.key.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + entry.shown + "  (" + entry.source.description + ")"
        }.joined(separator: "\n")
    }

    // MARK: The options

    /// What type each option has in the config file, and how a JSON value becomes it.
    enum Kind {
        case string, int, double

        var article: String {
            switch self {
            case .string: "a string"
            case .int: "an integer"
            case .double: "a number"
            }
        }

        func content(_ value: FileValue) -> ConfigContent? {
            switch (self, value) {
            case (.string, .string(let text)): .string(text)
            case (.int, .int(let number)): .int(number)
            case (.double, .int(let number)): .double(Double(number))
            case (.double, .double(let number)): .double(number)
            default: nil
            }
        }
    }

    /// A value of the config file's `serve` object, as JSON has it.
    enum FileValue: Decodable {
        case bool(Bool), int(Int), double(Double), string(String)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let bool = try? c.decode(Bool.self) {
                self = .bool(bool)
            } else if let int = try? c.decode(Int.self) {
                self = .int(int)
            } else if let double = try? c.decode(Double.self) {
                self = .double(double)
            } else {
                self = .string(try c.decode(String.self))
            }
        }

        /// The `serve` object of a config file, or nothing when it has none.
        static func serveSection(of path: String) throws -> [String: FileValue] {
            struct File: Decodable { var serve: [String: FileValue]? }
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read config file '\(path)'") }
            do { return try JSONDecoder().decode(File.self, from: data).serve ?? [:] } catch {
                throw ValidationError("config file '\(path)': serve: use an object of options, such as {\"port\": 8080}")
            }
        }
    }

    static let options: [(key: String, kind: Kind)] = [
        ("host", .string), ("port", .int), ("databaseUrl", .string), ("poolSize", .int), ("logLevel", .string),
        ("logFormat", .string), ("metricsToken", .string), ("durability", .string), ("writeBatch", .int), ("writeQueue", .int),
        ("maxInFlight", .int), ("testClock", .string), ("webhookPollInterval", .double), ("webhookBatchSize", .int),
        ("webhookMaxAttempts", .int), ("dsaPollInterval", .double), ("dsaClaimLease", .double),
    ]
    /// Shown redacted: the metrics token whole, a database URL's password.
    static let secrets: Set<String> = ["metricsToken", "databaseUrl"]
    static let flagsProvider = "flags", fileProvider = "config file"

    static func key(_ name: String) -> AbsoluteConfigKey { AbsoluteConfigKey(["relais", name]) }

    /// `writeBatch` → `--write-batch`; `databaseUrl` is `--database` (its name before there was a file).
    static func flagName(_ key: String) -> String {
        key == "databaseUrl" ? "database" : words(key, separator: "-").lowercased()
    }

    /// `writeBatch` → `RELAIS_WRITE_BATCH`, as `EnvironmentVariablesProvider` encodes `relais.writeBatch`.
    static func environmentName(_ key: String) -> String { "RELAIS_" + words(key, separator: "_").uppercased() }

    private static func words(_ camelCase: String, separator: String) -> String {
        camelCase.reduce(into: "") { text, character in
            if character.isUppercase { text += separator }
            text.append(character)
        }
    }

    /// The token as `<redacted>`; a database URL with its password (if any) as `<redacted>`.
    static func redacted(_ key: String, _ value: String) -> String {
        guard key == "databaseUrl" else { return "<redacted>" }
        guard var parts = URLComponents(string: value), parts.password != nil else { return value }
        parts.password = "REDACTED"
        return (parts.string ?? "<redacted>").replacingOccurrences(of: ":REDACTED@", with: ":<redacted>@")
    }
}
