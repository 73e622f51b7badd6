/// Cross-file checks that follow from how TOFU builds its splits.
///
/// Errors are raised only for relations TOFU documents (forget = last rows of full, retain = the rest,
/// `_perturbed` has the plain split's size, holdout never trained on); relations that are merely expected
/// (same question order, retain sample outside forget10) are warnings so TOFU's own files are not refused.
enum SplitConsistency {
    static func check(_ files: [String: [QAExample]], into report: inout TOFUValidationReport) {
        let full = files[BenchmarkFileName.full]
        for split in ForgetSplit.allCases {
            let forgetName = BenchmarkFileName.forget(split)
            let retainName = BenchmarkFileName.retain(split)
            let forget = files[forgetName]
            let retain = files[retainName]
            if let full, let forget, let retain {
                if forget.count + retain.count != full.count {
                    report.directoryErrors.append(
                        "\(forgetName) (\(forget.count)) + \(retainName) (\(retain.count)) ≠ \(BenchmarkFileName.full) (\(full.count))")
                } else {
                    if !sameRows(forget, full.suffix(forget.count)) {
                        report.directoryErrors.append("\(forgetName) is not the last \(forget.count) rows of \(BenchmarkFileName.full)")
                    }
                    if !sameRows(retain, full.prefix(retain.count)) {
                        report.directoryErrors.append("\(retainName) is not the first \(retain.count) rows of \(BenchmarkFileName.full)")
                    }
                }
            }
            if let forget, let retain {
                let shared = authors(forget).intersection(authors(retain))
                if !shared.isEmpty {
                    report.directoryErrors.append("\(forgetName) and \(retainName) share authors: \(shared.sorted().joined(separator: ", "))")
                }
            }
            let perturbedName = BenchmarkFileName.forgetPerturbed(split)
            if let forget, let perturbed = files[perturbedName] {
                if forget.count != perturbed.count {
                    report.directoryErrors.append("\(perturbedName) has \(perturbed.count) rows but \(forgetName) has \(forget.count)")
                } else if forget.map(\.question).sorted() != perturbed.map(\.question).sorted() {
                    report.directoryWarnings.append("\(perturbedName) asks different questions than \(forgetName)")
                }
            }
        }
        checkRetainSample(files, into: &report)
        checkHoldout(files, into: &report)
    }

    private static func checkRetainSample(_ files: [String: [QAExample]], into report: inout TOFUValidationReport) {
        guard let sample = files[BenchmarkFileName.retainPerturbed] else { return }
        let questions = Set(sample.map(\.question))
        if let forget = files[BenchmarkFileName.forget(.forget10)], !questions.isDisjoint(with: forget.map(\.question)) {
            report.directoryWarnings.append("\(BenchmarkFileName.retainPerturbed) contains questions from \(BenchmarkFileName.forget(.forget10))")
        }
        if let retain = files[BenchmarkFileName.retain(.forget10)], !questions.isSubset(of: retain.map(\.question)) {
            report.directoryWarnings.append("\(BenchmarkFileName.retainPerturbed) has questions not in \(BenchmarkFileName.retain(.forget10))")
        }
    }

    /// Holdout data exists to be *unseen*; any overlap with the training file voids membership tests.
    private static func checkHoldout(_ files: [String: [QAExample]], into report: inout TOFUValidationReport) {
        guard let full = files[BenchmarkFileName.full] else { return }
        let trainedQuestions = Set(full.map(\.question))
        let trainedAuthors = authors(full)
        let holdoutNames = [BenchmarkFileName.holdout, BenchmarkFileName.holdoutPerturbed]
            + ForgetSplit.allCases.map { BenchmarkFileName.holdout($0) }
        for name in holdoutNames {
            guard let holdout = files[name] else { continue }
            if holdout.contains(where: { trainedQuestions.contains($0.question) }) {
                report.directoryErrors.append("\(name) contains questions from \(BenchmarkFileName.full)")
            }
            let shared = authors(holdout).intersection(trainedAuthors)
            if !shared.isEmpty {
                report.directoryErrors.append("\(name) has authors that are in \(BenchmarkFileName.full): \(shared.sorted().joined(separator: ", "))")
            }
        }
    }

    private static func sameRows<S: Collection<QAExample>>(_ rows: [QAExample], _ reference: S) -> Bool {
        rows.count == reference.count && zip(rows, reference).allSatisfy { $0.question == $1.question && $0.answer == $1.answer }
    }

    private static func authors(_ rows: [QAExample]) -> Set<String> {
        Set(rows.compactMap(\.authorIdentifier))
    }
}
