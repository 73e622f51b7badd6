import Foundation
import Metrics

/// The two MUSE corpora, whose retrained models' AUCs muse_bench publishes.
public enum MuseCorpus: String, Sendable, CaseIterable, Codable {
    case news, books

    /// muse_bench `constants.py` `AUC_RETRAIN[corpus]["forget_holdout_Min-40%"]` (muse_bench orientation).
    public var publishedRetrainMinKAUC: Double {
        switch self {
        case .news: return PrivacyLeakage.museNewsRetrainAUC
        case .books: return PrivacyLeakage.museBooksRetrainAUC
        }
    }

    /// The corpus a data path names (`…/MUSE-News/…`, `data/books`), when exactly one of them appears.
    public static func named(in path: URL) -> MuseCorpus? {
        let components = path.standardizedFileURL.pathComponents.map { $0.lowercased() }
        let found = allCases.filter { corpus in components.contains { $0.contains(corpus.rawValue) } }
        return found.count == 1 ? found[0] : nil
    }
}

/// Forget-versus-holdout membership-inference AUCs in muse_bench's orientation:
/// `roc_auc(labels = [0]·forget + [1]·holdout, scores = −score)`, so 0 means the forget texts look far
/// more like training data than the holdout texts, and a retrained model sits near 0.5.
public struct MusePrivacyAUCs: Codable, Sendable, Equatable {
    /// With Min-40% Prob, muse_bench's PrivLeak attack.
    public var minK: Double
    /// With Min-40%++ (open-unlearning's Min-K%++ at muse_bench's k).
    public var minKPlusPlus: Double

    public init(minK: Double, minKPlusPlus: Double) {
        self.minK = minK
        self.minKPlusPlus = minKPlusPlus
    }

    enum CodingKeys: String, CodingKey {
        case minK = "min_k", minKPlusPlus = "min_k_plus_plus"
    }
}

/// What PrivLeak is measured against: the retrained model's own AUCs (from `--oracle`), or muse_bench's
/// published retrain AUC for the corpus, which exists for Min-40% Prob only.
public enum MusePrivacyReference: Sendable, Equatable {
    case oracle(MusePrivacyAUCs)
    case published(MuseCorpus)
    /// Neither an oracle nor a known corpus: AUCs are reported, PrivLeak is not.
    case none

    /// The name reported as `privleak_reference`.
    public var name: String {
        switch self {
        case .oracle: return "oracle"
        case .published(let corpus): return "published_\(corpus.rawValue)"
        case .none: return "none"
        }
    }

    /// The reference AUC for Min-40% Prob.
    public var minKAUC: Double? {
        switch self {
        case .oracle(let aucs): return aucs.minK
        case .published(let corpus): return corpus.publishedRetrainMinKAUC
        case .none: return nil
        }
    }

    /// The reference AUC for Min-40%++: only a retrained model run here provides one.
    public var minKPlusPlusAUC: Double? {
        if case .oracle(let aucs) = self { return aucs.minKPlusPlus }
        return nil
    }
}
