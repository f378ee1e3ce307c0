import Foundation
import RelaisCore
import RelaisStore

/// The config file (`--config FILE`): per-tenant help-card settings, by tenant name.
/// Documented in `docs/configuration.md`. A tenant that is not listed gets the defaults.
public struct RelaisConfig: Sendable, Decodable, Equatable {
    public var tenants: [String: TenantSupportConfig]
    /// The queue's weights, target times, lease length and repeat-offender threshold.
    public var moderation: ModerationPolicy
    /// Per tenant, the sites allowed to show its report sheet in a frame (CSP
    /// `frame-ancestors`); a tenant without the setting can be framed by any site.
    public var frameAncestors: [String: [String]]
    /// Per tenant, the browser origins allowed to call the API with its key (CORS); a tenant
    /// without the setting allows none, so a page on another site cannot read the answers.
    public var corsOrigins: [String: Set<String>]
    /// Request limits (`rateLimits`), and whether the client's address is the first of
    /// `X-Forwarded-For` (`trustForwardedFor`: only behind a proxy that sets it).
    public var rateLimits: RateLimits
    public var trustForwardedFor: Bool
    /// Per tenant name: the certified out-of-court dispute settlement body a complainant can
    /// turn to after a review (DSA Art. 21), shown only where the tenant set one.
    public var outOfCourt: [String: OutOfCourtBody] = [:]
    /// Per tenant name: its DSA settings (`dsa`: the Transparency Database link), docs/dsa.md.
    public var dsa: [String: DSASettings] = [:]
    /// Per tenant name: the language of its pages for a reader whose browser asks for none
    /// Relais speaks (`"defaultLanguage": "de"`), after the platform's `lang`; else English.
    public var defaultLanguages: [String: String] = [:]

    public init(
        tenants: [String: TenantSupportConfig] = [:], moderation: ModerationPolicy = .default, frameAncestors: [String: [String]] = [:],
        corsOrigins: [String: Set<String>] = [:], rateLimits: RateLimits = .default, trustForwardedFor: Bool = false
    ) {
        self.tenants = tenants
        self.moderation = moderation
        self.frameAncestors = frameAncestors
        self.corsOrigins = corsOrigins
        self.rateLimits = rateLimits
        self.trustForwardedFor = trustForwardedFor
    }

    public static let empty = RelaisConfig()

    public func support(for tenant: Tenant) -> TenantSupportConfig { tenants[tenant.name] ?? .default }

    /// Problems with the tenants' own helpline entries, checked like the shipped data:
    /// "tenant 'acme': acme-safety: …". Empty when every override is sound.
    public func directoryProblems(base: HelplineDirectory) -> [String] {
        var problems: [String] = []
        for (name, settings) in tenants.sorted(by: { $0.key < $1.key }) where !settings.helplines.isEmpty {
            let added = Set(settings.helplines.add.map(\.id))
            let merged = base.applying(settings.helplines)
            for issue in DirectoryValidator.errors(DirectoryValidator.validate(merged)) where issue.entryId.map(added.contains) ?? true {
                problems.append("tenant '\(name)': \(issue)")
            }
            let known = Set(merged.allHelplines.map(\.id)).union(added)
            for id in settings.helplines.order where !known.contains(id) {
                problems.append("tenant '\(name)': helplines.order names '\(id)', which is not in the directory")
            }
            for id in settings.helplines.hide where base.helpline(id: id) == nil {
                problems.append("tenant '\(name)': helplines.hide names '\(id)', which is not in the directory")
            }
        }
        return problems
    }

    enum CodingKeys: String, CodingKey { case tenants, moderation, rateLimits, trustForwardedFor }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tenants = try c.decodeIfPresent([String: TenantSupportConfig].self, forKey: .tenants) ?? [:]
        moderation = try c.decodeIfPresent(ModerationSettings.self, forKey: .moderation)?.policy ?? .default
        rateLimits = try c.decodeIfPresent(RateLimits.self, forKey: .rateLimits) ?? .default
        trustForwardedFor = try c.decodeIfPresent(Bool.self, forKey: .trustForwardedFor) ?? false
        let web = try c.decodeIfPresent([String: TenantWebSettings].self, forKey: .tenants) ?? [:]
        frameAncestors = web.compactMapValues { $0.embed?.frameAncestors }
        corsOrigins = web.compactMapValues { $0.api.map { Set($0.allowedOrigins) } }
        outOfCourt = web.compactMapValues { $0.appeals?.outOfCourtBody }
        dsa = web.compactMapValues(\.dsa)
        defaultLanguages = web.compactMapValues(\.defaultLanguage)
    }

    public func outOfCourt(for tenant: Tenant) -> OutOfCourtBody? { outOfCourt[tenant.name] }

    /// The tenant's default page language, checked at load to be one Relais speaks.
    func defaultLanguage(for tenant: String) -> WebLanguage? { defaultLanguages[tenant].flatMap(WebLanguage.init(rawValue:)) }

    /// `"appeals": {"outOfCourtBody": {"name": "…", "url": "https://…"}}`.
    struct AppealSettings: Decodable {
        var outOfCourtBody: OutOfCourtBody?

        enum CodingKeys: String, CodingKey { case outOfCourtBody }
        enum BodyKeys: String, CodingKey { case name, url }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard c.contains(.outOfCourtBody) else { return }
            let body = try c.nestedContainer(keyedBy: BodyKeys.self, forKey: .outOfCourtBody)
            let name = try body.decode(String.self, forKey: .name), url = try body.decode(String.self, forKey: .url)
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 200 else {
                throw DecodingError.dataCorruptedError(forKey: .name, in: body, debugDescription: "must be the body's name, 1–200 characters")
            }
            guard url.hasPrefix("https://"), WebURI.isAbsoluteHTTP(url) else {
                throw DecodingError.dataCorruptedError(forKey: .url, in: body, debugDescription: "'\(url)' is not an https:// address")
            }
            outOfCourtBody = OutOfCourtBody(name: name, url: url)
        }
    }

    /// The web settings of a tenant, beside its help-card settings in the same object.
    struct TenantWebSettings: Decodable {
        var embed: EmbedSettings?
        var api: APISettings?
        var appeals: AppealSettings?
        var dsa: DSASettings?
        var defaultLanguage: String?

        enum CodingKeys: String, CodingKey { case embed, api, appeals, dsa, defaultLanguage }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            embed = try c.decodeIfPresent(EmbedSettings.self, forKey: .embed)
            api = try c.decodeIfPresent(APISettings.self, forKey: .api)
            appeals = try c.decodeIfPresent(AppealSettings.self, forKey: .appeals)
            dsa = try c.decodeIfPresent(DSASettings.self, forKey: .dsa)
            defaultLanguage = try c.decodeIfPresent(String.self, forKey: .defaultLanguage)
            if let code = defaultLanguage, WebLanguage(rawValue: code) == nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .defaultLanguage, in: c,
                    debugDescription: "'\(code)' is not a language of Relais's pages (\(WebLanguage.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
    }

    /// `"api": {"allowedOrigins": ["https://app.example"]}`: exact origins, no wildcard, since
    /// an allowed origin reads the tenant's answers with the tenant's key.
    struct APISettings: Decodable {
        var allowedOrigins: [String]

        enum CodingKeys: String, CodingKey { case allowedOrigins }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            allowedOrigins = try c.decode([String].self, forKey: .allowedOrigins)
            for origin in allowedOrigins where !EmbedSettings.isOrigin(origin) || origin.contains("*") {
                throw DecodingError.dataCorruptedError(
                    forKey: .allowedOrigins, in: c,
                    debugDescription: "'\(origin)' is not an exact origin such as https://app.example (http only for localhost)")
            }
        }
    }

    struct EmbedSettings: Decodable {
        var frameAncestors: [String]

        enum CodingKeys: String, CodingKey { case frameAncestors }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            frameAncestors = try c.decode([String].self, forKey: .frameAncestors)
            guard !frameAncestors.isEmpty else {
                throw DecodingError.dataCorruptedError(
                    forKey: .frameAncestors, in: c, debugDescription: "list at least one origin, such as https://app.example")
            }
            for origin in frameAncestors where !Self.isOrigin(origin) {
                throw DecodingError.dataCorruptedError(
                    forKey: .frameAncestors, in: c,
                    debugDescription: "'\(origin)' is not an origin such as https://app.example or https://*.app.example (http only for localhost)")
            }
        }

        /// `https://host[:port]` (a leading `*.` allowed), or `http://localhost|127.0.0.1[:port]`:
        /// nothing else can reach the CSP header, which is built from these strings.
        static func isOrigin(_ text: String) -> Bool {
            let scheme: String
            if text.hasPrefix("https://") { scheme = "https" } else if text.hasPrefix("http://") { scheme = "http" } else { return false }
            let rest = text.dropFirst(scheme.count + 3)
            let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let host = parts[0]
            if parts.count == 2 {
                guard let port = Int(parts[1]), (1...65535).contains(port), parts[1].allSatisfy(\.isASCII) else { return false }
            }
            if scheme == "http" { return host == "localhost" || host == "127.0.0.1" }
            let name = host.hasPrefix("*.") ? host.dropFirst(2) : host[...]
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            return labels.count >= 2
                && labels.allSatisfy { label in
                    !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                        && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                }
        }
    }

    /// Loads and checks a config file; the error says which field is wrong.
    public static func load(path: String) throws -> RelaisConfig {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConfigError("cannot read config file '\(path)'")
        }
        // The same rule as for every text a caller sends (`StoredText`): no NUL anywhere.
        if let json = try? JSONSerialization.jsonObject(with: data), let field = Self.fieldWithNUL(json) {
            throw ConfigError("config file '\(path)': \(field.isEmpty ? "" : field + ": ")\(StoredText.nulRefusal)")
        }
        let config: RelaisConfig
        do { config = try JSONDecoder().decode(RelaisConfig.self, from: data) } catch let error as DecodingError {
            throw ConfigError("config file '\(path)': \(ConfigError.describe(error))")
        }
        return config
    }

    /// The dotted path of the first key or string value that holds a NUL, or nil.
    static func fieldWithNUL(_ json: Any, path: String = "") -> String? {
        func join(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        switch json {
        case let text as String:
            return StoredText.isStorable(text) ? nil : path
        case let object as [String: Any]:
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                if !StoredText.isStorable(key) { return join(key.replacingOccurrences(of: "\u{0}", with: "\\u0000")) }
                if let found = fieldWithNUL(value, path: join(key)) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, value) in array.enumerated() {
                if let found = fieldWithNUL(value, path: join(String(index))) { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// Loads a config file and checks its helpline overrides against `directory`.
    public static func load(path: String, directory: HelplineDirectory) throws -> RelaisConfig {
        let config = try load(path: path)
        let problems = config.directoryProblems(base: directory)
        guard problems.isEmpty else {
            throw ConfigError("config file '\(path)':\n  " + problems.joined(separator: "\n  "))
        }
        return config
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c): return (c.codingPath.isEmpty ? "" : path(c.codingPath) + ": ") + c.debugDescription
        case .keyNotFound(let key, let c): return "missing field '\(path(c.codingPath + [key]))'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "wrong type at '\(path(c.codingPath))': \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
