// swift-tools-version:6.0
// Data and curve-fitting benchmarks for Symbolic, kept out of the root package.
//
//     swift run -c release --package-path Benchmarks/fitting fitbench csv [ROWS]
//     Benchmarks/fitting/compare.sh            # fits side by side with SciPy
import PackageDescription

let package = Package(
    name: "FittingBenchmarks",
    dependencies: [.package(name: "Symbolic", path: "../..")],
    targets: [
        .executableTarget(
            name: "fitbench",
            dependencies: [.product(name: "Symbolic", package: "Symbolic")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
