import Foundation
import Testing
@testable import FolioRuntime

/// What the runtime makes of the values an author gives it: string literals for axes, any value
/// in a table, statements among a figure's content.
@Suite struct AuthoringTests {
    @Test func aStringLiteralIsAnAxisWithThatTitle() {
        let axis: Axis = "epoch"
        #expect(axis.title == "epoch" && axis.scale == .linear && axis.range == nil)
        let figure = Figure(x: "z_4", y: Axis("a", range: 0...1)) { Line("a", x: [0, 1], y: [0, 1]) }
        #expect(figure.x.title == "z_4" && figure.y.range == 0...1)
    }

    @Test func tableRowsTakeAnyValue() {
        struct Percent: TableValueConvertible {
            var tableValue: TableValue { .text("50 %") }
        }
        let rows: [[Any]] = [["a", 0.5, 3, UInt8(7), true, Percent(), Float(0.25)]]
        let table = Table(columns: ["t", "d", "i", "u", "b", "p", "f"], rows: rows)
        #expect(table.rows == [[.text("a"), .number(0.5), .integer(3), .integer(7), .text("true"), .text("50 %"), .number(0.25)]])
        #expect(TableValue(any: UInt64.max) == .text("18446744073709551615"))
        #expect(TableValue(any: [1.0, 2.5]) == .text("(1.0, 2.5)"))
    }

    @Test func rowsOfMixedValuesAreFormattedAsBefore() {
        // The rows a chapter writes as a literal read the same through `[[Any]]`.
        let table = Table(columns: ["方程", "误差"], rows: [["(81)", 1.5e-7], ["(82)", 2]], digits: 3)
        #expect(table.json.encoded == #"{"columns":["方程","误差"],"rows":[["(81)","1.50e-07"],["(82)","2"]],"values":[[null,1.5e-07],[null,null]],"scale":null,"caption":null}"#)
        let labelled = Table(columns: ["c", "a"], rowLabels: [0.1, 10_000.0], values: [[0.5], [1]])
        #expect(labelled.rows == [[.number(0.1), .number(0.5)], [.number(10_000), .number(1)]])
    }

    @Test func statementsAmongAFiguresContentAddNothing() {
        var printed = 0
        let figure = Figure {
            printed += 1
            Line("a", x: [0, 1], y: [1, 2])
            Mark.vertical(x: 0.5)
        }
        #expect(printed == 1)
        #expect(figure.elements.count == 2)
    }
}

/// Mistakes only the data can show stop the program with a message that names the series or row.
/// Each runs in a child process (an exit test), which must trap with that message.
@Suite struct AuthorTrapTests {
    @Test func aSeriesWithMoreXThanYValuesTraps() async {
        expectMessage("Line \"loss\" has 3 x values but 2 y values", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Line("loss", x: [1, 2, 3], y: [1, 2])
        })
        expectMessage("Area \"a\" has 1 x values but 2 y values", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Area("a", x: [1], y: [1, 2])
        })
        expectMessage("Scatter \"s\" has 0 x values but 1 y values", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Scatter("s", x: [], y: [1])
        })
    }

    @Test func barsNeedAValuePerCategory() async {
        expectMessage("Bar \"b\" has 2 values but the figure has 3 categories", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Figure(categories: ["x", "y", "z"]) { Bar("b", values: [1, 2]) }
        })
        expectMessage("Bar \"b\" has 2 values but Bar \"a\" has 3", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Figure(panels: [Panel("1") { Bar("a", values: [1, 2, 3]) }, Panel("2") { Bar("b", values: [1, 2]) }])
        })
    }

    @Test func tableRowsNeedAValuePerColumn() async {
        expectMessage("Table row 2 has 1 values but the table has 2 columns", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Table(columns: ["a", "b"], rows: [[1, 2], [3]])
        })
        expectMessage("Table has 1 row labels but 2 rows of values", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Table(columns: ["", "a"], rowLabels: ["r"], values: [[1], [2]])
        })
        expectMessage("Table row 1 has a label and 2 values but the table has 2 columns", await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Table(columns: ["", "a"], rowLabels: ["r"], values: [[1, 2]])
        })
    }

    @Test func wellFormedSeriesAndTablesDoNotTrap() {
        _ = Figure(categories: ["x", "y"]) { Bar("a", values: [1, 2]); Bar("b", values: [3, 4], stack: "s") }
        _ = Table(columns: [], rows: [[1], [1, 2]])
        _ = Line("empty", x: [], y: [])
    }
}

/// Checks that an exit test's standard error holds the runtime's `Fatal error: message`.
private func expectMessage(_ message: String, _ result: ExitTest.Result?, sourceLocation: SourceLocation = #_sourceLocation) {
    let standardError = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(standardError.contains("Fatal error: \(message)"), "standard error: \(standardError)", sourceLocation: sourceLocation)
}
