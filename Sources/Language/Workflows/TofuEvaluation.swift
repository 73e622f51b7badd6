import Evaluation
import Foundation
import Models
import Tokenizers

/// A model loaded once and evaluated with the TOFU suite: what the demo and studies measure per model.
struct TofuEvaluation {
    let loaded: LoadedModel
    let tokenizer: PreTrainedTokenizer
    let summary: TofuSuite.Summary
    let sets: [TofuSuite.SetResult]

    /// Loads the model at `path` and runs the suite on `split` of `data`, against the oracle's forget
    /// truth ratios when given.
    init(path: String, data: URL, split: String, oracleRatios: [Double]?) throws {
        loaded = try ModelLoader.load(path: path)
        tokenizer = try TokenizerLoading.tokenizer(for: loaded)
        (summary, sets) = try TofuSuite(model: loaded.model, tokenizer: tokenizer, data: data, split: split).run(oracleForgetTruthRatios: oracleRatios)
    }

    /// The forget set's raw truth ratios (the sample forget quality compares with the oracle's).
    var forgetTruthRatios: [Double] { sets.first { $0.name == "forget" }?.truthRatio ?? [] }
}
