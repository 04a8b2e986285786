// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TraceLabel",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TraceCore", targets: ["TraceCore"]),
        .library(name: "TraceRegistry", targets: ["TraceRegistry"]),
        .library(name: "TraceRender", targets: ["TraceRender"]),
        .library(name: "TraceJob", targets: ["TraceJob"]),
        .library(name: "TraceService", targets: ["TraceService"]),
        .executable(name: "tracelabel", targets: ["tracelabel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        // Ecode pools handed out by the platform as .zip archives.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The HTTP service (tracelabel serve): server, HTML templates, logs, metrics, graceful shutdown.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The shared registry on PostgreSQL (--registry postgres://…).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries: a module map and an umbrella header each, nothing else.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZint", providers: [.apt(["libzint-dev"])]),
        // HarfBuzz's subsetter: a job's PDF embeds fonts cut down to the characters the job can draw.
        .systemLibrary(name: "CHarfBuzzSubset", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        // The PNG writer: labels spliced from a job's pre-deflated static rows and their symbol rows (zlib), and
        // libpng for other images, whose errors arrive by longjmp (Swift cannot call setjmp).
        .target(name: "CPNGEncoder", dependencies: ["CPNG"], linkerSettings: [.linkedLibrary("z")]),
        // renameat2 and syncfs, which need _GNU_SOURCE: called through C with the C calling convention.
        .target(name: "CLinuxFS"),
        // libFuzzer's LLVMFuzzerRunDriver, declared for tracelabel-fuzz (make fuzz).
        .target(name: "CFuzzDriver"),

        .target(name: "TraceCore"),
        .target(name: "TraceRegistry", dependencies: [
            "TraceCore",
            .product(name: "Crypto", package: "swift-crypto"),
            // AES block function and CBC for FF1 (NIST SP 800-38G) non-guessable serials.
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The registry on PostgreSQL: the same record lines and chain as the file, appended by the database.
        .target(name: "TracePostgres", dependencies: [
            "TraceCore", "TraceRegistry",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "TraceRender", dependencies: [
            "TraceCore", "CQRencode", "CCairo", "CPNG", "CPNGEncoder", "CZint", "CHarfBuzzSubset", "CLinuxFS",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "TraceJob", dependencies: [
            "TraceCore", "TraceRegistry", "TraceRender",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The HTTP service: public resolver, JSON API, auth, operations. Thin over the same library calls as the CLI.
        .target(name: "TraceService", dependencies: [
            "TraceCore", "TraceRegistry", "TraceRender", "TraceJob",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "tracelabel", dependencies: [
            "TraceCore", "TraceRegistry", "TraceRender", "TraceJob", "TraceService", "TracePostgres",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The parsers under fuzzing, with their properties (make fuzz; replayed by FuzzCorpusTests in make test).
        .target(name: "TraceFuzzing", dependencies: ["TraceCore", "TraceRegistry", "TraceRender", "TraceJob"]),
        .executableTarget(name: "tracelabel-fuzz", dependencies: ["TraceFuzzing", "CFuzzDriver"], path: "Fuzz/tracelabel-fuzz"),

        // Release-mode benchmark of identifier building (not a test): swift run -c release tracecore-bench
        .executableTarget(name: "tracecore-bench", dependencies: ["TraceCore"], path: "Benchmarks/identifiers"),
        // `Benchmarks/registry/run.sh`: a million one-item codes into the registry, beside SQLite and sha256sum.
        .executableTarget(name: "registry-bench", dependencies: ["TraceCore", "TraceRegistry", "TraceJob"], path: "Benchmarks/registry",
                          exclude: ["run.sh", "sqlite_peer.py", "RESULTS.md"]),

        // Test helpers: paths, running the CLI and the Python oracles. Not API.
        .target(name: "_TraceTestSupport", path: "Sources/_TraceTestSupport"),
        .testTarget(name: "TraceCoreTests", dependencies: ["TraceCore"]),
        .testTarget(name: "TraceRegistryTests", dependencies: ["TraceRegistry", "TraceCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "FuzzCorpusTests", dependencies: ["TraceFuzzing"]),
        // Against a throwaway PostgreSQL server started by the tests (tools/postgres.sh).
        .testTarget(name: "PostgresRegistryTests", dependencies: ["TracePostgres", "TraceRegistry", "TraceCore", "_TraceTestSupport"]),
        .testTarget(name: "TraceRenderTests", dependencies: ["TraceRender", "TraceCore", "_TraceTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tracelabel", "TraceCore", "TraceRegistry", "_TraceTestSupport"]),
        // Against the real `tracelabel serve` on loopback (curl, zxing-cpp, schemathesis).
        // The one error model: every library error type, its exit status and HTTP status.
        .testTarget(name: "ErrorModelTests", dependencies: ["TraceCore", "TraceRegistry", "TraceRender", "TraceJob", "TraceService", "TracePostgres"]),
        .testTarget(name: "ServiceTests", dependencies: ["tracelabel", "TraceCore", "TraceRegistry", "_TraceTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
