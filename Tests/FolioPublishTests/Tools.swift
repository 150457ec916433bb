import Foundation

/// Runs a command-line tool the tests use as an oracle (never linked into Folio): epubcheck,
/// pdfinfo, pdffonts.
enum ExternalTool {
    /// The first `name` on `PATH`.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` and returns its exit status and everything it printed.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

enum EPUBCheck {
    /// Debian's epubcheck, which is a jar: its `/usr/bin/epubcheck` is the jar itself, run only
    /// where binfmt knows jars, so the tests run it with `java -jar`. `EPUBCHECK_JAR` overrides.
    static let jar: String? = {
        let jar = ProcessInfo.processInfo.environment["EPUBCHECK_JAR"] ?? "/usr/share/java/epubcheck.jar"
        return FileManager.default.fileExists(atPath: jar) && java != nil ? jar : nil
    }()

    private static let java = ExternalTool.find("java")

    /// epubcheck's verdict on `epub`.
    static func run(on epub: [UInt8]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("folio-epubcheck-\(UUID().uuidString).epub")
        try Data(epub).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try ExternalTool.run(java!, ["-jar", jar!, file.path])
    }
}
