// `make bench`: the figures the issues ask for, measured on a release build.
// Run from the repository root; the math corpus is read from ../shared/corpus unless
// FOLIO_CORPUS names it.
import Folio
import FolioMath
import FolioParser
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
    print(name.padding(toLength: 52, withPad: " ", startingAt: 0) + value.padding(toLength: 18, withPad: " ", startingAt: 0) + target)
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

let chapterPath = "chapters/softmax.md"
guard let bytes = FileManager.default.contents(atPath: chapterPath).map([UInt8].init) else {
    FileHandle.standardError.write(Data("folio-bench: run from the repository root (no \(chapterPath))\n".utf8))
    exit(2)
}

print("Folio benchmarks (release build, \(ProcessInfo.processInfo.activeProcessorCount) cores)")
print("figure".padding(toLength: 52, withPad: " ", startingAt: 0) + "measured".padding(toLength: 18, withPad: " ", startingAt: 0) + "target")

// Parse + render of the Softmax chapter in process, no disk: the cost a page adds.
let outline = BookOutline(title: "Bench", lang: "zh-CN", chapters: [BookOutline.Entry(slug: "softmax", title: "Softmax")])
var pageBytes = 0
let inProcess = medianMilliseconds(runs: 50) {
    var chapters = [ChapterParser().parse(bytes, path: chapterPath).chapter!]
    _ = EquationNumbering.resolveReferences(in: &chapters)
    pageBytes = PageRenderer(outline: outline).render(chapters[0]).html.utf8.count
}
report("softmax: parse + render in process (median of 50)", String(format: "%.2f ms", inProcess), target: "≤ 20 ms")

// The whole command, as an author runs it: process start, read, render, atomic writes.
let output = NSTemporaryDirectory() + "folio-bench-\(getpid())"
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("folio").path
if FileManager.default.isExecutableFile(atPath: binary) {
    // posix_spawn directly: Foundation's Process adds tens of milliseconds of its own.
    let arguments = [binary, "render", "--output", output]
    let command = medianMilliseconds(runs: 20) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv = arguments.map { strdup($0) } + [nil]
        var pid: pid_t = 0
        if posix_spawn(&pid, binary, &actions, nil, &argv, environ) == 0 {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        argv.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
    }
    try? FileManager.default.removeItem(atPath: output)
    report("folio render, whole process (median of 20)", String(format: "%.1f ms", command), target: "≤ 20 ms")
}
report("softmax.html size", "\(pageBytes / 1024) KB", target: "")

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
