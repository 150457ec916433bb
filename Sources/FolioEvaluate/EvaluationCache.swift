import FolioStorage
import FolioModel
import Foundation

/// What a chapter's results depend on, hashed: the runtime, the compiler and its flags, the
/// shared files, the chapter's `digits`, and its cells and inline expressions in order — but
/// not where they stand, so a prose edit that moves them keeps the key.
struct CacheKey: Equatable {
    let digest: String
    /// The parts, hashed one by one, for saying what changed.
    let environment: String
    let shared: String
    /// The book's packages as built: their resolved versions, local files and products.
    let dependencies: String
    let units: [String]

    init(chapter: Chapter, units: [ProgramUnit], sharedFiles: [SharedFile], runtime: String, flags: [String], dependencies: String = "") {
        environment = Self.hash(["folio-results-1", runtime, flags.filter { !$0.hasPrefix("/") }.joined(separator: " "),
                                 "digits=\(chapter.frontMatter.digits)"])
        shared = Self.hash(sharedFiles.flatMap { [$0.path, $0.text] })
        self.dependencies = dependencies
        self.units = units.map(Self.hash(unit:))
        // Without dependencies, the key is what it was before they existed.
        digest = Self.hash([environment, shared] + (dependencies.isEmpty ? [] : ["dependencies=" + dependencies]) + self.units)
    }

    /// What a unit contributes to the key: its code, not its place.
    static func hash(unit: ProgramUnit) -> String {
        hash([unit.fingerprint])
    }

    private static func hash(_ parts: [String]) -> String {
        Digest.of(parts)
    }
}

/// Results stored in `.folio-cache/results/`, one JSON file per key, and for each chapter the
/// key of its last evaluation, to say why the next one could not reuse it.
struct EvaluationCache {
    let directory: String

    private func resultsPath(_ digest: String) -> String { "\(directory)/results/\(digest).json" }

    private func manifestPath(_ chapter: String) -> String {
        "\(directory)/chapters/\(chapter.replacingOccurrences(of: "/", with: "_")).json"
    }

    /// Figures may hold NaN and infinities, which plain JSON cannot.
    private static let nonFinite = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    func load(_ key: CacheKey) -> StoredEvaluation? {
        load(digest: key.digest)
    }

    private func load(digest: String) -> StoredEvaluation? {
        SealedEntry.read(resultsPath(digest)).flatMap(Self.decode)
    }

    /// Results from their bytes, as stored here and in the remote cache.
    static func decode(_ bytes: [UInt8]) -> StoredEvaluation? {
        let data = Data(bytes)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: Self.nonFinite.positiveInfinity,
                                                                        negativeInfinity: Self.nonFinite.negativeInfinity,
                                                                        nan: Self.nonFinite.nan)
        return try? decoder.decode(StoredEvaluation.self, from: data)
    }

    /// The bytes results are stored as, here and in the remote cache.
    static func encode(_ evaluation: StoredEvaluation) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: Self.nonFinite.positiveInfinity,
                                                                      negativeInfinity: Self.nonFinite.negativeInfinity,
                                                                      nan: Self.nonFinite.nan)
        return (try? encoder.encode(evaluation)).map([UInt8].init)
    }

    /// Stores results (`bytes`, their encoding, when already at hand); a cache that cannot be
    /// written only costs speed, so failures are ignored.
    func store(_ evaluation: StoredEvaluation, bytes: [UInt8]? = nil, for key: CacheKey, chapter: String) {
        let manifest = Manifest(environment: key.environment, shared: key.shared, units: key.units, digest: key.digest,
                                seconds: evaluation.seconds, dependencies: key.dependencies)
        if let bytes = bytes ?? Self.encode(evaluation) { Self.write(Data(bytes), to: resultsPath(key.digest)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(manifest) { Self.write(data, to: manifestPath(chapter)) }
    }

    /// How long the chapter's last evaluation took to compile and run, in seconds, if known.
    func lastSeconds(chapter: String) -> Double? {
        manifest(chapter)?.seconds
    }

    /// Why there are no results for `key`, judged against the chapter's last evaluation.
    func reason(for key: CacheKey, chapter: String) -> String {
        guard let last = manifest(chapter) else {
            return "no cached results"
        }
        if last.environment != key.environment { return "the compiler, the runtime or the chapter's digits changed" }
        if last.shared != key.shared { return "a shared .swift file changed" }
        if (last.dependencies ?? "") != key.dependencies { return "dependencies changed" }
        if last.units.count != key.units.count { return "cells or inline expressions were added or removed" }
        if let changed = zip(last.units, key.units).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            return "code unit \(changed.offset + 1) changed"
        }
        return "no cached results"
    }

    private static func write(_ data: Data, to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/" + TemporaryFiles.name()
        guard FileManager.default.createFile(atPath: temporary, contents: Data(SealedEntry.seal(data))) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// The chapter's last good evaluation, with the key of each of its units in order: what the
    /// preview shows for cells whose code is unchanged while the chapter fails to build.
    func lastGood(chapter: String) -> (evaluation: StoredEvaluation, units: [String])? {
        guard let last = manifest(chapter), let digest = last.digest,
              let stored = load(digest: digest), stored.units.count == last.units.count else { return nil }
        return (stored, last.units)
    }

    /// The record of the chapter's last evaluation, if there is one.
    private func manifest(_ chapter: String) -> Manifest? {
        SealedEntry.read(manifestPath(chapter)).flatMap { try? JSONDecoder().decode(Manifest.self, from: Data($0)) }
    }

    private struct Manifest: Codable {
        var environment: String
        var shared: String
        var units: [String]
        /// The key of the results stored for them.
        var digest: String?
        /// How long compiling and running took, where they were evaluated: what splitting a book
        /// into shards balances.
        var seconds: Double?
        /// The book's packages as built, when it has any.
        var dependencies: String?
    }
}

/// A successful evaluation as the cache keeps it: results by index, and compiler warnings with
/// their places relative to the unit they are in, so they land right after lines move.
struct StoredEvaluation: Codable {
    struct Warning: Codable {
        var unit: Int
        var lineDelta: Int
        var columnDelta: Int
        var id: String
        var message: String
    }

    var cells: [Int: CellResult]
    var values: [Int: String]
    var warnings: [Warning]
    /// Each unit in program order, as the index of its cell or inline expression.
    var units: [UnitIndex]
    /// Seconds spent compiling and running, on the machine that evaluated it; no page shows it.
    var seconds: Double?

    /// A unit by its kind and its index among the chapter's cells or inline expressions.
    enum UnitIndex: Codable, Equatable {
        case cell(Int)
        case expression(Int)
    }

    init(evaluation: Evaluation, units: [ProgramUnit]) {
        var cells: [Int: CellResult] = [:]
        var values: [Int: String] = [:]
        Program.units(of: evaluation.chapter).forEach { unit in
            switch unit {
            case .cell(let index, let cell): cells[index] = cell.result
            case .expression(let index, let expression): values[index] = expression.value
            }
        }
        self.cells = cells
        self.values = values
        self.units = Self.indexes(of: units)
        seconds = evaluation.report.compileSeconds + evaluation.report.runSeconds
        warnings = evaluation.diagnostics.compactMap { diagnostic in
            guard diagnostic.location.file == evaluation.chapter.path,
                  let position = units.firstIndex(where: { $0.contains(line: diagnostic.location.line) }) else { return nil }
            let base = units[position].base
            return Warning(unit: position, lineDelta: diagnostic.location.line - base.line,
                           columnDelta: diagnostic.location.column - base.column, id: diagnostic.id, message: diagnostic.message)
        }
    }

    /// Whether these results are for `units`: one per unit, each of the kind and index stored.
    /// Results from elsewhere are checked before use.
    func fits(_ units: [ProgramUnit]) -> Bool {
        self.units == Self.indexes(of: units)
    }

    private static func indexes(of units: [ProgramUnit]) -> [UnitIndex] {
        units.map { unit in
            switch unit {
            case .cell(let index, _): .cell(index)
            case .expression(let index, _): .expression(index)
            }
        }
    }

    func apply(to chapter: Chapter) -> Chapter {
        ResultsApplier.apply(cells: cells, values: values, to: chapter)
    }

    func warnings(units: [ProgramUnit], file: String) -> [Diagnostic] {
        warnings.compactMap { warning in
            guard units.indices.contains(warning.unit) else { return nil }
            let base = units[warning.unit].base
            return .warning(warning.id, warning.message,
                            at: SourceLocation(file: file, line: base.line + warning.lineDelta, column: base.column + warning.columnDelta))
        }
    }
}

extension ProgramUnit {
    /// The line and column a unit's positions are measured from.
    var base: (line: Int, column: Int) {
        switch self {
        case .cell(_, let cell): return (cell.codeLine, cell.indent + 1)
        case .expression(_, let expression): return (expression.location.line, expression.location.column)
        }
    }
}
