import Foundation

/// Prints a written `print.html` to PDF with headless Chromium, then fixes the dates Chromium
/// stamps on it, so that the same page gives the same PDF.
///
/// What the PDF gets from Chromium (checked with Debian's Chromium 156): page numbers from the
/// page's CSS `@page` margin boxes; the paper size from `@page { size }` (its command line has no
/// paper option, so `PrintEdition.paper` decides); a document outline from the headings
/// (`--generate-pdf-document-outline`); a tagged PDF, which it makes by default, with the page's
/// `lang`; every font embedded, as subsets.
///
/// What varies from run to run: only `/CreationDate` and `/ModDate` in the document's info
/// dictionary, the time of printing. They are rewritten in place to `date`, in the same format
/// and so the same length, which keeps every offset in the cross-reference table valid; if a
/// Chromium writes them in another form they are left as they are. Chromium writes no `/ID` and
/// no XMP metadata. What varies with Chromium's version: `/Creator` (its user agent), `/Producer`
/// (`Skia/PDF m156`) and the layout itself.
public struct PDFPrinter: Sendable {
    /// The Chromium program to run.
    public var executable: String
    /// How long Chromium may take before it is killed, in seconds.
    public var timeout: Double
    /// Told Chromium's process id (also its process group's) and its scratch folder when it
    /// starts: for a caller that ends its children on Ctrl-C and removes what they leave, as
    /// Folio's `RunningProcesses` does.
    public var started: (@Sendable (_ pid: Int32, _ scratch: String) -> Void)?
    /// Told the same once Chromium and everything it started have ended.
    public var ended: (@Sendable (_ pid: Int32, _ scratch: String) -> Void)?

    /// A printer that runs `executable`.
    public init(executable: String, timeout: Double = 300) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The variable that names the Chromium to run, when set.
    public static let environmentVariable = "CHROMIUM"
    /// The names looked for on `PATH` otherwise: Debian's first.
    public static let programNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// Finds Chromium: `$CHROMIUM` if set (a path, or a name on `PATH`), else the first of
    /// `programNames` on `PATH`.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PDFError) -> PDFPrinter {
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        let wanted = environment[environmentVariable].flatMap { $0.isEmpty ? nil : [$0] } ?? programNames
        var searched: [String] = []
        for name in wanted {
            let candidates = name.contains("/") ? [name] : path.map { "\($0)/\(name)" }
            for candidate in candidates {
                searched.append(candidate)
                if access(candidate, X_OK) == 0 { return PDFPrinter(executable: candidate) }
            }
        }
        throw .chromiumNotFound(variable: environmentVariable, searched: searched)
    }

    /// Prints the page at `htmlPath` to `pdfPath` (replaced atomically), its dates set to `date`.
    public func print(_ htmlPath: String, to pdfPath: String, date: Date) throws(PDFError) {
        let fixed = try pdf(of: htmlPath, date: date)
        let output = URL(fileURLWithPath: pdfPath).standardizedFileURL
        let partial = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).partial").path
        do {
            try Data(fixed).write(to: URL(fileURLWithPath: partial))
        } catch {
            throw .cannotWrite(path: partial, reason: error.localizedDescription)
        }
        guard rename(partial, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw .cannotWrite(path: output.path, reason: reason)
        }
    }

    /// The PDF of the page at `htmlPath`, its dates set to `date`: for a caller that writes files
    /// its own way.
    public func pdf(of htmlPath: String, date: Date) throws(PDFError) -> [UInt8] {
        let page = URL(fileURLWithPath: htmlPath).standardizedFileURL
        guard FileManager.default.fileExists(atPath: page.path) else { throw .noPage(path: page.path) }
        var template = Array((NSTemporaryDirectory() + "/folio-chromium-XXXXXX").utf8CString)
        guard let scratch = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw .cannotWrite(path: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let printed = scratch + "/book.pdf"
        let log = scratch + "/chromium.log"
        let arguments = [
            "--headless", "--disable-gpu",
            // Chromium's sandbox needs user namespaces, which containers and CI often lack; the
            // page is the book's own, from a local file.
            "--no-sandbox",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--mute-audio", "--hide-scrollbars",
            // A profile of its own: no settings from the user's, and runs side by side.
            "--user-data-dir=\(scratch)/profile",
            "--no-pdf-header-footer", "--generate-pdf-document-outline",
            // Tagged by default in recent Chromium; the flag asks older ones, and newer ones ignore it.
            "--export-tagged-pdf",
            "--print-to-pdf=\(printed)",
            page.absoluteString,
        ]
        let status = try run(arguments, log: log, scratch: scratch)
        let bytes = FileManager.default.contents(atPath: printed).map { [UInt8]($0) } ?? []
        guard status == 0, !bytes.isEmpty else {
            let said = FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw .failed(executable: executable, status: status, output: Self.meaningful(said))
        }
        return PDFDocumentDates.settingDates(of: bytes, to: date)
    }

    /// Runs Chromium in a process group of its own, its output in `log`, and waits for it at
    /// most `timeout` seconds; then ends the whole group, so that none of the helper processes
    /// Chromium starts (zygote, renderer, crash handler) outlives the print. Its exit status.
    private func run(_ arguments: [String], log: String, scratch: String) throws(PDFError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }.sorted()
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp)
        guard spawned == 0 else { throw .cannotStart(executable: executable, reason: String(cString: strerror(spawned))) }
        started?(pid, scratch)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var status: Int32 = 0
        var timedOut = false
        var pause: UInt32 = 1_000
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0, errno != EINTR { break }
            if DispatchTime.now().uptimeNanoseconds >= deadline {
                timedOut = true
                kill(-pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        kill(-pid, SIGKILL)
        ended?(pid, scratch)
        if timedOut { throw .timedOut(executable: executable, seconds: timeout) }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// What Chromium said, less the complaints about D-Bus and GPU it makes on every headless
    /// run, at most the last 20 lines.
    private static func meaningful(_ output: String) -> String {
        let lines = output.split(separator: "\n").filter { line in
            !line.contains("dbus") && !line.contains("DBus") && !line.contains("gpu") && !line.contains("bytes written to file")
        }
        return lines.suffix(20).joined(separator: "\n")
    }
}

/// Why a PDF could not be printed.
public enum PDFError: Error, Equatable, CustomStringConvertible {
    /// No Chromium where `variable` said or on `PATH`; `searched` lists every path tried.
    case chromiumNotFound(variable: String, searched: [String])
    /// The page to print is not there.
    case noPage(path: String)
    /// `posix_spawn` refused to start Chromium.
    case cannotStart(executable: String, reason: String)
    /// Chromium exited with `status`, or wrote no PDF; `output` is what it said.
    case failed(executable: String, status: Int32, output: String)
    /// Chromium took longer than the printer's time limit and was killed with what it started.
    case timedOut(executable: String, seconds: Double)
    /// The PDF, or Chromium's scratch folder, could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .chromiumNotFound(let variable, let searched):
            "cannot print the PDF: no Chromium found (looked for \(searched.joined(separator: ", "))); install Debian's chromium or set \(variable) to its path"
        case .noPage(let path):
            "cannot print the PDF: \(path) does not exist"
        case .cannotStart(let executable, let reason):
            "cannot start \(executable): \(reason)"
        case .failed(let executable, let status, let output):
            "\(executable) failed to print the PDF (exit status \(status))" + (output.isEmpty ? "" : ":\n\(output)")
        case .timedOut(let executable, let seconds):
            "\(executable) did not finish printing the PDF in \(Int(seconds)) s and was stopped"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}

/// The dates in a PDF's document information dictionary.
enum PDFDocumentDates {
    /// `pdf` with the values of `/CreationDate` and `/ModDate` set to `date`, each where its new
    /// value is exactly as long as the old one, so no byte offset moves; else as it was.
    static func settingDates(of pdf: [UInt8], to date: Date) -> [UInt8] {
        let value = Array(pdfDate(date).utf8)
        var result = pdf
        for key in ["/CreationDate (", "/ModDate ("] {
            let pattern = Array(key.utf8)
            guard let start = firstIndex(of: pattern, in: result) else { continue }
            let valueStart = start + pattern.count
            guard let close = result[valueStart...].firstIndex(of: UInt8(ascii: ")")), close - valueStart == value.count
            else { continue }
            result.replaceSubrange(valueStart..<close, with: value)
        }
        return result
    }

    /// `D:20261130180532+00'00'`, in UTC: the form Chromium writes.
    static func pdfDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "D:\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))+00'00'"
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
