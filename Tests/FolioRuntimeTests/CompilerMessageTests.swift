import Foundation
import Testing

/// What swiftc says to the mistakes an author is likely to make with the runtime: each message
/// names the fix, rather than "extra arguments at positions #2, #3" or "no exact matches in call
/// to static method 'buildExpression'". The runtime is compiled from its sources as chapter
/// programs see it (its own module, Swift 5 mode), and the mistakes are type-checked against it.
@Suite struct CompilerMessageTests {
    /// A mistake, and a fragment of the error swiftc must give at its line.
    static let mistakes: [(code: String, message: String)] = [
        (#"_ = Axis("y", min: 0, max: 1)"#, "give the axis its range as range: lower...upper"),
        (#"_ = Axis("y", scale: .log, min: 0.1, max: 10)"#, "give the axis its range as range: lower...upper"),
        (#"_ = Axis("x", log: true)"#, #"a log axis is Axis("…", scale: .log)"#),
        (#"_ = Figure(title: "t", xLabel: "x", yLabel: "y") { Line("y", x: xs, y: ys) }"#, "name the axes with x: and y:"),
        (#"_ = Figure(Axis("x"), Axis("y")) { Line("y", x: xs, y: ys) }"#, "label the axes: Figure(x:"),
        (#"_ = Figure(steps: true) { Line("y", x: xs, y: ys) }"#, "'steps: true' steps through panels"),
        (#"_ = Figure { Panel("a") { Line("y", x: xs, y: ys) } }"#, "a Panel is one small multiple"),
        (#"_ = Figure(categories: ["a"]) { Bar("n", y: ys) }"#, "bars stand at the figure's categories"),
        (#"_ = Figure(categories: ["a"]) { Bar("n", x: ["a"], y: ys) }"#, "bars stand at the figure's categories"),
        (#"_ = Figure { Bar("n", categories: ["a"], values: ys) }"#, "categories belong to the figure"),
        (#"show(Figure(x: "x", y: "y", showsLegend: false) { Line("a", x: xs, y: ys) })"#, "switch the legend off with legend: false"),
        (#"show(Figure(y: Axis("y", scale: .log, min: 0.1, max: 10)) { Line("y", x: xs, y: ys) })"#, "give the axis its range"),
        (#"_ = Figure { Line("y", x: ints, y: ys) }"#, "cannot convert value of type '[Int]' to expected argument type '[Double]'"),
        (#"_ = Figure { Line("y", xs, ys) }"#, "missing argument labels 'x:y:' in call"),
    ]

    /// Code that must compile: the forms the messages point to, and guesses that now work.
    static let correct: [String] = [
        #"_ = Figure(x: "epoch", y: Axis("loss", scale: .log, range: 0.1...10)) { Line("y", x: xs, y: ys) }"#,
        #"_ = Figure { print("drawing"); Line("y", x: xs, y: ys); expect(xs.count == 1) }"#,
        #"_ = Figure { [Line("a", x: xs, y: ys), Line("b", x: xs, y: ys)] }"#,
        #"_ = Figure(categories: ["a"], steps: true, panels: [Panel("1") { Bar("n", values: ys) }])"#,
        #"_ = Table(columns: ["n", "v"], rows: mixed)"#,
        #"_ = Table(columns: ["n", "v", "b"], rows: [["a", 1.0, true]])"#,
        #"_ = Axis()"#,
    ]

    @Test func mistakesGetMessagesThatNameTheFix() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-runtime-messages-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let runtime = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/FolioRuntime")
        let sources = try FileManager.default.contentsOfDirectory(atPath: runtime.path)
            .filter { $0.hasSuffix(".swift") }.sorted().map { runtime.appendingPathComponent($0).path }
        let module = try swiftc(["-swift-version", "5", "-parse-as-library", "-module-name", "FolioRuntime", "-emit-module",
                                 "-emit-module-path", directory.appendingPathComponent("FolioRuntime.swiftmodule").path] + sources)
        try #require(module.status == 0, "the runtime does not compile: \(module.output)")

        var lines = [
            "import FolioRuntime",
            "let xs: [Double] = [1]",
            "let ys: [Double] = [1]",
            "let ints = [1]",
            "let mixed = [[\"a\", 1.0], [\"b\", 2.0]]",
        ]
        var lineOfMistake: [Int: Int] = [:]
        var linesOfCorrectCode: [Int] = []
        for (index, mistake) in Self.mistakes.enumerated() {
            lines.append("func mistake\(index)() {")
            lineOfMistake[lines.count + 1] = index
            lines += [mistake.code, "}"]
        }
        for (index, code) in Self.correct.enumerated() {
            lines.append("func correct\(index)() {")
            linesOfCorrectCode.append(lines.count + 1)
            lines += [code, "}"]
        }
        let file = directory.appendingPathComponent("mistakes.swift")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let check = try swiftc(["-swift-version", "5", "-diagnostic-style", "llvm", "-typecheck", "-I", directory.path, file.path])

        var errors: [Int: [String]] = [:]
        for line in check.output.split(separator: "\n") where line.hasPrefix(file.path + ":") {
            let parts = line.dropFirst(file.path.count + 1).split(separator: ":", maxSplits: 3)
            guard parts.count == 4, let number = Int(parts[0]), parts[2].trimmingCharacters(in: .whitespaces) == "error" else { continue }
            errors[number, default: []].append(parts[3].trimmingCharacters(in: .whitespaces))
        }
        for (line, index) in lineOfMistake.sorted(by: { $0.key < $1.key }) {
            let mistake = Self.mistakes[index]
            #expect(errors[line]?.contains { $0.contains(mistake.message) } == true,
                    "\(mistake.code): expected an error containing \"\(mistake.message)\", got \(errors[line] ?? [])")
        }
        for line in linesOfCorrectCode {
            #expect(errors[line] == nil, "\(lines[line - 1]) should compile: \(errors[line] ?? [])")
        }
    }
}

/// Runs the toolchain's swiftc (`SWIFTC`, else the first on `PATH`), returning its exit status
/// and everything it printed.
private func swiftc(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let environment = ProcessInfo.processInfo.environment
    let candidates = [environment["SWIFTC"]].compactMap { $0 }
        + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swiftc" }
    let compiler = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "no swiftc found")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: compiler)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
