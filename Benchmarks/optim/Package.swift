// swift-tools-version:6.0
// Optimisation benchmarks for Symbolic, kept out of the root package.
//
//     swift run -c release --package-path Benchmarks/optim optimbench rosenbrock 1000
//     Benchmarks/optim/compare.sh          # side by side with SciPy
import PackageDescription

let package = Package(
    name: "OptimizationBenchmarks",
    dependencies: [.package(name: "Symbolic", path: "../..")],
    targets: [
        .executableTarget(
            name: "optimbench",
            dependencies: [.product(name: "Symbolic", package: "Symbolic")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
