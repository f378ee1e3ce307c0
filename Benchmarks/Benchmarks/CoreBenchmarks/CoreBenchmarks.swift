import Benchmark
import Foundation
import RelaisCore

/// The help card is decided inside the report request: these measure that decision and the
/// validation before it, against a trivial baseline in the same run (ratios count; the
/// machine is shared and noisy).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .instructions],
        maxDuration: .seconds(3),
        maxIterations: 200_000
    )

    let directory = try! HelplineDirectory.bundled()
    let config = TenantSupportConfig.default
    let open = Timestamp.parse("2026-11-29T15:00:00+01:00")!
    let closed = Timestamp.parse("2026-11-29T23:30:00+01:00")!
    let request = SupportRequest(
        tenant: "demo", reporterId: "u-81f2", country: CountryCode(rawValue: "FR")!, category: .harassment,
        locale: LanguageTag("fr-FR"), age: .teen, surface: "instagram")
    let body = Data(#"{"surface":"instagram","reporter":{"id":"u-81f2","country":"FR","locale":"fr-FR","ageBracket":"13-17","isTarget":true},"subject":{"kind":"comment","id":"c-9931","authorId":"u-1177","text":"personne ne t’aime"},"category":"harassment","goodFaith":true}"#.utf8)

    Benchmark("Baseline: bucket a reporter") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(RolloutBucket.bucket(tenant: "demo", reporter: "u-81f2"))
        }
    }

    Benchmark("SupportPolicy.decide, 3018 open") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SupportPolicy.decide(request, config: config, directory: directory, now: open))
        }
    }

    Benchmark("SupportPolicy.decide, 3018 closed") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SupportPolicy.decide(request, config: config, directory: directory, now: closed))
        }
    }

    // The server's path (`SupportCardCache`): the per-reporter gate and a lookup while the
    // card holds; a decision and its encoding only when a line opens or closes, or a new day
    // starts in a line's zone.
    let cache = SupportCardCache(config: config, directory: directory, encode: { card in
        (try? JSONEncoder().encode(card)).map { String(decoding: $0, as: UTF8.self) }
    })
    blackHole(cache.card(for: request, now: closed))
    Benchmark("Card cache hit, 3018 closed") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(cache.card(for: request, now: closed))
        }
    }

    // A miss: a fresh cache each time (the decision, its bound and its JSON).
    Benchmark("Card cache miss, 3018 closed (decide + next change + JSON)") { benchmark in
        for _ in benchmark.scaledIterations {
            let fresh = SupportCardCache(config: config, directory: directory, encode: { card in
                (try? JSONEncoder().encode(card)).map { String(decoding: $0, as: UTF8.self) }
            })
            blackHole(fresh.card(for: request, now: closed))
        }
    }

    Benchmark("Parse and validate a report body") { benchmark in
        for _ in benchmark.scaledIterations {
            let json = try JSONSerialization.jsonObject(with: body)
            blackHole(ReportDraft.validate(json))
        }
    }
}
