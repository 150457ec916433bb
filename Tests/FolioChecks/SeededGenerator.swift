/// A pseudo-random generator with a fixed seed (SplitMix64), so that every run of the suite, on
/// every machine, draws the same inputs and a failure reproduces by running the test again.
/// Shared by the test suites.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// One of `choices`, each as likely.
    public mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices.randomElement(using: &self)!
    }

    /// Whether an event of the given probability happened.
    public mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    public mutating func count(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }
}
