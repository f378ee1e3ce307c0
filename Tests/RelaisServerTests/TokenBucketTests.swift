import Foundation
@testable import RelaisServer
import Testing

@Suite("Rate limits: token buckets")
struct TokenBucketTests {
    @Test func aBurstPassesThenTheRateHolds() {
        let limiter = RateLimiter(RateLimit(burst: 3, perMinute: 60))  // one a second after the burst
        #expect((0..<3).allSatisfy { _ in limiter.take("a", now: 0).allowed })
        let refused = limiter.take("a", now: 0)
        #expect(!refused.allowed && refused.retryAfter == 1 && refused.remaining == 0 && refused.limit == 3)
        #expect(limiter.take("b", now: 0).allowed, "keys are apart")
        #expect(!limiter.take("a", now: 0.5).allowed)
        #expect(limiter.take("a", now: 1.6).allowed, "one token back after a second")
        #expect(!limiter.take("a", now: 1.7).allowed)
        let rested = limiter.take("a", now: 100)
        #expect(rested.allowed && rested.remaining == 2, "never more than the burst")
    }

    @Test func theRefusalSaysWhenToComeBack() {
        let problem = Problem.tooManyRequests(RateDecision(allowed: false, limit: 10, remaining: 0, retryAfter: 3, resetIn: 30), what: "from this reporter")
        #expect(problem.status == .tooManyRequests)
        #expect(problem.headers[.retryAfter] == "3" && problem.headers[.rateLimitLimit] == "10")
        #expect(problem.headers[.rateLimitRemaining] == "0" && problem.headers[.rateLimitReset] == "30")
    }

    @Test func theDefaultsLetAPlatformsBurstThroughAndStopARaidFromOneAccount() {
        let limits = RateLimits.default
        let tenant = RateLimiter(limits.tenant)
        // 2,000 reports in 10 s through one key.
        #expect((0..<2_000).allSatisfy { tenant.take("acme", now: Double($0) / 200).allowed })
        let reporter = RateLimiter(limits.reporter)
        let raid = (0..<100).map { reporter.take("acme/u-1", now: Double($0) / 10).allowed }
        #expect(raid.filter { $0 }.count < 15, "100 reports in 10 s from one account: most refused")
    }
}
