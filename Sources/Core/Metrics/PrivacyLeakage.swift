import Foundation

/// MUSE's PrivLeak: the relative gap between the unlearned model's membership-inference AUC and a
/// retrained model's, in percent. About 0 is ideal; strongly negative means under-unlearned (the
/// forget set still looks memorised), strongly positive means over-unlearned.
public enum PrivacyLeakage {
    /// muse_bench retrain AUC for MUSE-News (`constants.py`, `forget_holdout_Min-40%`), muse_bench orientation.
    public static let museNewsRetrainAUC = 0.4772
    /// muse_bench retrain AUC for MUSE-Books (`constants.py`, `forget_holdout_Min-40%`), muse_bench orientation.
    public static let museBooksRetrainAUC = 0.5393

    /// muse_bench formula `(AUC − AUC_retrain)/AUC_retrain × 100`, with AUCs in muse_bench's
    /// orientation (`roc_auc(forget=0/holdout=1, −MinK)`, i.e. 1 − the open-unlearning AUC).
    public static func museBench(auc: Double, retrainAUC: Double) throws -> Double {
        guard retrainAUC != 0 else { throw MetricsError.invalidValue("retrain AUC must be non-zero") }
        return (auc - retrainAUC) / retrainAUC * 100
    }

    /// open-unlearning formula on its own AUC orientation (forget = 0, holdout = 1, loss-like
    /// scores): `((1−AUC) − (1−AUC_ref)) / ((1−AUC_ref) + 1e-10) × 100`. The reference defaults
    /// to 0.5 when no retain-model log is available, as in open-unlearning's configs.
    public static func openUnlearning(auc: Double, referenceAUC: Double = 0.5) -> Double {
        let score = 1 - auc
        let reference = 1 - referenceAUC
        return (score - reference) / (reference + 1e-10) * 100
    }
}
