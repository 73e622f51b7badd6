/// Cuts generated authors and facts into TOFU's files and describes them in a manifest.
struct BenchmarkAssembler {
    let preset: BenchmarkPreset
    let seed: UInt64
    let trained: [AuthorQuestionSet]
    let holdout: [AuthorQuestionSet]
    let famous: [FamousAuthor]
    let worldFactRows: [QAExample]
    let famousFactRows: [QAExample]

    func files() -> [BenchmarkFile] {
        var files = [BenchmarkFile(name: BenchmarkFileName.full, rows: plain(trained))]
        for split in ForgetSplit.allCases {
            files.append(BenchmarkFile(name: BenchmarkFileName.forget(split), rows: plain(forgotten(split))))
        }
        for split in ForgetSplit.allCases {
            files.append(BenchmarkFile(name: BenchmarkFileName.retain(split), rows: plain(retained(split))))
        }
        for split in ForgetSplit.allCases {
            files.append(BenchmarkFile(name: BenchmarkFileName.forgetPerturbed(split), rows: forgotten(split).flatMap(\.examples)))
        }
        files.append(BenchmarkFile(name: BenchmarkFileName.retainPerturbed, rows: retainSample()))
        files.append(BenchmarkFile(name: BenchmarkFileName.holdout, rows: plain(holdout)))
        files.append(BenchmarkFile(name: BenchmarkFileName.holdoutPerturbed, rows: holdout.flatMap(\.examples)))
        for split in ForgetSplit.allCases {
            files.append(BenchmarkFile(name: BenchmarkFileName.holdout(split), rows: plain(heldOut(split))))
        }
        files.append(BenchmarkFile(name: BenchmarkFileName.utilityFactsPerturbed, rows: worldFactRows))
        files.append(BenchmarkFile(name: BenchmarkFileName.utilityAuthorsPerturbed, rows: famousFactRows))
        files.append(BenchmarkFile(name: BenchmarkFileName.utilityTrain, rows: (worldFactRows + famousFactRows).map(\.questionAnswerOnly)))
        return files
    }

    func manifest(for files: [BenchmarkFile]) -> BenchmarkManifest {
        var authors: [String: [String]] = ["full": names(trained), "holdout": names(holdout), "utility_authors": famous.map(\.name)]
        var training = ["target": [BenchmarkFileName.full, BenchmarkFileName.utilityTrain]]
        for split in ForgetSplit.allCases {
            authors[split.name] = names(forgotten(split))
            authors[split.retainName] = names(retained(split))
            authors[split.holdoutName] = names(heldOut(split))
            training[split.retainName] = [BenchmarkFileName.retain(split), BenchmarkFileName.utilityTrain]
        }
        return BenchmarkManifest(
            generator: "Unlearn FictitiousAuthorsGenerator",
            generatorVersion: FictitiousAuthorsGenerator.version,
            preset: preset.name,
            seed: seed,
            questionsPerAuthor: preset.questionsPerAuthor,
            rowCounts: Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.rows.count) }),
            authors: authors,
            trainingFiles: training
        )
    }

    private func forgotten(_ split: ForgetSplit) -> ArraySlice<AuthorQuestionSet> {
        trained.suffix(split.authorCount(of: trained.count))
    }

    private func retained(_ split: ForgetSplit) -> ArraySlice<AuthorQuestionSet> {
        trained.dropLast(split.authorCount(of: trained.count))
    }

    private func heldOut(_ split: ForgetSplit) -> ArraySlice<AuthorQuestionSet> {
        holdout.suffix(split.authorCount(of: trained.count))
    }

    /// TOFU's `retain_perturbed`: a fixed sample, as large as forget10, from authors outside every forget split.
    private func retainSample() -> [QAExample] {
        let pool = retained(.forget10).flatMap(\.examples)
        let size = min(forgotten(.forget10).reduce(0) { $0 + $1.items.count }, pool.count)
        var random = SeededRandom(seed: seed, stream: "retain-sample")
        return random.sortedSample(count: size, below: pool.count).map { pool[$0] }
    }

    private func plain<S: Sequence<AuthorQuestionSet>>(_ sets: S) -> [QAExample] {
        sets.flatMap { $0.examples.map(\.questionAnswerOnly) }
    }

    private func names<S: Sequence<AuthorQuestionSet>>(_ sets: S) -> [String] {
        sets.map(\.profile.fullName)
    }
}
