import Foundation
import Testing

/// A small XML checker for our SVG: tags balance, attributes are quoted, entities are the five
/// XML knows, and no `<` or `&` appears raw in text. Returns the first problem, or nil.
func wellFormednessProblem(_ xml: String) -> String? {
    var stack: [String] = []
    let scalars = Array(xml.unicodeScalars)
    var index = 0
    func entityOK(at start: Int) -> Bool {
        var end = start + 1
        while end < scalars.count, end - start < 10, scalars[end] != ";" { end += 1 }
        guard end < scalars.count, scalars[end] == ";" else { return false }
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        return ["amp", "lt", "gt", "quot", "apos"].contains(name) || name.hasPrefix("#")
    }
    while index < scalars.count {
        let scalar = scalars[index]
        if scalar == "&" {
            if !entityOK(at: index) { return "bad entity at \(index)" }
            index += 1
            continue
        }
        guard scalar == "<" else {
            if scalar == ">" { return "raw > in text at \(index)" }
            index += 1
            continue
        }
        var end = index + 1
        var quote: Unicode.Scalar?
        while end < scalars.count {
            let c = scalars[end]
            if let open = quote {
                if c == open { quote = nil } else if c == "<" { return "raw < in attribute at \(end)" }
                else if c == "&", !entityOK(at: end) { return "bad entity in attribute at \(end)" }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                break
            } else if c == "<" {
                return "unexpected < inside tag at \(end)"
            }
            end += 1
        }
        guard end < scalars.count else { return "unterminated tag at \(index)" }
        let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
        if inner.hasPrefix("/") {
            let name = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
            guard stack.popLast() == name else { return "mismatched </\(name)> at \(index)" }
        } else {
            let selfClosing = inner.hasSuffix("/")
            let body = selfClosing ? String(inner.dropLast()) : inner
            let name = String(body.prefix { !$0.isWhitespace })
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == ":" }) else { return "bad tag name at \(index)" }
            if let problem = attributeProblem(String(body.dropFirst(name.count))) { return "\(problem) in <\(name)> at \(index)" }
            if !selfClosing { stack.append(name) }
        }
        index = end + 1
    }
    return stack.isEmpty ? nil : "unclosed <\(stack.last!)>"
}

/// Attributes are `name="value"` pairs, each name once.
private func attributeProblem(_ text: String) -> String? {
    var names: Set<String> = []
    var rest = Substring(text)
    while true {
        rest = rest.drop { $0.isWhitespace }
        if rest.isEmpty { return nil }
        let name = rest.prefix { $0 != "=" && !$0.isWhitespace }
        rest = rest.dropFirst(name.count)
        guard rest.first == "=" else { return "attribute \(name) without value" }
        rest = rest.dropFirst()
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return "unquoted attribute \(name)" }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return "unterminated attribute \(name)" }
        rest = rest[rest.index(after: close)...]
        guard names.insert(String(name)).inserted else { return "duplicate attribute \(name)" }
    }
}

/// Golden files live next to this source, in `Golden/`; `RECORD_GOLDEN=1` rewrites them.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if isRecording || expected == nil {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            if expected == nil, !isRecording {
                Issue.record("Recorded missing golden file \(name); review it and run again.", sourceLocation: sourceLocation)
            }
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = (expected ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "<end of file>" }
            Issue.record("""
                \(name) differs from its golden file at line \(first + 1) (RECORD_GOLDEN=1 re-records):
                expected: \(shown(expectedLines))
                actual:   \(shown(actualLines))
                """, sourceLocation: sourceLocation)
        }
    }
}
