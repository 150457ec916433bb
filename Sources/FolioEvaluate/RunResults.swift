import Foundation
import FolioModel

/// What one run of a chapter's program reported over its channel, put together with the
/// standard output and standard error it wrote, cell by cell.
struct RunResults {
    /// Standard output kept per cell, and standard error; a cell that prints more is cut here,
    /// with a note.
    static let outputLimit = 1 << 20

    var cells: [Int: CellResult] = [:]
    var values: [Int: String] = [:]
    /// The cell that began and never ended, if the program died or was killed in one.
    var unfinishedCell: Int?
    /// Whether the program reached its end.
    var finished = false
    /// `error: true` cells whose process crashed: its id (which names its crash report), how it
    /// ended, and the end of its standard error, for `Trap` to read.
    var crashedCells: [Int: (pid: Int, status: Int32, standardError: String)] = [:]

    /// Reads the channel's lines and slices `output` (the program's standard output file) and
    /// `errors` (its standard error file) into each cell's share.
    init(channel: [UInt8], output: FileHandle?, outputSize: Int, errors: FileHandle? = nil, errorsSize: Int = 0) {
        // Per open cell, where its standard error starts.
        var errorStarts: [Int: Int] = [:]
        func errorOutput(_ cell: Int, to end: Int, died: Bool) -> CellOutput? {
            guard let errors, let start = errorStarts.removeValue(forKey: cell) else { return nil }
            let length = max(0, min(end, errorsSize) - start)
            guard length > 0 else { return nil }
            try? errors.seek(toOffset: UInt64(start))
            let data = (try? errors.read(upToCount: min(length, Self.outputLimit))) ?? Data()
            var text = String(decoding: data, as: UTF8.self)
            // The runtime's message and the backtracer's banner are the trap's report, shown as its error.
            if died { text = Trap.withoutTrapReport(text) }
            return text.isEmpty ? nil : .standardError(text, truncated: length > Self.outputLimit)
        }
        // Per open cell: its pieces so far, where its next output starts, and how many bytes it kept.
        var open: [Int: (pieces: [CellOutput], cursor: Int, kept: Int)] = [:]
        func slice(_ cell: Int, to end: Int) {
            guard var state = open[cell] else { return }
            let from = state.cursor
            let length = max(0, min(end, outputSize) - from)
            if length > 0 {
                let kept = min(length, max(0, Self.outputLimit - state.kept))
                var text = ""
                if kept > 0, let output {
                    try? output.seek(toOffset: UInt64(from))
                    let data = (try? output.read(upToCount: kept)) ?? Data()
                    text = String(decoding: data, as: UTF8.self)
                }
                state.kept += kept
                let truncated = kept < length
                if case .standardOutput(let previous, let wasTruncated)? = state.pieces.last {
                    state.pieces[state.pieces.count - 1] = .standardOutput(previous + text, truncated: wasTruncated || truncated)
                } else if !text.isEmpty || truncated {
                    state.pieces.append(.standardOutput(text, truncated: truncated))
                }
            }
            state.cursor = max(from, min(end, outputSize))
            open[cell] = state
        }

        for line in channel.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let type = object["t"] as? String else { continue }
            let cell = object["cell"] as? Int ?? -1
            let offset = object["out"] as? Int ?? 0
            switch type {
            case "begin":
                open[cell] = ([], offset, 0)
                errorStarts[cell] = object["err"] as? Int ?? errorsSize
                cells[cell] = cells[cell] ?? CellResult()
                unfinishedCell = cell
            case "show":
                slice(cell, to: offset)
                if let display = Self.display(object, line: Data(line)) { open[cell]?.pieces.append(display) }
            case "end":
                slice(cell, to: offset)
                if let state = open.removeValue(forKey: cell) { cells[cell, default: CellResult()].outputs += state.pieces }
                if let error = errorOutput(cell, to: object["err"] as? Int ?? errorsSize, died: false) {
                    cells[cell, default: CellResult()].outputs.append(error)
                }
                if unfinishedCell == cell { unfinishedCell = nil }
            case "expect":
                if object["ok"] as? Bool == true {
                    cells[cell, default: CellResult()].passedExpectations += 1
                } else {
                    let location = SourceLocation(file: object["file"] as? String ?? "", line: object["line"] as? Int ?? 1, column: 1)
                    cells[cell, default: CellResult()].failedExpectations.append(
                        ExpectationFailure(message: object["message"] as? String ?? "expectation failed", location: location))
                }
            case "error":
                cells[cell, default: CellResult()].error = object["message"] as? String
            case "trap":
                crashedCells[cell] = (object["pid"] as? Int ?? 0, Int32(object["status"] as? Int ?? 0), object["stderr"] as? String ?? "")
            case "inline":
                if let id = object["id"] as? Int { values[id] = object["value"] as? String ?? "" }
            case "done":
                finished = true
            default:
                break
            }
        }
        // A cell the program died in keeps what it printed before.
        for (cell, _) in open {
            slice(cell, to: outputSize)
            if let state = open[cell] { cells[cell, default: CellResult()].outputs += state.pieces }
            if let error = errorOutput(cell, to: errorsSize, died: true) { cells[cell, default: CellResult()].outputs.append(error) }
        }
    }

    /// One `show` message as the cell's output: text, a table, or a figure in the model's shape.
    /// Tables and figures are decoded from the message's own bytes (`line`), so numbers keep
    /// every digit the program wrote (a detour through `JSONSerialization` lost the last one)
    /// and integers count as numbers.
    static func display(_ object: [String: Any], line: Data) -> CellOutput? {
        let decoder = JSONDecoder()
        // NaN and infinities come as strings, which the plotting stage skips and reports.
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        switch object["kind"] as? String {
        case "text":
            return .value(object["text"] as? String ?? "")
        case "table":
            guard let table = (try? decoder.decode(ShownTable.self, from: line))?.table else { return nil }
            return .table(DataTable(columns: table.columns ?? [], rows: table.rows ?? [], values: table.values ?? [],
                                    colorScale: table.scale, caption: table.caption))
        case "figure":
            // The runtime writes the figure in the model's own shape.
            return (try? decoder.decode(ShownFigure.self, from: line)).map { .figure($0.figure) }
        default:
            return nil
        }
    }

    /// A `show` message holding a table, as the runtime writes it.
    private struct ShownTable: Decodable {
        struct Table: Decodable {
            var columns: [String]?
            var rows: [[String]]?
            var values: [[Double?]]?
            var scale: String?
            var caption: String?
        }

        var table: Table
    }

    /// A `show` message holding a figure.
    private struct ShownFigure: Decodable {
        var figure: Figure
    }
}
