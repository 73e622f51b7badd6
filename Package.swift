// swift-tools-version: 6.0
import PackageDescription

// Layers form a DAG: Engine → NN → (Models, Tokenizers, Checkpoints) → … → the `unlearn` CLI.
// Each layer is one target with its own test target.
let releaseSpeed: [SwiftSetting] = [
    // Pointer kernels are bounds-checked in debug builds (tests) and unchecked in release.
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))
]

let package = Package(
    name: "Unlearn",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "unlearn", targets: ["unlearn"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "NN", targets: ["NN"]),
        .library(name: "Checkpoints", targets: ["Checkpoints"]),
        .library(name: "Tokenizers", targets: ["Tokenizers"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Metrics", targets: ["Metrics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // AVX-512 kernels Swift cannot emit at its baseline x86-64 target, chosen at run time.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"], .when(configuration: .release))]),
        .target(name: "Engine", dependencies: ["CKernels"], swiftSettings: releaseSpeed),
        .target(name: "NN", dependencies: ["Engine"], swiftSettings: releaseSpeed),
        .target(name: "Checkpoints", swiftSettings: releaseSpeed),
        // Python's zlib.compress is the reference for the zlib MIA score; linking the same C library
        // reproduces its compressed lengths byte for byte.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Metrics", dependencies: ["CZlib"], swiftSettings: releaseSpeed),
        .target(name: "Tokenizers", swiftSettings: releaseSpeed),
        .target(name: "Models", dependencies: ["Engine", "NN", "Checkpoints", "Tokenizers"], swiftSettings: releaseSpeed),
        .target(name: "Benchmark", dependencies: ["Checkpoints"], swiftSettings: releaseSpeed),
        .target(name: "Evaluation", dependencies: ["Engine", "Models", "Tokenizers", "Training", "Benchmark", "Metrics"], swiftSettings: releaseSpeed),
        .target(name: "Performance", dependencies: ["Engine", "NN", "Models"], swiftSettings: releaseSpeed),
        .target(name: "Training", dependencies: ["Engine", "NN", "Checkpoints", "Tokenizers", "Models", "Benchmark", .product(name: "Yams", package: "Yams")], swiftSettings: releaseSpeed),
        .target(name: "Unlearning", dependencies: ["Engine", "NN", "Checkpoints", "Tokenizers", "Models", "Training", "Benchmark"], swiftSettings: releaseSpeed),
        .target(name: "Reports"),
        // Concept erasure for a tiny latent text-to-image diffusion model (ESD, AdvUnlearn, SalUn, UnlearnDiff).
        .target(name: "Diffusion", dependencies: ["Engine", "NN", "Checkpoints", "CZlib", "Reports"], swiftSettings: releaseSpeed),
        .target(name: "Attacks", dependencies: ["Engine", "Checkpoints", "Metrics", "Models", "Tokenizers", "Training", "Benchmark", "Evaluation"], swiftSettings: releaseSpeed),
        .target(name: "Classifiers", dependencies: ["Engine", "NN", "Metrics", "Reports", "Checkpoints"], swiftSettings: releaseSpeed),
        .target(name: "Workflows", dependencies: ["Checkpoints", "Metrics", "Models", "Training", "Benchmark", "Evaluation", "Unlearning", "Reports", "Attacks"], swiftSettings: releaseSpeed),
        .executableTarget(
            name: "unlearn",
            dependencies: [
                "Engine", "NN", "Checkpoints", "Tokenizers", "Models", "Metrics", "Performance", "Benchmark", "Training", "Evaluation", "Unlearning", "Reports", "Workflows", "Attacks", "Classifiers", "Diffusion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: releaseSpeed
        ),
        // Writes BPE-trained tokenizers and their ids for scripts/fixtures/check_trained_tokenizer.py.
        .executableTarget(name: "tokenizer-parity", dependencies: ["Tokenizers"]),
        // What every test target shares: the NaN-aware closeness check and the real-model switch.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Reads Package.swift and every import line: the layering rules between Core, Language, Vision and Tools.
        .testTarget(name: "ArchitectureTests"),
        .testTarget(name: "EngineTests", dependencies: ["TestSupport", "Engine"]),
        .testTarget(name: "NNTests", dependencies: ["TestSupport", "NN", "Engine"]),
        .testTarget(name: "MetricsTests", dependencies: ["TestSupport", "Metrics"], exclude: ["Fixtures"]),
        .testTarget(name: "TokenizersTests", dependencies: ["TestSupport", "Tokenizers"], exclude: ["Fixtures"]),
        .testTarget(name: "CheckpointsTests", dependencies: ["TestSupport", "Checkpoints"], exclude: ["Fixtures"]),
        .testTarget(name: "BenchmarkTests", dependencies: ["TestSupport", "Benchmark"], exclude: ["Fixtures"]),
        .testTarget(name: "EvaluationTests", dependencies: ["TestSupport", "Evaluation", "Models", "Training", "Benchmark", "Tokenizers"], exclude: ["Fixtures"]),
        .testTarget(name: "UnlearningTests", dependencies: ["TestSupport", "Unlearning", "Training", "Models", "NN", "Engine"]),
        .testTarget(name: "ReportsTests", dependencies: ["TestSupport", "Reports"]),
        .testTarget(name: "DiffusionTests", dependencies: ["TestSupport", "Diffusion", "Engine", "NN", "Reports"]),
        .testTarget(name: "AttacksTests", dependencies: ["TestSupport", "Attacks", "Models", "Training", "Engine", "Checkpoints"]),
        .testTarget(name: "TrainingTests", dependencies: ["TestSupport", "Training", "Models", "NN", "Engine", "Tokenizers"]),
        .testTarget(name: "ClassifiersTests", dependencies: ["TestSupport", "Classifiers", "NN", "Engine"]),
        .testTarget(name: "ModelsTests", dependencies: ["TestSupport", "Models", "NN", "Engine", "Checkpoints", "Tokenizers"], exclude: ["Fixtures"]),
    ]
)
