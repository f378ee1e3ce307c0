// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: relais (CLI) → RelaisServer → RelaisStore → RelaisCore.
// RelaisStore holds both backends (SQLite through GRDB, PostgreSQL through PostgresNIO).
// RelaisCore imports Foundation only, so the rules stay pure and fast to test.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "relais",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "relais", targets: ["relais"]),
        .library(name: "RelaisCore", targets: ["RelaisCore"]),
        // What apps link: reports, the help card, and help decided on the device when offline.
        .library(name: "RelaisClient", targets: ["RelaisClient"]),
        .executable(name: "relais-example", targets: ["relais-example"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // Already in the graph through Hummingbird; named here for the webhook worker's `Service`.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Already in the graph through PostgresNIO; named here for the TLS options of `sslmode`.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Metrics: swift-metrics' API, exported in Prometheus's format at GET /metrics.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Typed ids at every store method: a tenant's id cannot be passed where a case's is meant.
        .package(url: "https://github.com/pointfreeco/swift-tagged.git", from: "0.10.0"),
        // `relais serve`'s options layered: flags, then the environment, then the config file.
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
    ],
    targets: [
        .target(
            name: "RelaisCore",
            resources: [.copy("Resources/directory.json"), .copy("Resources/dsa-templates")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RelaisStore",
            dependencies: [
                "RelaisCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C functions, to bind a report's values without GRDB's generic
                // argument handling (`SQLiteDriver`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tagged", package: "swift-tagged"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RelaisServer",
            dependencies: [
                "RelaisCore",
                "RelaisStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The web sheet's templates and static files are copied as folders, so the
            // server finds them by path at start-up.
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/messages")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "relais",
            dependencies: [
                "RelaisCore",
                "RelaisStore",
                "RelaisServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: swiftSettings
        ),
        // Apps link this: RelaisCore and Foundation only, never the server or the storage, so
        // it builds wherever Foundation does and adds little to an app.
        .target(name: "RelaisClient", dependencies: ["RelaisCore"], swiftSettings: swiftSettings),
        // No argument parser: it depends on the library alone, so its size measures the library.
        .executableTarget(name: "relais-example", dependencies: ["RelaisClient"], swiftSettings: swiftSettings),
        // A fresh database per test on the backend under test (RELAIS_TEST_BACKEND), shared
        // by the storage and server suites.
        .target(
            name: "RelaisTestSupport",
            dependencies: [
                "RelaisStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/RelaisTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RelaisCoreTests", dependencies: ["RelaisCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RelaisStoreTests",
            dependencies: ["RelaisStore", "RelaisTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RelaisServerTests",
            dependencies: [
                "RelaisServer",
                "RelaisTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The client against a real server on loopback (SQLite), started and stopped by the tests.
        .testTarget(
            name: "RelaisClientTests",
            dependencies: [
                "RelaisClient",
                "RelaisServer",
                "RelaisStore",
                "RelaisTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
