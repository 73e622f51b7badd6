// swift-tools-version: 6.0
import PackageDescription

// Four groups, each a folder of Sources: Core (engine, modules, checkpoints, metrics, reports), Language
// (language models and their unlearning), Vision (classifiers, diffusion) and Tools (the CLI). Core imports
// neither Language nor Vision, Language and Vision never import each other, Tools sees everything;
// ArchitectureTests checks it against every import line. Within a group the targets form a DAG.
let releaseSpeed: [SwiftSetting] = [
    // Pointer kernels are bounds-checked in debug builds (tests) and unchecked in release.
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))
]
// The engine's SIMD loops run 60 times slower unoptimised, which made every end-to-end test of a
// training command take minutes; tests build it with -O, which keeps bounds and overflow checks.
let engineSpeed: [SwiftSetting] = releaseSpeed + [.unsafeFlags(["-O"], .when(configuration: .debug))]

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
        .target(name: "CKernels", path: "Sources/Core/CKernels", cSettings: [.unsafeFlags(["-O3"], .when(configuration: .release)), .unsafeFlags(["-O2"], .when(configuration: .debug))]),
        .target(name: "Engine", dependencies: ["CKernels"], path: "Sources/Core/Engine", swiftSettings: engineSpeed),
        .target(name: "NN", dependencies: ["Engine"], path: "Sources/Core/NN", swiftSettings: engineSpeed),
        // One JSON value type (members in order, numbers as written), its parser and its serializer.
        .target(name: "JSON", path: "Sources/Core/JSON", swiftSettings: releaseSpeed),
        .target(name: "Checkpoints", dependencies: ["JSON"], path: "Sources/Core/Checkpoints", swiftSettings: releaseSpeed),
        // Python's zlib.compress is the reference for the zlib MIA score; linking the same C library
        // reproduces its compressed lengths byte for byte.
        .systemLibrary(name: "CZlib", path: "Sources/Core/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Metrics", dependencies: ["CZlib"], path: "Sources/Core/Metrics", swiftSettings: releaseSpeed),
        .target(name: "Tokenizers", dependencies: ["JSON", "Checkpoints"], path: "Sources/Language/Tokenizers", swiftSettings: releaseSpeed),
        .target(name: "Models", dependencies: ["Engine", "NN", "Checkpoints", "Tokenizers"], path: "Sources/Language/Models", swiftSettings: releaseSpeed),
        .target(name: "Benchmark", dependencies: ["Checkpoints"], path: "Sources/Language/Benchmark", swiftSettings: releaseSpeed),
        .target(name: "Evaluation", dependencies: ["Engine", "Models", "Tokenizers", "Training", "Optimization", "Benchmark", "Metrics", "Reports"], path: "Sources/Language/Evaluation", swiftSettings: releaseSpeed),
        .target(name: "Performance", dependencies: ["Engine", "NN", "Models"], path: "Sources/Language/Performance", swiftSettings: releaseSpeed),
        // The modality-free optimisation loop: checkpoints and resume, configuration, schedules, the non-finite guard.
        .target(name: "Optimization", dependencies: ["Engine", "NN", "Checkpoints", .product(name: "Yams", package: "Yams")], path: "Sources/Core/Optimization", swiftSettings: releaseSpeed),
        .target(name: "Training", dependencies: ["Engine", "NN", "Checkpoints", "Tokenizers", "Models", "Benchmark", "Optimization"], path: "Sources/Language/Training", swiftSettings: releaseSpeed),
        .target(name: "Unlearning", dependencies: ["Engine", "NN", "Checkpoints", "Tokenizers", "Models", "Training", "Optimization", "Benchmark", "Evaluation"], path: "Sources/Language/Unlearning", swiftSettings: releaseSpeed),
        .target(name: "Reports", path: "Sources/Core/Reports"),
        // The canvas world: its styles and objects, named once, and the one renderer that draws both the
        // classifier images and the diffusion templates.
        .target(name: "Canvas", dependencies: ["Engine"], path: "Sources/Vision/Canvas", swiftSettings: releaseSpeed),
        // Concept erasure for a tiny latent text-to-image diffusion model (ESD, AdvUnlearn, SalUn, UnlearnDiff).
        .target(name: "Diffusion", dependencies: ["Canvas", "Engine", "NN", "Optimization", "Checkpoints", "CZlib", "Reports"], path: "Sources/Vision/Diffusion", swiftSettings: releaseSpeed),
        .target(name: "Attacks", dependencies: ["Engine", "Checkpoints", "Metrics", "Models", "Tokenizers", "Training", "Optimization", "Benchmark", "Evaluation"], path: "Sources/Language/Attacks", swiftSettings: releaseSpeed),
        .target(name: "Classifiers", dependencies: ["Canvas", "Engine", "NN", "Optimization", "Metrics", "Reports", "Checkpoints"], path: "Sources/Vision/Classifiers", swiftSettings: releaseSpeed),
        .target(name: "Workflows", dependencies: ["Checkpoints", "Metrics", "Models", "Training", "Optimization", "Benchmark", "Evaluation", "Unlearning", "Reports", "Attacks", "Tokenizers"], path: "Sources/Language/Workflows", swiftSettings: releaseSpeed),
        .executableTarget(
            name: "unlearn",
            dependencies: [
                "Engine", "NN", "Checkpoints", "Tokenizers", "Models", "Metrics", "Performance", "Benchmark", "Optimization", "Training", "Evaluation", "Unlearning", "Reports", "Workflows", "Attacks", "Classifiers", "Diffusion", "Fuzzing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Tools/unlearn",
            swiftSettings: releaseSpeed
        ),
        // Fuzzing harnesses for every parser (`unlearn fuzz` and the fuzz tests): kept out of the production libraries.
        .target(name: "Fuzzing", dependencies: ["JSON", "Checkpoints", "Tokenizers", "Models", "Benchmark", "Optimization", "Training"], path: "Sources/Tools/Fuzzing"),
        // Writes BPE-trained tokenizers and their ids for scripts/fixtures/check_trained_tokenizer.py.
        .executableTarget(name: "tokenizer-parity", dependencies: ["Checkpoints", "Tokenizers"], path: "Sources/Tools/tokenizer-parity"),
        // What every test target shares: the NaN-aware closeness check and the real-model switch.
        .target(name: "TestSupport", dependencies: ["Engine"], path: "Tests/TestSupport"),
        // Reads Package.swift and every import line: the layering rules between Core, Language, Vision and Tools.
        .testTarget(name: "ArchitectureTests"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "EngineTests", dependencies: ["TestSupport", "Engine"]),
        .testTarget(name: "NNTests", dependencies: ["TestSupport", "NN", "Engine"]),
        .testTarget(name: "MetricsTests", dependencies: ["TestSupport", "Metrics"], exclude: ["Fixtures"]),
        .testTarget(name: "TokenizersTests", dependencies: ["TestSupport", "Fuzzing", "JSON", "Tokenizers"], exclude: ["Fixtures"]),
        .testTarget(name: "CheckpointsTests", dependencies: ["TestSupport", "Fuzzing", "JSON", "Checkpoints"], exclude: ["Fixtures"]),
        .testTarget(name: "BenchmarkTests", dependencies: ["TestSupport", "Benchmark"], exclude: ["Fixtures"]),
        .testTarget(name: "EvaluationTests", dependencies: ["TestSupport", "Reports", "Evaluation", "Models", "Training", "Optimization", "Benchmark", "Tokenizers"], exclude: ["Fixtures"]),
        .testTarget(name: "UnlearningTests", dependencies: ["TestSupport", "Unlearning", "Evaluation", "Workflows", "Reports", "Training", "Optimization", "Models", "NN", "Engine"]),
        .testTarget(name: "ReportsTests", dependencies: ["TestSupport", "Reports"]),
        .testTarget(name: "CanvasTests", dependencies: ["Canvas", "Engine"]),
        .testTarget(name: "DiffusionTests", dependencies: ["TestSupport", "Diffusion", "Optimization", "Engine", "NN", "Reports"]),
        .testTarget(name: "AttacksTests", dependencies: ["TestSupport", "Attacks", "Models", "Training", "Engine", "Checkpoints"]),
        .testTarget(name: "TrainingTests", dependencies: ["TestSupport", "Fuzzing", "Training", "Optimization", "Models", "NN", "Engine", "Tokenizers"]),
        .testTarget(name: "ClassifiersTests", dependencies: ["TestSupport", "Classifiers", "Optimization", "NN", "Engine"]),
        .testTarget(name: "ModelsTests", dependencies: ["TestSupport", "Fuzzing", "Models", "NN", "Engine", "Checkpoints", "Tokenizers"], exclude: ["Fixtures"]),
    ]
)
