import Foundation

/// How a chapter's program, or the process of an `error: true` cell, stopped abnormally: the
/// Swift runtime's own words, and the source locations of the crashed thread's frames.
///
/// Two sources feed it. The runtime prints its message on standard error before it traps
/// (`chapters/x.md:12: Precondition failed: a < 1`, `Swift/Array.swift:…: Fatal error: Index out
/// of range`); only a few traps (arithmetic overflow) print nothing there. Swift's backtracer,
/// enabled in the program's environment, writes a JSON crash report whose `description` names
/// those few (`Swift runtime failure: arithmetic overflow`) and whose frames carry the
/// `#sourceLocation` lines and columns the program was compiled with, so the innermost frame in
/// an author's file is where the trap happened.
struct Trap: Equatable {
    /// The runtime's message: `Precondition failed: …`, `Fatal error: Index out of range`,
    /// `Swift runtime failure: arithmetic overflow`, or the signal when the runtime said nothing.
    var message: String
    /// The crashed thread's frames that have a source location, innermost first, as compiled:
    /// a path as given to the compiler, a line, and a column in bytes.
    var frames: [Frame]
    /// Whether the runtime said nothing and `message` only names the signal that ended the process.
    var onlySignal = false

    struct Frame: Equatable {
        var file: String
        var line: Int
        var byteColumn: Int
    }

    /// The environment that turns Swift's backtracer on, writing a JSON report per crashed
    /// process into `directory` (named `<program>-<pid>-<n>.json`) and nothing on the terminal.
    /// Only the crashed thread is walked and symbolicated, which is all a trap's place needs.
    static func backtracerSetting(reports directory: String) -> String {
        "enable=yes,interactive=no,format=json,threads=crashed,images=mentioned,registers=none,sanitize=no,output-to=\(directory)"
    }

    /// Reads what a process left when it stopped: its standard error's last 64 KB and, if the
    /// backtracer wrote one, its crash report. `nil` when there is no sign of a trap.
    init?(standardError: String, report: Data?, status: Int32) {
        let crash = report.flatMap { try? JSONDecoder().decode(CrashReport.self, from: $0) }
        let runtimeMessage = Self.runtimeMessage(in: standardError)
        let reportMessage = crash.flatMap { $0.description.hasPrefix("Swift runtime failure") ? $0.description : nil }
            ?? crash?.crashedFrames.lazy.compactMap(\.runtimeFailure).first
        if let message = runtimeMessage ?? reportMessage {
            self.message = message
        } else if let message = Self.signalMessage(status: status, report: crash) {
            self.message = message
            onlySignal = true
        } else {
            return nil
        }
        self.frames = (crash?.crashedFrames ?? []).compactMap { frame in
            guard let location = frame.sourceLocation, location.line > 0, !location.file.hasPrefix("//<") else { return nil }
            return Frame(file: location.file, line: location.line, byteColumn: max(1, location.column))
        }
    }

    init(message: String, frames: [Frame], onlySignal: Bool = false) {
        self.message = message
        self.frames = frames
        self.onlySignal = onlySignal
    }

    /// The crash reports the backtracer wrote into `directory`, by the id of the process that
    /// crashed: the names are `<program>-<pid>-<n>.json`.
    static func reports(in directory: String) -> [Int: Data] {
        var reports: [Int: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasSuffix(".json") {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = Int(parts[parts.count - 2]),
                  let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            reports[pid] = data
        }
        return reports
    }

    /// The last message the Swift runtime printed before trapping: `Fatal error: …`,
    /// `Precondition failed: …`, `Assertion failed: …`, without the file and line in front
    /// (the runtime names a file by module and base name only; the report has the full place).
    static func runtimeMessage(in text: String) -> String? {
        for line in text.split(separator: "\n").reversed() {
            for kind in ["Fatal error", "Precondition failed", "Assertion failed"] {
                guard let range = line.range(of: kind) else { continue }
                // The runtime's own line starts `file:line: `; text a cell printed does not.
                let before = line[..<range.lowerBound]
                guard before.isEmpty || before.hasSuffix(": ") && before.dropLast(2).split(separator: ":").last.flatMap({ Int($0) }) != nil
                else { continue }
                let rest = line[range.upperBound...].drop { $0 == ":" || $0 == " " }
                return rest.isEmpty ? kind : "\(kind): \(rest)"
            }
        }
        return nil
    }

    /// What a trapped cell wrote on standard error, without the lines that report the trap: from
    /// the runtime's message on (its message, the backtracer's banner).
    static func withoutTrapReport(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let message = lines.lastIndex(where: { runtimeMessage(in: String($0)) != nil }) {
            lines.removeSubrange(message...)
        }
        lines.removeAll { $0.hasPrefix("*** ") && $0.contains("Backtracing") }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// For a process killed by a signal with no message from the runtime: which signal.
    private static func signalMessage(status: Int32, report: CrashReport?) -> String? {
        if let description = report?.description, !description.isEmpty {
            return status > 128 ? "\(description) (signal \(status - 128))" : description
        }
        guard status > 128 else { return nil }
        let signal = status - 128
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
        return "\(name) (signal \(signal))"
    }
}

/// The parts of the backtracer's JSON crash report that Folio reads.
private struct CrashReport: Decodable {
    var description: String
    var threads: [Thread]

    struct Thread: Decodable {
        var crashed: Bool?
        var frames: [Frame]?
    }

    struct Frame: Decodable {
        var description: String?
        var sourceLocation: Location?
        var inlined: Bool?

        struct Location: Decodable {
            var file: String
            var line: Int
            var column: Int
        }

        /// Traps the compiler inlines show as a frame named after the failure.
        var runtimeFailure: String? {
            guard let description, description.hasPrefix("Swift runtime failure") else { return nil }
            return description
        }
    }

    var crashedFrames: [Frame] {
        threads.first { $0.crashed == true }?.frames ?? []
    }
}
