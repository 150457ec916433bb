import FolioChecks
import Foundation
import Testing

/// Books that declare Swift packages in `book.yml`: SwiftPM builds them once, cells import them,
/// and every way a declaration can be wrong is one located error that keeps the last good pages.
@Suite(.serialized)
struct DependencyTests {
    /// A local package `name` with one library product of the same name, whose module holds `source`.
    static func package(_ name: String, in book: TemporaryBook, source: String, dependencies: String = "", targetDependencies: String = "") throws {
        try book.write("\(name)/Package.swift", """
            // swift-tools-version:5.9
            import PackageDescription
            let package = Package(name: "\(name)", products: [.library(name: "\(name)", targets: ["\(name)"])],
                                  dependencies: [\(dependencies)],
                                  targets: [.target(name: "\(name)", dependencies: [\(targetDependencies)])])
            """)
        try book.write("\(name)/Sources/\(name)/\(name).swift", source)
    }

    static let chapter = "# A\n\n```swift\nimport Activations\nprint(relu(-2.0), relu(3.0))\n```\n\n```output\n0.0 3.0\n```\n"

    static func declare(_ items: String, in book: TemporaryBook) throws {
        try book.write("chapters/book.yml", "title: Packages\ndependencies:\n" + items)
    }

    @Test func aCellImportsALocalPackageBuiltOnceAndAVersionChangeReevaluates() throws {
        let book = try TemporaryBook(["a.md": Self.chapter, "b.md": "# B\n\n```swift\nprint(1 + 1)\n```\n"])
        defer { book.remove() }
        try Self.package("Activations", in: book, source: "public func relu(_ x: Double) -> Double { max(0, x) }\n")
        try Self.declare("  - path: Activations\n    products: [Activations]\n", in: book)
        let cache = ["FOLIO_CACHE_DIR": book.root + "/cache"]
        let first = try folio(["render", "--explain"], in: book.root, environment: cache)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(book.file("output/a.html")?.contains("0.0 3.0") == true)

        // Nothing changed: SwiftPM is not asked again (its build folder is left as it was).
        let built = try FileManager.default.attributesOfItem(atPath: try Self.buildRecord(book))[.modificationDate] as? Date
        let prose = try folio(["render", "--explain"], in: book.root, environment: cache)
        #expect(prose.status == 0 && prose.stderr.contains("page up to date"), "\(prose.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: try Self.buildRecord(book))[.modificationDate] as? Date == built)

        // The package changes: every chapter's results are evaluated again, for that reason.
        try book.write("Activations/Sources/Activations/Activations.swift", "public func relu(_ x: Double) -> Double { x > 0 ? x : 0.5 * x }\n")
        let changed = try folio(["render", "--explain"], in: book.root, environment: cache)
        #expect(changed.stderr.contains("chapters/a.md: compiled in") && changed.stderr.contains("(evaluated: dependencies changed)"), "\(changed.stderr)")
        #expect(changed.stderr.contains("chapters/b.md: compiled in"))
        // The output block no longer holds: a warning for render (check would fail).
        #expect(changed.status == 0 && changed.stderr.contains("warning:"), "\(changed.stderr)")
        #expect(book.file("output/a.html")?.contains("-1.0 3.0") == true)
    }

    @Test func aModuleNoDependencyProvidesIsSwiftcsErrorWithAHint() throws {
        let book = try TemporaryBook(["a.md": Self.chapter])
        defer { book.remove() }
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("chapters/a.md:4:8: error: no such module 'Activations'"), "\(run.stderr)")
        #expect(run.stderr.contains("'dependencies:' in chapters/book.yml"))
    }

    /// Each bad declaration: an error at its item in book.yml, exit 1, the good page kept. A
    /// dependency whose build failed is built again next time (nothing half-built is kept as
    /// good), and builds once repaired. One book for every case, so the good build is done once.
    @Test func aBadDependencyIsOneLocatedErrorAndKeepsTheLastGoodPage() throws {
        let book = try TemporaryBook(["a.md": Self.chapter])
        defer { book.remove() }
        try Self.package("Activations", in: book, source: "public func relu(_ x: Double) -> Double { max(0, x) }\n")
        try Self.package("Broken", in: book, source: "public func relu(_ x: Double) -> Double { max(0, x }\n")
        try FileManager.default.createDirectory(atPath: book.root + "/Other", withIntermediateDirectories: true)
        try Self.package("Activations", in: TemporaryBook(root: book.root + "/Other"), source: "public let other = 1\n")
        let good = "  - path: Activations\n    products: [Activations]\n"
        try Self.declare(good, in: book)
        let cache = ["FOLIO_CACHE_DIR": book.root + "/cache"]
        #expect(try folio(["render"], in: book.root, environment: cache).status == 0)
        let page = book.file("output/a.html")

        let cases = [
            ("url", "  - url: https://github.com/apple/no-such-package-here\n    from: 1.0.0\n    products: [Activations]\n", 3),
            ("version", "  - url: https://github.com/apple/swift-numerics\n    from: 99.0.0\n    products: [Numerics]\n", 3),
            ("path", "  - path: Missing\n    products: [Missing]\n", 3),
            ("product", "  - path: Activations\n    products: [Activation]\n", 3),
            ("conflict", good + "  - path: Other/Activations\n    products: [Activations]\n", 5),
            ("build", good + "  - path: Broken\n    products: [Broken]\n", 5),
            ("build again", good + "  - path: Broken\n    products: [Broken]\n", 5),
        ]
        for (kind, items, line) in cases {
            try Self.declare(items, in: book)
            let run = try folio(["render"], in: book.root, environment: cache)
            #expect(run.status == 1, "\(kind): \(run.stderr)")
            let errors = run.stderr.split(separator: "\n").filter { $0.contains("error:") && $0.hasPrefix("chapters/book.yml") }
            #expect(errors.count == 1, "\(kind): \(run.stderr)")
            #expect(errors.first?.hasPrefix("chapters/book.yml:\(line):5: error:") == true, "\(kind): \(run.stderr)")
            #expect(run.stderr.contains("chapters/a.md:4:1: error: this chapter's code was not run"), "\(kind): \(run.stderr)")
            #expect(book.file("output/a.html") == page, "\(kind): the last good page was not kept")
        }
        #expect(try folio(["render"], in: book.root, environment: cache).stderr.contains("Broken.swift"), "SwiftPM's message names the file")

        try book.write("Broken/Sources/Broken/Broken.swift", "public func leaky(_ x: Double) -> Double { max(0.1 * x, x) }\n")
        let repaired = try folio(["render"], in: book.root, environment: cache)
        #expect(repaired.status == 0, "\(repaired.stderr)")
    }

    @Test func malformedDeclarationsAreErrorsAtTheirItems() throws {
        let book = try TemporaryBook(["a.md": "# A\n"])
        defer { book.remove() }
        try Self.declare("""
              - url: https://github.com/apple/swift-numerics
                products: [Numerics]
              - path: X
              - url: u
                path: p
                products: [P]
              - path: Y
                product: [Y]
            """ + "\n", in: book)
        let run = try folio(["render"], in: book.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("chapters/book.yml:3:5: error: 'https://github.com/apple/swift-numerics' needs a version"), "\(run.stderr)")
        #expect(run.stderr.contains("chapters/book.yml:5:5: error: a dependency needs 'products:'"), "\(run.stderr)")
        #expect(run.stderr.contains("chapters/book.yml:6:5: error: each dependency needs exactly one of 'url:' and 'path:'"), "\(run.stderr)")
        #expect(run.stderr.contains("chapters/book.yml:9:5: error: unknown dependency key 'product'; did you mean 'products'?"), "\(run.stderr)")
    }

    /// The record of the last good dependency build.
    static func buildRecord(_ book: TemporaryBook) throws -> String {
        let folder = book.root + "/cache/dependencies"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        return folder + "/" + name + "/built.json"
    }
}
