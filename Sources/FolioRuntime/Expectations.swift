import Foundation

/// Checks a claim the text makes; a failure is reported at the line that made it and fails
/// `folio check` and the build.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String = "",
                   file: StaticString = #filePath, line: UInt = #line) {
    let text = message()
    record(condition, condition ? "" : (text.isEmpty ? "expectation failed" : "expectation failed: \(text)"), file: file, line: line)
}

/// Checks that `actual` equals `expected`.
public func expect<Value: Equatable>(_ actual: Value, _ expected: Value,
                                     file: StaticString = #filePath, line: UInt = #line) {
    let passed = actual == expected
    record(passed, passed ? "" : "expected \(ValueFormatter.format(expected)), got \(ValueFormatter.format(actual))", file: file, line: line)
}

/// Checks that two numbers differ by at most `tolerance`.
public func expectClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9,
                        file: StaticString = #filePath, line: UInt = #line) {
    let difference = abs(actual - expected)
    let passed = difference <= tolerance
    record(passed, passed ? "" : "expected \(expected) ± \(tolerance), got \(actual) (off by \(difference))", file: file, line: line)
}

/// Checks that two lists of numbers have the same length and differ nowhere by more than
/// `tolerance`.
public func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9,
                        file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        record(false, "expected \(expected.count) numbers, got \(actual.count)", file: file, line: line)
        return
    }
    let worst = zip(actual, expected).enumerated().map { ($0.offset, abs($0.element.0 - $0.element.1)) }
        .max { $0.1 < $1.1 || ($1.1.isNaN && !$0.1.isNaN) }
    if let (index, difference) = worst, !(difference <= tolerance) {
        record(false, "element \(index): expected \(expected[index]) ± \(tolerance), got \(actual[index]) (off by \(difference))",
               file: file, line: line)
    } else {
        record(true, "", file: file, line: line)
    }
}

/// Checks that two tables of numbers agree everywhere within `tolerance`.
public func expectClose(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-9,
                        file: StaticString = #filePath, line: UInt = #line) {
    expectClose(actual.flatMap { $0 }, expected.flatMap { $0 }, tolerance: tolerance, file: file, line: line)
}

private func record(_ passed: Bool, _ message: String, file: StaticString, line: UInt) {
    if passed {
        Channel.send(["t": .string("expect"), "cell": .integer(Session.currentCell), "ok": .bool(true)])
    } else {
        Channel.send(["t": .string("expect"), "cell": .integer(Session.currentCell), "ok": .bool(false),
                      "file": .string("\(file)"), "line": .integer(Int(line)), "message": .string(message)])
    }
}
