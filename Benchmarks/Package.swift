// swift-tools-version:6.1
import PackageDescription

// In-process benchmarks of the pure core, apart from the main package so that `swift build`
// and `scripts/test` never compile the benchmark harness. Run: scripts/bench-core
let package = Package(
    name: "relais-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "relais", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RelaisCore", package: "relais"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
