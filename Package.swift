// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Newsline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "newsline", targets: ["NewslineCLI"]),
        .executable(name: "newsline-ingest", targets: ["IngestService"]),
        .executable(name: "newsline-parse", targets: ["ParseService"]),
        .executable(name: "newsline-enrich", targets: ["EnrichService"]),
        .executable(name: "newsline-index", targets: ["IndexService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // OTLP over HTTP/protobuf only: the gRPC trait would bring grpc-swift and its long build.
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // MARK: Shared
        .systemLibrary(
            name: "CRDKafka",
            path: "Shared/CRDKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "Kafka",
            dependencies: [
                "CRDKafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Kafka"
        ),
        .target(
            name: "NewslineModels",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Shared/NewslineModels"
        ),
        .target(name: "TextScanning", path: "Shared/TextScanning"),
        .systemLibrary(name: "CMeCab", path: "Shared/CMeCab", providers: [.apt(["libmecab-dev"])]),
        .target(name: "Morphology", dependencies: ["CMeCab"], path: "Shared/Morphology"),
        .target(
            name: "Operations",
            dependencies: [
                "Kafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Operations"
        ),
        .target(
            name: "StageRuntime",
            dependencies: [
                "Kafka",
                "Operations",
                "NewslineModels",
                "TextScanning",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Shared/StageRuntime"
        ),

        // MARK: Services
        .systemLibrary(
            name: "CUchardet",
            path: "Services/Ingest/CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
        ),
        .target(
            name: "IngestStage",
            dependencies: ["NewslineModels", "TextScanning", "CUchardet"],
            path: "Services/Ingest/Stage"
        ),
        .executableTarget(name: "IngestService", dependencies: ["IngestStage", "StageRuntime"], path: "Services/Ingest/Main"),

        .systemLibrary(
            name: "CLibXML2",
            path: "Services/Parse/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "ParseStage", dependencies: ["NewslineModels", "CLibXML2", "TextScanning"], path: "Services/Parse/Stage"),
        .executableTarget(name: "ParseService", dependencies: ["ParseStage", "StageRuntime"], path: "Services/Parse/Main"),

        .target(
            name: "EnrichStage",
            dependencies: ["NewslineModels", "Morphology"],
            path: "Services/Enrich/Stage",
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "EnrichService", dependencies: ["EnrichStage", "Morphology", "StageRuntime"], path: "Services/Enrich/Main"),

        .target(
            name: "IndexStage",
            dependencies: [
                "NewslineModels", "Morphology", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Index/Stage"
        ),
        .target(
            name: "SearchAPI",
            dependencies: [
                "IndexStage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Services/Index/API",
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "IndexService",
            dependencies: [
                "IndexStage",
                "Morphology",
                "SearchAPI",
                "StageRuntime",
                "Operations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Index/Main"
        ),

        .executableTarget(
            name: "NewslineCLI",
            dependencies: [
                "Kafka",
                "NewslineModels",
                "StageRuntime",
                "IngestStage",
                "ParseStage",
                "EnrichStage",
                "IndexStage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Services/Newsline"
        ),

        // MARK: Fuzzing (scripts/fuzz builds NewslineFuzz with -sanitize=fuzzer)
        .target(
            name: "StagePipeline",
            dependencies: ["IngestStage", "ParseStage", "EnrichStage", "NewslineModels"],
            path: "Fuzz/StagePipeline"
        ),
        .executableTarget(name: "NewslineFuzz", dependencies: ["StagePipeline"], path: "Fuzz/NewslineFuzz"),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["NewslineModels"], path: "Tests/TestSupport"),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "TestSupport"], path: "Tests/KafkaTests"),
        .testTarget(name: "MorphologyTests", dependencies: ["Morphology"], path: "Tests/MorphologyTests"),
        .testTarget(name: "NewslineModelsTests", dependencies: ["NewslineModels"], path: "Tests/NewslineModelsTests"),
        .testTarget(
            name: "StageRuntimeTests",
            dependencies: [
                "StageRuntime", "TestSupport", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "Operations", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Tests/StageRuntimeTests"
        ),
        .testTarget(
            name: "IngestStageTests",
            dependencies: ["IngestStage", "StagePipeline", "TestSupport"],
            path: "Tests/IngestStageTests"
        ),
        .testTarget(
            name: "ParseStageTests",
            dependencies: ["ParseStage", "IngestStage", "TestSupport"],
            path: "Tests/ParseStageTests"
        ),
        .testTarget(
            name: "EnrichStageTests",
            dependencies: ["EnrichStage", "ParseStage", "IngestStage", "TestSupport"],
            path: "Tests/EnrichStageTests"
        ),
        .testTarget(
            name: "IndexStageTests",
            dependencies: [
                "IndexStage", "EnrichStage", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/IndexStageTests"),
        .testTarget(
            name: "SearchAPITests",
            dependencies: [
                "SearchAPI", "TestSupport", "IngestStage", "ParseStage", "EnrichStage",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/SearchAPITests"
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Kafka", "StageRuntime", "NewslineModels", "IndexStage", "TestSupport",
                "Operations", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/IntegrationTests"
        ),
    ]
)
