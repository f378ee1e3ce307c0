import Foundation

/// One limit: `burst` requests at once, then `perMinute` a minute on average.
public struct RateLimit: Sendable, Equatable, Decodable {
    public var burst: Int
    public var perMinute: Double

    public init(burst: Int, perMinute: Double) {
        self.burst = burst
        self.perMinute = perMinute
    }

    var perSecond: Double { perMinute / 60 }

    enum CodingKeys: String, CodingKey { case burst, perMinute }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        burst = try c.decode(Int.self, forKey: .burst)
        perMinute = try c.decode(Double.self, forKey: .perMinute)
        guard burst >= 1, perMinute > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .burst, in: c, debugDescription: "burst must be at least 1 and perMinute above 0")
        }
    }
}

/// The limits of `relais serve`, in the config file's `rateLimits` (each one optional):
/// per tenant key, per moderator token, per reporter on `POST /v1/reports`, per client address
/// and tenant on the public report sheet, and per client address for failed authentication.
///
/// The state is in each instance's memory: with several instances behind a load balancer each
/// one enforces the limits on what it receives, so a limit holds as configured × instances
/// (divide by the number of instances to hold it across them). A refused request stores
/// nothing and is answered `429` before anything is acknowledged.
public struct RateLimits: Sendable, Equatable, Decodable {
    /// A platform's own traffic: generous, so a burst of genuine reports passes (2,000 in 10 s).
    public var tenant = RateLimit(burst: 3_000, perMinute: 60_000)
    public var moderator = RateLimit(burst: 200, perMinute: 3_000)
    /// One account of the platform reporting again and again: a raid from one account.
    public var reporter = RateLimit(burst: 10, perMinute: 20)
    public var embed = RateLimit(burst: 60, perMinute: 300)
    /// Wrong keys and tokens from one address.
    public var failedAuthentication = RateLimit(burst: 20, perMinute: 10)

    public init() {}

    public static let `default` = RateLimits()

    enum CodingKeys: String, CodingKey { case tenant, moderator, reporter, embed, failedAuthentication }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tenant = try c.decodeIfPresent(RateLimit.self, forKey: .tenant) ?? tenant
        moderator = try c.decodeIfPresent(RateLimit.self, forKey: .moderator) ?? moderator
        reporter = try c.decodeIfPresent(RateLimit.self, forKey: .reporter) ?? reporter
        embed = try c.decodeIfPresent(RateLimit.self, forKey: .embed) ?? embed
        failedAuthentication = try c.decodeIfPresent(RateLimit.self, forKey: .failedAuthentication) ?? failedAuthentication
    }
}
