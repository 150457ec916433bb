import Foundation
import Testing
@testable import FolioRuntime

@Suite struct FormattingTests {
    @Test func numbersGetSignificantDigitsWithoutTrailingZeros() {
        #expect(ValueFormatter.format(0.31453609296517854, digits: 4) == "0.3145")
        #expect(ValueFormatter.format(2.0, digits: 4) == "2")
        #expect(ValueFormatter.format(10000.0, digits: 4) == "10000")
        #expect(ValueFormatter.format(-1.0 / 3, digits: 3) == "-0.333")
        #expect(ValueFormatter.format(1e-9, digits: 3) == "1.00e-09")
        #expect(ValueFormatter.format(Double.nan, digits: 3) == "NaN")
        #expect(ValueFormatter.format(-Double.infinity, digits: 3) == "-∞")
        #expect(ValueFormatter.format(-0.0, digits: 3) == "0")
    }

    @Test func arraysShareTheDecimalsOfTheirLargestNumber() {
        let a: [Double] = [0.31453609296517854, 0.009498166999427514, 0.6333979088058139, 0.04256783122957999]
        #expect(ValueFormatter.format(a as Any, digits: 4) == "(0.3145, 0.0095, 0.6334, 0.0426)")
        #expect(ValueFormatter.format(a as Any, digits: 3) == "(0.315, 0.009, 0.633, 0.043)")
        #expect(ValueFormatter.format([1.0, 2.0, 3.5] as Any, digits: 4) == "(1.0, 2.0, 3.5)")
        // Shared decimals would show 0.1 and 0.5 as 0: a column of exact values is shown exactly.
        #expect(ValueFormatter.aligned([0.1, 0.5, 1, 2, 10_000], digits: 3) == ["0.1", "0.5", "1", "2", "10000"])
        #expect(ValueFormatter.aligned([0.1, 0.25], digits: 3) == ["0.10", "0.25"])
        // Measurements keep their shared decimals, tiny ones shown as zero like a notebook does.
        #expect(ValueFormatter.aligned([0.278, 0.0003, 1.0 / 3], digits: 3) == ["0.278", "0.000", "0.333"])
        #expect(ValueFormatter.aligned([0.31453, 0.0095], digits: 3) == ["0.315", "0.009"])
        #expect(ValueFormatter.format([1, 2, 3] as Any) == "(1, 2, 3)")
        #expect(ValueFormatter.format("text" as Any) == "text")
        #expect(ValueFormatter.format(true as Any) == "true")
    }
}

@Suite struct NumericsTests {
    @Test func linspaceIncludesBothEnds() {
        #expect(linspace(-4, 6, count: 6) == [-4, -2, 0, 2, 4, 6])
        #expect(linspace(1, 2, count: 1) == [1])
        #expect(linspace(1, 2, count: 0).isEmpty)
    }

    @Test func centralDifferencesAreAccurate() {
        #expect(abs(derivative({ sin($0) }, at: 0.3) - cos(0.3)) < 1e-9)
        let g = gradient({ $0[0] * $0[0] + 3 * $0[1] }, at: [2, 5])
        #expect(abs(g[0] - 4) < 1e-8 && abs(g[1] - 3) < 1e-8)
        let j = jacobian({ [$0[0] * $0[1], $0[0]] }, at: [2, 3])
        #expect(j.count == 2 && j[0].count == 2)
        #expect(abs(j[0][0] - 3) < 1e-8 && abs(j[0][1] - 2) < 1e-8 && abs(j[1][0] - 1) < 1e-8 && abs(j[1][1]) < 1e-8)
    }
}

/// Captures what the runtime sends while `body` runs.
private func messages(_ body: () -> Void) -> [String] {
    var lines: [String] = []
    let saved = Channel.sink
    Channel.sink = { lines.append($0) }
    body()
    Channel.sink = saved
    return lines
}

@Suite(.serialized) struct ChannelTests {
    @Test func expectationsReportTheirLine() {
        let lines = messages {
            expect(1 + 1 == 2)
            expect(3, 4, file: "chapters/x.md", line: 12)
            expectClose([1, 2], [1, 2.1], tolerance: 0.01, file: "chapters/x.md", line: 13)
        }
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"t":"expect","cell":-1,"ok":true}"#)
        #expect(lines[1] == #"{"t":"expect","cell":-1,"ok":false,"file":"chapters/x.md","line":12,"message":"expected 4, got 3"}"#)
        #expect(lines[2].contains(#""line":13,"message":"element 1: expected 2.1 ± 0.01, got 2.0"#))
    }

    @Test func tablesFormatNumbersPerColumnAndKeepValues() {
        let table = Table(columns: ["j", "a_j"], rows: [[1, 0.31453], ["二", 0.0095]], digits: 3, colorScale: .diverging)
        #expect(table.json.encoded == #"{"columns":["j","a_j"],"rows":[["1","0.315"],["二","0.009"]],"values":[[null,0.31453],[null,0.0095]],"scale":"diverging","caption":null}"#)
    }

    @Test func jsonEscapesControlCharactersAndQuotes() {
        #expect(JSON.string("a\"b\\c\n\u{1}").encoded == #""a\"b\\c\n\u0001""#)
    }

    @Test func inlineValuesAreFormatted() {
        ValueFormatter.digits = 4
        #expect(messages { _folioInline(2, [0.5, 0.25]) } == [#"{"t":"inline","id":2,"value":"(0.50, 0.25)"}"#])
    }
}
