import FolioChecks
import Foundation
import Testing

/// Nothing Folio starts outlives it: stopped by Ctrl-C, SIGTERM, SIGHUP or even SIGKILL while a
/// chapter's program loops forever and a cell's own child process sleeps, Folio leaves no process
/// behind and (when it can run at all) exits at once with 128 + the signal.
@Suite(.serialized) struct InterruptTests {
    /// One cache for the suite, so the runtime is compiled once; the loop never stores results.
    static let cache = NSTemporaryDirectory() + "folio-interrupt-cache-\(getpid())"

    /// A chapter whose cell starts `sleep` (Foundation puts it in a process group of its own)
    /// and then loops forever.
    static func chapter(marker: Int) -> String {
        """
        # Forever

        ```swift
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["\(marker)"]
        try! sleeper.run()
        var n = 0
        while true { n &+= 1 }
        ```
        """
    }

    @Test(arguments: [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129), (SIGKILL, 137)] as [(Int32, Int32)])
    func aStoppedRenderLeavesNoProcessBehind(signal: Int32, status: Int32) async throws {
        for command in signal == SIGKILL ? ["render"] : ["render", "check", "serve"] {
            let marker = 900_000 + Int(signal) * 10 + command.count
            let book = try TemporaryBook(["a.md": Self.chapter(marker: marker)])
            defer { book.remove() }
            let process = try start([command, "--timeout", "120"] + (command == "serve" ? ["--port", "0"] : []), in: book.root)
            // Wait until the cell's sleeper runs: the program is compiled and in its loop.
            let deadline = ContinuousClock.now + .seconds(120)
            while processes(matching: "sleep \(marker)").isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(!processes(matching: "sleep \(marker)").isEmpty, "the cell never started")
            let stopped = ContinuousClock.now
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if signal != SIGKILL {
                #expect(ContinuousClock.now - stopped < .seconds(3), "\(command) took long to stop")
                #expect(process.terminationStatus == status, "\(command) exited with \(process.terminationStatus)")
            }
            // The program's watchdog notices within a tenth of a second that Folio is gone.
            var left = processes(matching: "sleep \(marker)") + processes(matching: "/program")
            for _ in 0..<30 where !left.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                left = processes(matching: "sleep \(marker)") + processes(matching: book.root)
            }
            #expect(left.isEmpty, "\(command) left \(left) running after signal \(signal)")
            if signal != SIGKILL {
                let builds = (try? FileManager.default.contentsOfDirectory(atPath: Self.cache + "/build")) ?? []
                #expect(builds.isEmpty, "\(command) left its build folder")
            }
        }
    }

    private func start(_ arguments: [String], in directory: String) throws -> Process {
        let process = Process()
        process.executableURL = folioExecutable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["FOLIO_CACHE_DIR"] = Self.cache
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Processes whose command line contains `text`, read from `/proc`.
    private func processes(matching text: String) -> [String] {
        let own = getpid()
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name in
            guard let pid = Int32(name), pid != own,
                  let bytes = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { return nil }
            let line = String(decoding: bytes.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(text) ? "\(pid): \(line)" : nil
        }
    }
}
