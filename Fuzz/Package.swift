// swift-tools-version:6.0
// Fuzz targets for Folio's parsers, built apart from the main package: `make fuzz`, or
// `Fuzz/run.sh` (see README.md, "Fuzzing and properties"). The library targets here are
// symbolic links to the main package's own source folders, so the code fuzzed is the code
// shipped, compiled with libFuzzer's coverage and AddressSanitizer; each `Fuzz*` target is one
// `LLVMFuzzerTestOneInput`, and libFuzzer supplies `main` (build with
// `swift build --sanitize=fuzzer --sanitize=address`, as run.sh does).
import PackageDescription

let package = Package(
    name: "FolioFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(name: "FolioModel"),
        .target(name: "FolioMath"),
        .target(name: "FolioBibliography", dependencies: ["FolioModel"]),
        .target(name: "FolioParser", dependencies: ["FolioModel", "FolioBibliography", "CCmark", "Yams"]),
        .target(name: "FolioPlot", dependencies: ["FolioModel"]),
        // The comparison and rewrite behind `folio check --update`, without the rest of Folio.
        .target(name: "FolioDoctest", dependencies: ["FolioModel"]),
        // Checks the property tests share (a link to Tests/FolioChecks).
        .target(name: "FolioChecks", dependencies: ["FolioModel", "FolioParser"]),
        .target(name: "FuzzSupport", dependencies: ["FolioModel"]),
        .executableTarget(name: "FuzzMath", dependencies: ["FolioMath", "FuzzSupport"]),
        .executableTarget(name: "FuzzChapter", dependencies: ["FolioParser", "FolioChecks", "FuzzSupport"]),
        .executableTarget(name: "FuzzOutputBlocks", dependencies: ["FolioDoctest", "FolioParser", "FolioChecks", "FuzzSupport"]),
        .executableTarget(name: "FuzzFigure", dependencies: ["FolioPlot", "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
