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
        summary.terminalLines.forEach { print($0) }
        print("(AUCs in muse_bench's orientation: 0 = forget set memorised, a retrained model ≈ 0.5; PrivLeak in percent against \(reference.name);"
              + " \(summary.knowmemForgetInContextExamples) and \(summary.knowmemRetainInContextExamples) in-context examples for KnowMem forget and retain)")
    }
}
