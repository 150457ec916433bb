// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "folio", targets: ["FolioCommand"]),
        .executable(name: "folio-bench", targets: ["FolioBenchmarks"]),
        .library(name: "Folio", targets: ["Folio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own foundations, which FolioServe names directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Zip archives, for the EPUB.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // cmark, from Debian's libcmark-dev. Only FolioParser imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Plain values every stage shares: chapters, blocks, source locations, diagnostics.
        .target(name: "FolioModel"),
        // The files Folio reads and writes: a file system (the disk, or memory in tests), atomic
        // writes, temporary names, sealed cache entries, digests. Imports Crypto only.
        .target(name: "FolioStorage", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Markdown + front matter → document model.
        .target(name: "FolioParser", dependencies: ["FolioModel", "FolioBibliography", "CCmark", "Yams"]),
        // Equation and figure numbers across the book, references, duplicate labels.
        .target(name: "FolioNumbering", dependencies: ["FolioModel", "FolioMath"]),
        // TeX → MathML. Imports nothing of ours.
        .target(name: "FolioMath"),
        // BibTeX → entries; `[@key]` → citations and reference lists (Chicago author-date, numeric).
        // Imports only the model's leaf values (for "did you mean").
        .target(name: "FolioBibliography", dependencies: ["FolioModel"]),
        // Output blocks against what cells print: the comparison, the diff, and the rewrite
        // behind `check --update`; the fuzz package links it too.
        .target(name: "FolioDoctest", dependencies: ["FolioModel"]),
        // Swift source → highlighted HTML, from swift-syntax's classifications.
        .target(name: "FolioHighlight", dependencies: [
            .product(name: "SwiftParser", package: "swift-syntax"),
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftIDEUtils", package: "swift-syntax"),
        ]),
        // What cells can call (SPEC 3.7), and the program's side of the results channel. Compiled
        // here to be tested; Folio compiles the same source into each book's cache.
        .target(name: "FolioRuntime", swiftSettings: [.swiftLanguageMode(.v5)]),
        // A cache shared between machines over HTTP, in the layout of Bazel's remote cache
        // (`ac/` entries naming `cas/` blobs by their SHA-256); tolerant of a server that fails.
        .target(name: "FolioRemoteCache", dependencies: [
            "FolioStorage", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // Runs a chapter's cells as one compiled Swift program; caches the results.
        .target(name: "FolioEvaluate", dependencies: ["FolioModel", "FolioStorage", "FolioRemoteCache"], plugins: ["EmbedFiles"]),
        // Writes the Swift file that carries files inside Folio; run by the EmbedFiles plugin.
        .executableTarget(name: "FolioEmbed"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["FolioEmbed"]),
        // Figures → SVG: scales, ticks, axes, series, legends. Pure Swift.
        .target(name: "FolioPlot", dependencies: ["FolioModel"]),
        // Document model → HTML pages.
        .target(name: "FolioRender", dependencies: ["FolioModel", "FolioMath", "FolioHighlight", "FolioPlot"],
                exclude: ["Stylesheet"], plugins: ["EmbedFiles"]),
        // Written pages → print.html, book.epub and, through Chromium, book.pdf. Imports nothing of ours.
        .target(name: "FolioPublish", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The book: finds chapters, runs the stages, writes output/ atomically.
        .target(name: "Folio", dependencies: [
            "FolioModel", "FolioParser", "FolioNumbering", "FolioBibliography", "FolioEvaluate", "FolioRender", "FolioHighlight", "FolioStorage",
            "FolioDoctest", "FolioRemoteCache", "FolioPublish", "Yams",
        ]),
        // `folio serve`: the preview server, on top of the same pipeline as render.
        .target(name: "FolioServe", dependencies: [
            "Folio", "FolioStorage",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(
            name: "FolioCommand",
            dependencies: ["Folio", "FolioServe", "FolioRemoteCache", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `make bench`: release-build figures for the issues' closing notes.
        .executableTarget(name: "FolioBenchmarks", dependencies: ["Folio", "FolioParser", "FolioNumbering", "FolioRender", "FolioMath", "FolioPlot", "FolioPublish"]),
        .testTarget(name: "FolioModelTests", dependencies: ["FolioModel"]),
        .testTarget(name: "FolioParserTests", dependencies: ["FolioParser", "FolioNumbering", "FolioChecks"]),
        .testTarget(name: "FolioMathTests", dependencies: ["FolioMath"], exclude: ["Resources"]),
        .testTarget(name: "FolioBibliographyTests", dependencies: ["FolioBibliography"], exclude: ["Fixtures"]),
        .testTarget(name: "FolioRuntimeTests", dependencies: ["FolioRuntime"]),
        // What the runtime writes for a figure and a table, read back as the model's values.
        .testTarget(name: "FolioContractTests", dependencies: ["FolioRuntime", "FolioEvaluate", "FolioModel"],
                    swiftSettings: [.swiftLanguageMode(.v5)]),
        .testTarget(name: "FolioEvaluateTests", dependencies: ["FolioEvaluate", "FolioParser"]),
        .testTarget(name: "FolioRemoteCacheTests", dependencies: ["FolioRemoteCache", "FolioStorage", "FolioChecks"]),
        .testTarget(name: "FolioHighlightTests", dependencies: ["FolioHighlight"]),
        .testTarget(name: "FolioPlotTests", dependencies: ["FolioPlot", "FolioChecks"], exclude: ["Golden"]),
        .testTarget(name: "FolioRenderTests", dependencies: ["FolioRender", "FolioParser", "FolioNumbering", "FolioChecks"]),
        .testTarget(name: "FolioTests", dependencies: ["Folio", "FolioChecks"]),
        // End-to-end: the built `folio` binary run on books in temporary folders.
        .testTarget(name: "FolioCommandTests", dependencies: ["Folio", "FolioChecks"]),
        .testTarget(name: "FolioPublishTests", dependencies: [
            "FolioPublish", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], exclude: ["Fixtures"]),
        // Properties over generated inputs, with fixed seeds: `check --update`, rendering, MathML, diagnostics.
        .testTarget(name: "FolioPropertyTests", dependencies: ["Folio", "FolioParser", "FolioRender", "FolioMath", "FolioDoctest", "FolioChecks"]),
        // What the test suites and the fuzz targets (Fuzz/) share: where a file's lines are, what
        // an output-block rewrite must leave alone, a seeded random generator.
        .target(name: "FolioChecks", dependencies: ["FolioModel", "FolioParser"], path: "Tests/FolioChecks"),
        .testTarget(name: "FolioServeTests", dependencies: [
            "FolioServe", "FolioChecks", .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
