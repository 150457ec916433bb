// `make bench`: the figures the issues ask for, measured on a release build.
// Run from the repository root; the math corpus is read from ../shared/corpus unless
// FOLIO_CORPUS names it.
import Folio
import FolioMath
import FolioParser
import FolioNumbering
import FolioPlot
import FolioRender
import Foundation

/// Median wall time of `runs` calls of `body`, in milliseconds.
func medianMilliseconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    return times[times.count / 2]
}

func report(_ name: String, _ value: String, target: String) {
    print(name.padding(toLength: 60, withPad: " ", startingAt: 0) + value.padding(toLength: 20, withPad: " ", startingAt: 0) + target)
}

/// The corpus's TeX column, decoded as its README says: `\n`, `\t`, `\r`, `\\` are escapes;
/// any other backslash stands for itself.
func corpusExpressions(at path: String) -> [String]? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return text.split(separator: "\n").dropFirst().compactMap { line in
        guard let tex = line.split(separator: "\t", omittingEmptySubsequences: false).last else { return nil }
        var result = ""
        var scalars = tex.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else { result.unicodeScalars.append(scalar); continue }
            switch scalars.next() {
            case "n": result += "\n"
            case "t": result += "\t"
            case "r": result += "\r"
            case "\\": result += "\\"
            case let other?: result += "\\" + String(other)
            case nil: result += "\\"
            }
        }
        return result
    }
}

// `folio-bench editions DIR`: print.html and the EPUB of the pages in DIR (Benchmarks/book.sh).
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "editions" {
    exit(benchmarkEditions(output: CommandLine.arguments[2]))
}

let chapterPath = "chapters/softmax.md"
guard let bytes = FileManager.default.contents(atPath: chapterPath).map([UInt8].init) else {
    FileHandle.standardError.write(Data("folio-bench: run from the repository root (no \(chapterPath))\n".utf8))
    exit(2)
}

print("Folio benchmarks (release build, \(ProcessInfo.processInfo.activeProcessorCount) cores)")
print("figure".padding(toLength: 60, withPad: " ", startingAt: 0) + "measured".padding(toLength: 20, withPad: " ", startingAt: 0) + "target")

// Parse + render of the Softmax chapter in process, no disk: the cost a page adds.
let outline = BookOutline(title: "Bench", lang: "zh-CN", chapters: [BookOutline.Entry(slug: "softmax", title: "Softmax")])
let inProcess = medianMilliseconds(runs: 50) {
    var chapters = [ChapterParser().parse(bytes, path: chapterPath).chapter!]
    _ = BookNumbering.number(&chapters)
    _ = PageRenderer(outline: outline).render(chapters[0])
}
report("softmax: parse + render in process, no evaluation (median of 50)", String(format: "%.2f ms", inProcess), target: "≤ 20 ms")

// Parsing alone, of every real chapter in the repository (the book's and the documentation's):
// the cost of the Markdown extensions is measured here (issue 17: within 10 % of before them).
let parseSet: [(path: String, bytes: [UInt8])] = ["chapters", "docs/chapters"].flatMap { directory in
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
        FileManager.default.contents(atPath: directory + "/" + name).map { (directory + "/" + name, [UInt8]($0)) }
    }
}
let parseTime = medianMilliseconds(runs: 50) {
    for chapter in parseSet { _ = ChapterParser().parse(chapter.bytes, path: chapter.path) }
}
let parseBytes = parseSet.reduce(0) { $0 + $1.bytes.count }
report("parse: \(parseSet.count) real chapters, \(parseBytes / 1024) KiB (median of 50)", String(format: "%.2f ms", parseTime), target: "within 10 % of before")

// The whole command, as an author runs it: process start, read, render, atomic writes.
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("folio").path
let book = NSTemporaryDirectory() + "folio-bench-\(getpid())"
let cache = book + "/.folio-cache"
try? FileManager.default.createDirectory(atPath: book, withIntermediateDirectories: true)
try? FileManager.default.copyItem(atPath: "chapters", toPath: book + "/chapters")
defer { try? FileManager.default.removeItem(atPath: book) }

/// Runs `arguments` in `directory` with extra environment, its output discarded; its exit status.
@discardableResult
func spawn(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) -> Int32 {
    // posix_spawn directly: Foundation's Process adds tens of milliseconds of its own. The
    // folder is changed around the call, as glibc's spawn cannot do it.
    let previous = FileManager.default.currentDirectoryPath
    _ = FileManager.default.changeCurrentDirectoryPath(directory)
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { $1 }
    var argv = arguments.map { strdup($0) } + [nil]
    var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    var pid: pid_t = 0
    var status: Int32 = -1
    if posix_spawn(&pid, arguments[0], &actions, nil, &argv, &envp) == 0 {
        waitpid(pid, &status, 0)
    }
    argv.forEach { free($0) }
    envp.forEach { free($0) }
    posix_spawn_file_actions_destroy(&actions)
    return status
}

guard FileManager.default.isExecutableFile(atPath: binary) else {
    print("(no release folio beside folio-bench; run make bench)")
    exit(1)
}
let renderArguments = [binary, "render", "--output", book + "/output"]

// Once, untimed: the runtime compiled into the cache, a one-time cost per toolchain.
let runtimeStart = DispatchTime.now().uptimeNanoseconds
spawn(renderArguments, in: book)
let runtimeSeconds = Double(DispatchTime.now().uptimeNanoseconds - runtimeStart) / 1e9

// Cold: no results cached for the chapter, so its program is generated, compiled and run.
// Everything cached but the runtime goes: results, the page records, highlighted code.
let cold = medianMilliseconds(runs: 10) {
    for folder in ["results", "chapters", "pages", "highlight"] { try? FileManager.default.removeItem(atPath: cache + "/" + folder) }
    spawn(renderArguments, in: book)
}

// The floor: the same generated program compiled and run by hand, with the same flags.
let kept = cache + "/build"
for folder in ["results", "pages"] { try? FileManager.default.removeItem(atPath: cache + "/" + folder) }
spawn(renderArguments, in: book, environment: ["FOLIO_KEEP_BUILD": "1"])
let programFolder = (try? FileManager.default.contentsOfDirectory(atPath: kept))?.first.map { kept + "/" + $0 }
let runtimeFolder = (try? FileManager.default.contentsOfDirectory(atPath: cache + "/runtime"))?.first { !$0.hasPrefix(".") }
    .map { cache + "/runtime/" + $0 }
var floor = Double.nan
var backtracerCost: (on: Double, off: Double, compileWithLines: Double, compileWithout: Double)?
if let programFolder, let runtimeFolder {
    let swiftc = ProcessInfo.processInfo.environment["SWIFTC"]
        ?? (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { $0 + "/swiftc" }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "swiftc"
    // The linker Folio picks: the toolchain's lld when it has one.
    let resolved = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ld.lld").path
    let linker = FileManager.default.isExecutableFile(atPath: resolved) ? ["-use-ld=lld"] : []
    let compile = [swiftc, "-swift-version", "5", "-Onone", "-I", runtimeFolder, "-L", runtimeFolder, "-lFolioRuntime"] + linker
        + [programFolder + "/main.swift", "-o", programFolder + "/by-hand"]
    floor = medianMilliseconds(runs: 10) {
        spawn(compile + ["-gline-tables-only"], in: book)
        spawn([programFolder + "/by-hand"], in: book + "/chapters")
    }
    // What finding a trap's line costs a program that does not trap: the line tables swiftc
    // writes, and the backtracer's set-up when the program starts.
    let backtracer = ["SWIFT_BACKTRACE": "enable=yes,interactive=no,format=json,output-to=" + programFolder]
    let on = medianMilliseconds(runs: 20) { spawn([programFolder + "/by-hand"], in: book + "/chapters", environment: backtracer) }
    let off = medianMilliseconds(runs: 20) { spawn([programFolder + "/by-hand"], in: book + "/chapters", environment: ["SWIFT_BACKTRACE": "enable=no"]) }
    let withLines = medianMilliseconds(runs: 5) { spawn(compile + ["-gline-tables-only"], in: book) }
    let without = medianMilliseconds(runs: 5) { spawn(compile, in: book) }
    backtracerCost = (on, off, withLines, without)
}
try? FileManager.default.removeItem(atPath: kept)

// Warm: a prose-only edit, so the cached results serve and swiftc is not run.
let chapterCopy = book + "/chapters/softmax.md"
let original = (try? String(contentsOfFile: chapterCopy, encoding: .utf8)) ?? ""
spawn(renderArguments, in: book)
var edit = 0
let warm = medianMilliseconds(runs: 20) {
    edit += 1
    try? (original + "\n编辑 \(edit)。\n").write(toFile: chapterCopy, atomically: true, encoding: .utf8)
    spawn(renderArguments, in: book)
}
let unchanged = medianMilliseconds(runs: 20) { spawn(renderArguments, in: book) }

report("folio render, cold (no cached results; median of 10)", String(format: "%.0f ms", cold), target: "≤ 500 ms, ≤ 1.3 × floor")
report("floor: swiftc + run of the same program by hand", String(format: "%.0f ms", floor),
       target: String(format: "cold = %.2f × floor", cold / floor))
if let backtracerCost {
    report("softmax program run, backtracer on / off (median of 20)",
           String(format: "%.1f / %.1f ms", backtracerCost.on, backtracerCost.off), target: "no difference")
    report("softmax program compile, line tables / none (median of 5)",
           String(format: "%.0f / %.0f ms", backtracerCost.compileWithLines, backtracerCost.compileWithout), target: "")
}
report("folio render after a prose edit (median of 20)", String(format: "%.1f ms", warm), target: "≤ 50 ms")
report("folio render, nothing changed (median of 20)", String(format: "%.1f ms", unchanged), target: "")
report("runtime compiled into the cache (once per toolchain)", String(format: "%.1f s", runtimeSeconds), target: "")
let pageOnDisk = (try? FileManager.default.attributesOfItem(atPath: book + "/output/softmax.html")[.size] as? Int) ?? 0
report("softmax.html size, evaluated, every figure inline", "\(pageOnDisk / 1024) KB (\(pageOnDisk) bytes)", target: "≤ 100 KB")

// folio check with a warm cache: evaluation reused, pages built in memory and compared.
let check = medianMilliseconds(runs: 10) { spawn([binary, "check"], in: book) }
report("folio check, warm cache (median of 10)", String(format: "%.1f ms", check), target: "≤ 100 ms")

// The chapter's figures, drawn again and again from its evaluated results.
if let built = try? BookBuilder().build(RenderRequest(root: book, chapters: ["chapters/softmax.md"], outputDirectory: book + "/output")) {
    var figures: [Figure] = []
    for chapter in built.chapters {
        chapter.blocks.forEachLeaf { block in
            guard case .cell(let cell) = block else { return }
            for case .figure(let figure) in cell.result?.outputs ?? [] { figures.append(figure) }
        }
    }
    // A stepper's panels are drawn as one chart; here each as a figure of its own, the upper bound.
    let drawn = figures.flatMap { figure -> [Figure] in
        guard figure.steps else { return [figure] }
        return figure.panels.map { Figure(title: $0.title, x: figure.x, y: figure.y, series: $0.series, categories: figure.categories) }
    }
    var largest = 0
    let drawing = medianMilliseconds(runs: 50) {
        for (index, figure) in drawn.enumerated() {
            largest = max(largest, FigureRenderer().render(figure, id: "f\(index)", alt: nil).svg.utf8.count)
        }
    }
    report("SVG for the chapter's \(figures.count) figures (\(drawn.count) drawings)", String(format: "%.2f ms", drawing), target: "≤ 5 ms")
    report("largest figure SVG", "\(largest / 1024) KB", target: "≤ 30 KB")
    let many = (0..<100_000).map { Double($0) / 99_999 }
    let huge = Figure(series: [Series(kind: .line, name: "sin", x: many, y: many.map { sin(40 * $0) })])
    var hugeSize = 0
    let hugeTime = medianMilliseconds(runs: 5) { hugeSize = FigureRenderer().render(huge, id: "h", alt: nil).svg.utf8.count }
    report("a 10⁵-point line, simplified", String(format: "%.1f ms, %d KB", hugeTime, hugeSize / 1024), target: "≤ 30 KB")
}

// TeX → MathML throughput over the textbook corpus.
let corpusPath = ProcessInfo.processInfo.environment["FOLIO_CORPUS"] ?? "../shared/corpus/math-textbooks.tsv"
if let expressions = corpusExpressions(at: corpusPath) {
    let converter = MathConverter()
    var clean = 0
    for tex in expressions where converter.convert(tex, display: false).errors.isEmpty { clean += 1 }
    let rounds = 10
    let perRound = medianMilliseconds(runs: rounds) {
        for tex in expressions { _ = converter.convert(tex, display: false) }
    }
    let rate = Double(expressions.count) / (perRound / 1000)
    report("TeX→MathML throughput (corpus, median of \(rounds))", String(format: "%.0f expr/s", rate), target: "≥ 20,000 expr/s")
    report("corpus rows converted without error", "\(clean) / \(expressions.count)", target: "all but m0011 (z_^L)")
} else {
    print("(no math corpus at \(corpusPath); set FOLIO_CORPUS)")
}
