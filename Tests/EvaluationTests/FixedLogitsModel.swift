import Engine
@testable import Models
import NN

/// A "model" whose next-token logits are the same row at every position, whatever the input: every
/// log-likelihood it assigns can be computed by hand.
final class FixedLogitsModel: CausalLanguageModel {
    let configuration: ModelConfiguration
    let row: [Float]

    init(row: [Float], maximumPositions: Int = 256) {
        var configuration = ModelConfiguration.preset(named: "micro")!
        configuration.vocabularySize = row.count
        configuration.maximumPositions = maximumPositions
        self.configuration = configuration
        self.row = row
    }

    func namedParameters() -> [(name: String, variable: Variable)] { [] }

    var tokenEmbeddingTable: Variable { Variable(Tensor(zeros: [row.count, 1])) }

    func embed(_ tokens: [Int], batch: Int, length: Int) -> Variable {
        Variable(Tensor(zeros: [batch, length, 1]))
    }

    func forward(_ input: ModelInput, cache: KeyValueCache?) -> ModelOutput {
        let logits = Tensor(zeros: [input.batch, input.length, row.count])
        for position in 0..<(input.batch * input.length) {
            for (index, value) in row.enumerated() { logits.data[position * row.count + index] = value }
        }
        return ModelOutput(logits: Variable(logits), hiddenStates: [:])
    }
}
