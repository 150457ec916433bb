import Foundation
import Testing
@testable import FolioEvaluate
import FolioModel
@testable import FolioRuntime

/// The one contract between a chapter's program and Folio that no other test holds: what the
/// runtime writes on the results channel for a `Figure` and a `Table` is read back by the
/// evaluator as the model's own values — every field, not only that something arrives.
@Suite(.serialized) struct RuntimeToModelTests {
    /// What `show` writes, each message read as the evaluator reads it.
    private func shown(_ body: () -> Void) throws -> [CellOutput] {
        var lines: [String] = []
        let previous = Channel.sink
        Channel.sink = { lines.append($0) }
        defer { Channel.sink = previous }
        body()
        return try lines.compactMap { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["t"] as? String == "show")
            return RunResults.display(object, line: Data(line.utf8))
        }
    }

    @Test func aFigureArrivesAsTheModelsFigure() throws {
        let outputs = try shown {
            show(FolioRuntime.Figure(title: "Softmax", x: "z", y: FolioRuntime.Axis("a", scale: .log, range: 0.01...1), legend: false) {
                Line("a₁", x: [0, 1, 2], y: [0.1, 0.5, .nan])
                Area("s", x: [0, 1], y: [1, 2])
                Scatter("p", x: [1], y: [2])
                Mark.point(x: 1, y: 0.5, label: "half")
                Mark.vertical(x: 2, label: "x = 2")
            })
        }
        let expected = FolioModel.Figure(
            title: "Softmax", x: FolioModel.Axis(title: "z"), y: FolioModel.Axis(title: "a", scale: .log, lowerBound: 0.01, upperBound: 1),
            series: [Series(kind: .line, name: "a₁", x: [0, 1, 2], y: [0.1, 0.5, .nan]),
                     Series(kind: .area, name: "s", x: [0, 1], y: [1, 2], stack: "areas"),
                     Series(kind: .scatter, name: "p", x: [1], y: [2])],
            annotations: [Annotation(kind: .point, x: 1, y: 0.5, label: "half"), Annotation(kind: .verticalLine, x: 2, y: 0, label: "x = 2")],
            showsLegend: false)
        guard outputs.count == 1, case .figure(let figure) = outputs[0] else {
            Issue.record("expected one figure, got \(outputs)"); return
        }
        // NaN is not equal to itself: compared apart, as the plotting stage sees it (skipped).
        #expect(figure.series[0].y[2].isNaN)
        var withoutNaN = figure
        withoutNaN.series[0].y[2] = 0
        var expectedWithoutNaN = expected
        expectedWithoutNaN.series[0].y[2] = 0
        #expect(withoutNaN == expectedWithoutNaN)
    }

    @Test func barsAndPanelsArriveWithTheirCategoriesAndSteps() throws {
        let outputs = try shown {
            show(FolioRuntime.Figure(categories: ["x", "y"]) { Bar("b", values: [1, 2], stack: "s"); Bar("c", values: [3, 4], stack: "s") })
            show(FolioRuntime.Figure(steps: true, panels: [Panel("1") { Line("l", x: [0], y: [1]) }, Panel("2") { Line("l", x: [0], y: [2]) }]))
        }
        guard outputs.count == 2, case .figure(let bars) = outputs[0], case .figure(let steps) = outputs[1] else {
            Issue.record("expected two figures, got \(outputs)"); return
        }
        #expect(bars.categories == ["x", "y"])
        #expect(bars.series.map(\.kind) == [.bar, .bar] && bars.series.map(\.stack) == ["s", "s"])
        #expect(bars.series.map(\.y) == [[1, 2], [3, 4]])
        #expect(steps.steps && steps.panels.map(\.title) == ["1", "2"])
        #expect(steps.panels.map { $0.series.map(\.y) } == [[[1]], [[2]]])
    }

    @Test func aTableArrivesAsTheModelsTable() throws {
        let outputs = try shown {
            show(Table(columns: ["n", "softmax", "note"], rows: [[1, 0.31453609296517854, "first"], [2, 0.009498166999427514, "second"]],
                       digits: 3, colorScale: .sequential, caption: "Two rows"))
        }
        guard outputs.count == 1, case .table(let table) = outputs[0] else {
            Issue.record("expected one table, got \(outputs)"); return
        }
        #expect(table.columns == ["n", "softmax", "note"])
        #expect(table.rows == [["1", "0.315", "first"], ["2", "0.009", "second"]])
        // Every digit the program computed (the CSV and colour scale get them); integers, row
        // labels such as n, and text take no colour.
        #expect(table.values == [[nil, 0.31453609296517854, nil], [nil, 0.009498166999427514, nil]])
        #expect(table.colorScale == "sequential" && table.caption == "Two rows")
    }
}
