// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Symbolic",
    products: [
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .executable(name: "sym", targets: ["SymCLI"]),
    ],
    targets: [
        .target(name: "Symbolic"),
        .executableTarget(name: "SymCLI", dependencies: ["Symbolic"]),
        .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "SymCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
