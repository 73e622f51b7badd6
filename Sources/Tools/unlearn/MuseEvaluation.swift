import Checkpoints
import Evaluation
import Foundation
import Models

/// `unlearn eval --suite muse`: loading, the oracle's PrivLeak reference, printing.
extension EvalCommand {
    func runMuse() throws {
        let folder = URL(fileURLWithPath: data)
        let dataset = try MuseDataset.read(folder: folder)
        func suite(_ path: String) throws -> MuseSuite {
            let loaded = try ModelLoader.load(path: path)
            return MuseSuite(model: loaded.model, tokenizer: try TokenizerLoading.tokenizer(for: loaded), data: dataset)
        }
        let reference: MusePrivacyReference
        if let oracle {
            reference = .oracle(try suite(oracle).forgetHoldoutAUCs())
        } else if let corpus = corpus.flatMap(MuseCorpus.init(rawValue:)) ?? MuseCorpus.named(in: folder) {
            reference = .published(corpus)
        } else {
            reference = .none
        }
        let (summary, samples) = try suite(model).run(reference: reference)
        if let out { try SuiteResultFiles.write(summary: summary, samples: samples, to: URL(fileURLWithPath: out)) }
        if json {
            print(String(decoding: try JSONFile.encode(summary, pretty: false), as: UTF8.self))
            return
        }
        func number(_ value: Double?, _ format: String = "%.4f") -> String { value.map { String(format: format, $0) } ?? "n/a" }
        print(String(format: "VerbMem forget  ROUGE-L F1 %.4f", summary.verbmemForgetRougeLF1))
        print(String(format: "KnowMem forget  ROUGE-L F1 %.4f  recall %.4f  (%d in-context examples)", summary.knowmemForgetRougeLF1,
                     summary.knowmemForgetRougeLRecall, summary.knowmemForgetInContextExamples))
        print(String(format: "KnowMem retain  ROUGE-L F1 %.4f  recall %.4f  (%d in-context examples)", summary.knowmemRetainRougeLF1,
                     summary.knowmemRetainRougeLRecall, summary.knowmemRetainInContextExamples))
        print("MIA AUC forget vs holdout  Min-40% \(number(summary.forgetHoldoutAUCMinK))  Min-40%++ \(number(summary.forgetHoldoutAUCMinKPlusPlus))"
              + "  (muse_bench orientation: 0 = forget set memorised, a retrained model ≈ 0.5)")
        switch reference {
        case .none:
            print("PrivLeak        n/a (give --oracle, or --corpus news|books for muse_bench's published retrain AUC)")
        default:
            print("PrivLeak        Min-40% \(number(summary.privleakMinK, "%.2f%%"))  Min-40%++ \(number(summary.privleakMinKPlusPlus, "%.2f%%"))"
                  + "  against \(reference.name) (retrain AUC Min-40% \(number(summary.referenceAUCMinK)), Min-40%++ \(number(summary.referenceAUCMinKPlusPlus)))")
        }
    }
}
