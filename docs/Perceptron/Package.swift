// swift-tools-version:5.9
// A package of the documentation book's own: the network code its chapter "Packages" imports,
// tested on its own with `swift test --package-path docs/Perceptron`.
import PackageDescription

let package = Package(
    name: "Perceptron",
    products: [.library(name: "Perceptron", targets: ["Perceptron"])],
    targets: [
        .target(name: "Perceptron"),
        .testTarget(name: "PerceptronTests", dependencies: ["Perceptron"]),
    ]
)
