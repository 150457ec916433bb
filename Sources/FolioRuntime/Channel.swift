import Foundation

/// The structured channel to Folio: one JSON object per line on the file descriptor named by
/// `FOLIO_CHANNEL_FD`. Results travel here, never through standard output, which belongs to
/// the cells.
enum Channel {
    /// Where messages go; tests replace it to read them.
    nonisolated(unsafe) static var sink: (String) -> Void = {
        guard let value = ProcessInfo.processInfo.environment["FOLIO_CHANNEL_FD"], let fd = Int32(value) else {
            return { _ in }
        }
        return { line in
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if result <= 0 { return }
                written += result
            }
        }
    }()

    static func send(_ fields: KeyValuePairs<String, JSON>) {
        sink(JSON.object(fields.map { ($0.key, $0.value) }).encoded)
    }
}

/// Just enough JSON to write the channel's messages, with keys in the order given so that the
/// same program always writes the same bytes.
enum JSON {
    case string(String)
    case number(Double)
    /// A number that may be NaN or infinite: written as the strings "nan", "inf", "-inf", which
    /// Folio reads back as those values.
    case float(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    var encoded: String {
        var output = ""
        encode(into: &output)
        return output
    }

    private func encode(into output: inout String) {
        switch self {
        case .string(let string):
            JSON.escape(string, into: &output)
        case .number(let number):
            // Non-finite numbers have no JSON form; readers treat null as "not a number".
            output += number.isFinite ? "\(number)" : "null"
        case .float(let number):
            output += number.isFinite ? "\(number)" : number.isNaN ? "\"nan\"" : number > 0 ? "\"inf\"" : "\"-inf\""
        case .integer(let integer):
            output += String(integer)
        case .bool(let bool):
            output += bool ? "true" : "false"
        case .null:
            output += "null"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.encode(into: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { output += "," }
                JSON.escape(key, into: &output)
                output += ":"
                value.encode(into: &output)
            }
            output += "}"
        }
    }

    private static func escape(_ string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
