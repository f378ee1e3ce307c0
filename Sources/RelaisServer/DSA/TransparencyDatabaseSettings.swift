import Foundation
import RelaisCore

/// A tenant's link to the DSA Transparency Database (`tenants.NAME.dsa.transparencyDatabase`
/// in the config file, docs/dsa.md): the mode, the address, and where its token is.
///
/// The token itself is never in the config file nor in this value: only the name of a file or
/// of an environment variable that holds it, read when sending starts (`token(environment:)`),
/// so printing or logging the config shows no secret.
public struct TransparencyDatabaseSettings: Sendable, Equatable, Decodable {
    public enum Mode: String, Sendable, Decodable, CaseIterable {
        /// The Commission's service. Every platform gets its own token there.
        case production
        /// The platform's separate test environment. Its address is given with the platform's
        /// onboarding and is not published, so `endpoint` is required.
        case sandbox
        /// Nothing is sent; statements stay queued.
        case off
    }

    /// Where the token is: exactly one of the two.
    public enum TokenSource: Sendable, Equatable {
        case file(String)
        case environment(String)
    }

    /// The public production address (dsa-notes §1.1).
    public static let productionEndpoint = "https://transparency.dsa.ec.europa.eu"

    public var mode: Mode
    /// The base URL; `/api/v1/statements` is appended.
    public var endpoint: String
    public var token: TokenSource?

    public init(mode: Mode, endpoint: String, token: TokenSource?) {
        self.mode = mode
        self.endpoint = endpoint
        self.token = token
    }

    enum CodingKeys: String, CodingKey { case mode, endpoint, tokenFile, tokenEnv }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mode = try c.decode(Mode.self, forKey: .mode)
        let given = try c.decodeIfPresent(String.self, forKey: .endpoint)
        switch (mode, given) {
        case (.sandbox, nil):
            throw DecodingError.dataCorruptedError(
                forKey: .endpoint, in: c, debugDescription: "the sandbox's address is given with the platform's onboarding: set endpoint")
        case (_, let given?):
            guard Self.isEndpoint(given) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .endpoint, in: c, debugDescription: "'\(given)' is not an https:// address (http only for localhost or 127.0.0.1)")
            }
            endpoint = given.hasSuffix("/") ? String(given.dropLast()) : given
        case (_, nil):
            endpoint = Self.productionEndpoint
        }
        let file = try c.decodeIfPresent(String.self, forKey: .tokenFile), variable = try c.decodeIfPresent(String.self, forKey: .tokenEnv)
        switch (file, variable) {
        case (let file?, nil): token = .file(file)
        case (nil, let variable?): token = .environment(variable)
        case (nil, nil):
            guard mode == .off else {
                throw DecodingError.dataCorruptedError(
                    forKey: .tokenFile, in: c, debugDescription: "set tokenFile (a file holding the token) or tokenEnv (an environment variable's name)")
            }
            token = nil
        case (_?, _?):
            throw DecodingError.dataCorruptedError(forKey: .tokenEnv, in: c, debugDescription: "set tokenFile or tokenEnv, not both")
        }
    }

    /// `https://host…`, or `http://localhost|127.0.0.1…` for a stand-in on the same machine.
    static func isEndpoint(_ text: String) -> Bool {
        guard WebURI.isAbsoluteHTTP(text), let url = URL(string: text), let host = url.host else { return false }
        if url.scheme == "https" { return true }
        return url.scheme == "http" && (host == "localhost" || host == "127.0.0.1")
    }

    /// The token, read now from its file (trimmed) or variable. The error names where it
    /// looked, never a value.
    public func token(environment: [String: String]) throws -> TransparencyToken {
        switch token {
        case nil:
            throw ConfigError("no Transparency Database token is configured")
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError("cannot read the token file '\(path)'") }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw ConfigError("the token file '\(path)' is empty") }
            return TransparencyToken(text)
        case .environment(let name):
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw ConfigError("the environment variable \(name) holding the token is not set")
            }
            return TransparencyToken(text)
        }
    }
}
