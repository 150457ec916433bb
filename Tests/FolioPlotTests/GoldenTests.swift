import FolioModel
@testable import FolioPlot
import Foundation
import Testing

@Suite("Golden figures")
struct GoldenTests {
    static let cases = Fixtures.golden.map(\.name)

    @Test("Each chart type matches its golden SVG", arguments: cases)
    func matchesGolden(name: String) throws {
        let figure = try #require(Fixtures.golden.first { $0.name == name }?.figure)
        let rendered = FigureRenderer().render(figure, id: "fig-\(name)", alt: nil)
        #expect(rendered.problems.isEmpty)
        #expect(wellFormednessProblem(rendered.svg) == nil)
        #expect(rendered.svg.utf8.count <= 30_000)
        try Golden.check(rendered.svg + "\n", named: "\(name).svg")
    }

    @Test("The stylesheet matches its golden file")
    func stylesheet() throws {
        try Golden.check(FigureRenderer.css + "\n", named: "folio-chart.css")
    }

    @Test("Rendering is deterministic")
    func deterministic() {
        for (name, figure) in Fixtures.golden {
            let first = FigureRenderer().render(figure, id: name, alt: nil)
            let second = FigureRenderer().render(figure, id: name, alt: nil)
            #expect(first == second)
        }
    }
}
