import Foundation

/// Per-sample statistics of one legacy TOFU evaluation set (one `eval_*.json` section), aligned by
/// sample index.
public struct TofuLegacySplit: Sendable {
    /// Sample indices in ascending numeric order; every array below follows this order.
    public let sampleIndices: [String]
    /// `avg_gt_loss`: average token NLL of the ground-truth answer.
    public let answerLosses: [Double]
    /// `avg_paraphrased_loss`: average token NLL of the paraphrased answer (RA/WF: the answer itself).
    public let paraphrasedLosses: [Double]
    /// `average_perturb_loss`: average token NLL of each perturbed answer.
    public let perturbedLosses: [[Double]]
    /// `rougeL_recall` of the greedy generation against the ground truth.
    public let rougeLRecalls: [Double]

    public init(sampleIndices: [String], answerLosses: [Double], paraphrasedLosses: [Double], perturbedLosses: [[Double]], rougeLRecalls: [Double]) throws {
        let count = sampleIndices.count
        guard count > 0 else { throw MetricsError.emptyInput("TOFU split samples") }
        for (name, other) in [("avg_gt_loss", answerLosses.count), ("avg_paraphrased_loss", paraphrasedLosses.count), ("average_perturb_loss", perturbedLosses.count), ("rougeL_recall", rougeLRecalls.count)] where other != count {
            throw MetricsError.lengthMismatch("TOFU split \(name) vs sample indices", other, count)
        }
        self.sampleIndices = sampleIndices
        self.answerLosses = answerLosses
        self.paraphrasedLosses = paraphrasedLosses
        self.perturbedLosses = perturbedLosses
        self.rougeLRecalls = rougeLRecalls
    }

    /// Legacy truth ratios exp(mean L_perturbed − L_paraphrased) = P̄(para)/P̄(pert) per sample.
    public func truthRatios(orientation: TofuStatistics.TruthRatioOrientation = .correctOverWrong) throws -> [Double] {
        try TofuStatistics.truthRatios(correctAverageLosses: paraphrasedLosses, wrongAverageLosses: perturbedLosses, orientation: orientation)
    }
}

/// A legacy TOFU evaluation log: the four evaluation sets of `eval_log_aggregated.json`.
public struct TofuLegacyLog: Sendable {
    /// The section names used by legacy TOFU, which double as the per-set file names.
    public enum Section: String, CaseIterable, Sendable {
        case retain = "eval_log.json"
        case forget = "eval_log_forget.json"
        case realAuthors = "eval_real_author_wo_options.json"
        case worldFacts = "eval_real_world_wo_options.json"
    }

    /// The metric keys the aggregation reads from every section.
    static let requiredKeys = ["avg_gt_loss", "avg_paraphrased_loss", "average_perturb_loss", "rougeL_recall"]

    public let retain: TofuLegacySplit
    public let forget: TofuLegacySplit
    public let realAuthors: TofuLegacySplit
    public let worldFacts: TofuLegacySplit

    public init(retain: TofuLegacySplit, forget: TofuLegacySplit, realAuthors: TofuLegacySplit, worldFacts: TofuLegacySplit) {
        self.retain = retain
        self.forget = forget
        self.realAuthors = realAuthors
        self.worldFacts = worldFacts
    }

    /// Loads `eval_log_aggregated.json` (an object with the four section keys) or, when `url` is a
    /// directory, the four per-section files inside it. Metric values may be objects keyed by
    /// sample index (the legacy form) or plain arrays (the compact test fixtures).
    public static func load(contentsOf url: URL) throws -> TofuLegacyLog {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        guard exists else { throw MetricsError.unreadableFile(file: url.path, reason: "no such file or directory") }
        if isDirectory.boolValue {
            var splits: [Section: TofuLegacySplit] = [:]
            for section in Section.allCases {
                let fileURL = url.appendingPathComponent(section.rawValue)
                let object = try readJSONObject(fileURL)
                splits[section] = try parseSplit(object, file: fileURL.path, keyPrefix: [])
            }
            return TofuLegacyLog(retain: splits[.retain]!, forget: splits[.forget]!, realAuthors: splits[.realAuthors]!, worldFacts: splits[.worldFacts]!)
        }
        return try parse(readJSONObject(url), file: url.path)
    }

    /// Parses an already decoded aggregated log; `file` names the source in error messages.
    public static func parse(_ object: Any, file: String) throws -> TofuLegacyLog {
        guard let sections = object as? [String: Any] else {
            throw MetricsError.malformedValue(file: file, keyPath: [], reason: "top level is not a JSON object")
        }
        var splits: [Section: TofuLegacySplit] = [:]
        for section in Section.allCases {
            guard let sectionObject = sections[section.rawValue] else {
                throw MetricsError.missingKey(file: file, keyPath: [section.rawValue])
            }
            splits[section] = try parseSplit(sectionObject, file: file, keyPrefix: [section.rawValue])
        }
        return TofuLegacyLog(retain: splits[.retain]!, forget: splits[.forget]!, realAuthors: splits[.realAuthors]!, worldFacts: splits[.worldFacts]!)
    }

    private static func readJSONObject(_ url: URL) throws -> Any {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MetricsError.unreadableFile(file: url.path, reason: error.localizedDescription)
        }
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            throw MetricsError.unreadableFile(file: url.path, reason: "invalid JSON")
        }
    }

    private static func parseSplit(_ object: Any, file: String, keyPrefix: [String]) throws -> TofuLegacySplit {
        guard let metrics = object as? [String: Any] else {
            throw MetricsError.malformedValue(file: file, keyPath: keyPrefix, reason: "section is not a JSON object")
        }
        var columns: [String: [(index: String, value: Any)]] = [:]
        for key in requiredKeys {
            guard let column = metrics[key] else {
                throw MetricsError.missingKey(file: file, keyPath: keyPrefix + [key])
            }
            columns[key] = try samples(of: column, file: file, keyPath: keyPrefix + [key])
        }
        // Legacy TOFU zips the metrics in dictionary order; aligning by index is equivalent for
        // well-formed logs and turns a silent misalignment into an error for broken ones.
        let indices = columns["avg_gt_loss"]!.map(\.index)
        for key in requiredKeys where columns[key]!.map(\.index) != indices {
            throw MetricsError.malformedValue(file: file, keyPath: keyPrefix + [key], reason: "sample indices differ from those of 'avg_gt_loss'")
        }
        func scalars(_ key: String) throws -> [Double] {
            try columns[key]!.map { sample in
                guard let value = number(sample.value) else {
                    throw MetricsError.malformedValue(file: file, keyPath: keyPrefix + [key, sample.index], reason: "expected a number")
                }
                return value
            }
        }
        let perturbed: [[Double]] = try columns["average_perturb_loss"]!.map { sample in
            let path = keyPrefix + ["average_perturb_loss", sample.index]
            guard let list = sample.value as? [Any], !list.isEmpty else {
                throw MetricsError.malformedValue(file: file, keyPath: path, reason: "expected a non-empty list of numbers")
            }
            return try list.map { item in
                guard let value = number(item) else {
                    throw MetricsError.malformedValue(file: file, keyPath: path, reason: "expected a number in the list")
                }
                return value
            }
        }
        return try TofuLegacySplit(
            sampleIndices: indices,
            answerLosses: scalars("avg_gt_loss"),
            paraphrasedLosses: scalars("avg_paraphrased_loss"),
            perturbedLosses: perturbed,
            rougeLRecalls: scalars("rougeL_recall")
        )
    }

    /// Samples of one metric, sorted by numeric index.
    private static func samples(of column: Any, file: String, keyPath: [String]) throws -> [(index: String, value: Any)] {
        if let list = column as? [Any] {
            guard !list.isEmpty else { throw MetricsError.malformedValue(file: file, keyPath: keyPath, reason: "no samples") }
            return list.enumerated().map { (String($0.offset), $0.element) }
        }
        guard let byIndex = column as? [String: Any] else {
            throw MetricsError.malformedValue(file: file, keyPath: keyPath, reason: "expected an object keyed by sample index or a list")
        }
        guard !byIndex.isEmpty else { throw MetricsError.malformedValue(file: file, keyPath: keyPath, reason: "no samples") }
        return byIndex.sorted { left, right in
            switch (Int(left.key), Int(right.key)) {
            case let (l?, r?): return l < r
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return left.key < right.key
            }
        }.map { ($0.key, $0.value) }
    }

    private static func number(_ value: Any) -> Double? {
        if let double = value as? Double { return double }
        if let integer = value as? Int { return Double(integer) }
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }
}
