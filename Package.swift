// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Symbolic",
    products: [
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .executable(name: "sym", targets: ["SymCLI"]),
    ],
    targets: [
        // The SIMD inner loops of compiled programs, built for several
        // instruction sets and chosen at run time (see its header).
        .target(name: "SymbolicKernels"),
        .target(name: "Symbolic", dependencies: ["SymbolicKernels"]),
        .executableTarget(name: "SymCLI", dependencies: ["Symbolic"]),
        .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "SymCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
