import FolioModel
import Foundation

/// The figures the golden files show, one per chart type, with data like a chapter's.
enum Fixtures {
    static func linspace(_ start: Double, _ end: Double, _ count: Int) -> [Double] {
        (0..<count).map { start + (end - start) * Double($0) / Double(count - 1) }
    }

    /// Softmax of (z₁, z₂, z₃, z₄) = (1, 2, 3, z₄) as z₄ varies, at temperature `c`.
    static func softmax(z4: [Double], c: Double = 1) -> [[Double]] {
        z4.map { z in
            let zs = [1, 2, 3, z].map { exp(c * $0) }
            let total = zs.reduce(0, +)
            return zs.map { $0 / total }
        }
    }

    /// A deterministic pseudo-random sequence in [0, 1).
    static func noise(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static let line: Figure = {
        let x = linspace(0, 2 * .pi, 100)
        return Figure(title: "Three waves", x: Axis(title: "t (s)"), y: Axis(title: "amplitude"), series: [
            Series(kind: .line, name: "sin t", x: x, y: x.map(sin)),
            Series(kind: .line, name: "cos t", x: x, y: x.map(cos)),
            Series(kind: .line, name: "sin 2t / 2", x: x, y: x.map { sin(2 * $0) / 2 }),
        ])
    }()

    static let stackedArea: Figure = {
        let z = linspace(-4, 6, 101)
        let a = softmax(z4: z)
        return Figure(title: "Softmax outputs as z_4 grows", x: Axis(title: "z_4"), y: Axis(title: "a^L_j", lowerBound: 0, upperBound: 1),
                      series: (0..<4).map { j in Series(kind: .area, name: "a_\(j + 1)", x: z, y: a.map { $0[j] }, stack: "softmax") },
                      annotations: [Annotation(kind: .point, x: 3, y: softmax(z4: [3])[0][0] + softmax(z4: [3])[0][1] + softmax(z4: [3])[0][2],
                                               label: "z_4 = z_3")])
    }()

    static let barWithValues = Figure(
        title: "Cross-entropy per class", x: Axis(title: "class"), y: Axis(title: "loss"),
        series: [Series(kind: .bar, name: "loss", x: [], y: [0.12, 1.47, 0.56, 2.3, 0.05], showsValues: true)],
        categories: ["cat", "dog", "bird", "fish", "frog"])

    static let groupedBar = Figure(
        title: "Accuracy by model and dataset", x: Axis(title: "dataset"), y: Axis(title: "accuracy (%)"),
        series: [
            Series(kind: .bar, name: "softmax", x: [], y: [91.2, 84.5, 77.9, 95.1]),
            Series(kind: .bar, name: "sigmoid", x: [], y: [88.4, 80.2, 70.3, 93.8]),
            Series(kind: .bar, name: "linear", x: [], y: [79.9, 72.0, 61.5, 90.2]),
        ],
        categories: ["MNIST", "CIFAR-10", "SVHN", "手写数字"])

    static let scatter: Figure = {
        let u = noise(120, seed: 7)
        let v = noise(120, seed: 11)
        let x1 = (0..<60).map { u[$0] * 4 }
        let y1 = (0..<60).map { x1[$0] * 0.8 + v[$0] - 0.5 }
        let x2 = (60..<120).map { u[$0] * 4 }
        let y2 = (0..<60).map { 3 - x2[$0] * 0.5 + v[60 + $0] }
        return Figure(title: "Two clusters", x: Axis(title: "x_1"), y: Axis(title: "x_2"), series: [
            Series(kind: .scatter, name: "class A", x: x1, y: y1),
            Series(kind: .scatter, name: "class B", x: x2, y: y2),
        ])
    }()

    static let logLine: Figure = {
        let n = linspace(1, 20, 20)
        return Figure(title: "Growth", x: Axis(title: "n"), y: Axis(title: "operations", scale: .log), series: [
            Series(kind: .line, name: "n^2", x: n, y: n.map { $0 * $0 }),
            Series(kind: .line, name: "2^n", x: n, y: n.map { pow(2, $0) }),
            Series(kind: .line, name: "n log_2 n", x: Array(n.dropFirst()), y: n.dropFirst().map { $0 * log2($0) }),
        ])
    }()

    static let smallMultiples: Figure = {
        let z = linspace(-4, 6, 61)
        let temperatures = [0.25, 0.5, 1, 2, 4]
        return Figure(title: "Softmax at five temperatures", x: Axis(title: "z_4"), y: Axis(title: "a_j", lowerBound: 0, upperBound: 1),
                      panels: temperatures.map { c in
                          let a = softmax(z4: z, c: c)
                          return Panel(title: "c = \(NumberFormattingForTests.short(c))",
                                       series: (0..<4).map { j in Series(kind: .line, name: "a_\(j + 1)", x: z, y: a.map { $0[j] }) })
                      })
    }()

    static let legend: Figure = {
        let x = linspace(0, 10, 50)
        let names = ["learning rate 0.001", "learning rate 0.01", "learning rate 0.1", "momentum 0.9", "Adam (β₁ = 0.9)", "学习率衰减"]
        return Figure(title: "Training loss", x: Axis(title: "epoch"), y: Axis(title: "loss"),
                      series: names.enumerated().map { index, name in
                          let rate = 0.15 + 0.12 * Double(index)
                          return Series(kind: .line, name: name, x: x, y: x.map { 2.5 * exp(-rate * $0) + 0.1 * Double(index) })
                      })
    }()

    static let annotations: Figure = {
        let x = linspace(-3, 3, 121)
        return Figure(title: "σ(z) & its \"slope\"", x: Axis(title: "z"), y: Axis(title: "σ(z)"), series: [
            Series(kind: .line, name: "σ(z) = 1/(1 + e^{−z})", x: x, y: x.map { 1 / (1 + exp(-$0)) }),
            Series(kind: .line, name: "σ′(z)", x: x, y: x.map { let s = 1 / (1 + exp(-$0)); return s * (1 - s) }),
        ], annotations: [
            Annotation(kind: .verticalLine, x: 0, label: "z = 0"),
            Annotation(kind: .horizontalLine, y: 0.5, label: "σ = ½"),
            Annotation(kind: .point, x: 0, y: 0.25, label: "max slope <0.25>"),
            Annotation(kind: .text, x: -2, y: 0.8, label: "saturates & learns slowly"),
        ])
    }()

    static let stackedBar = Figure(
        title: "Where the probability goes", x: Axis(title: "input"), y: Axis(title: "probability"),
        series: (0..<3).map { j in
            Series(kind: .bar, name: "a_\(j + 1)", x: [], y: [[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.05, 0.15, 0.8]].map { $0[j] }, stack: "p", showsValues: true)
        },
        categories: ["x⁽¹⁾", "x⁽²⁾", "x⁽³⁾"])

    /// Every golden case, by file name.
    static let golden: [(name: String, figure: Figure)] = [
        ("line", line),
        ("stacked-area", stackedArea),
        ("bar-values", barWithValues),
        ("grouped-bar", groupedBar),
        ("stacked-bar", stackedBar),
        ("scatter", scatter),
        ("log-line", logLine),
        ("small-multiples", smallMultiples),
        ("legend", legend),
        ("annotations", annotations),
    ]
}

enum NumberFormattingForTests {
    static func short(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
