import Testing
@testable import Perceptron

@Test func sigmoidIsOneHalfAtZeroAndSymmetric() {
    #expect(sigmoid(0) == 0.5)
    for z in stride(from: -8.0, through: 8.0, by: 0.5) {
        #expect(abs(sigmoid(z) + sigmoid(-z) - 1) < 1e-12)
    }
}

@Test func theExponentialAgreesWithKnownValues() {
    #expect(abs(1.0.exponential - 2.718281828459045) < 1e-12)
    #expect(abs((-2.5).exponential - 0.0820849986238988) < 1e-12)
}

@Test func aNeuronWeighsItsInputs() {
    let neuron = Neuron(weights: [2, -1], bias: 0.5)
    #expect(neuron.weightedInput([1, 3]) == -0.5)
    #expect(abs(neuron.activation([1, 3]) - sigmoid(-0.5)) < 1e-15)
}
