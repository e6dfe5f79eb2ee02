// swift-tools-version:6.0
// Benchmarks for Symbolic, kept out of the root package so that the product
// stays dependency-free and `swift test` never builds them.
//
//     swift run -c release --package-path Benchmarks symbench [--json]
import PackageDescription

let package = Package(
    name: "SymbolicBenchmarks",
    dependencies: [.package(name: "Symbolic", path: "..")],
    targets: [
        .executableTarget(
            name: "symbench",
            dependencies: [.product(name: "Symbolic", package: "Symbolic")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
