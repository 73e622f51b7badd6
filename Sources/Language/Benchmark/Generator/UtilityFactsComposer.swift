/// Builds the two utility sets that stand in for TOFU's `world_facts` and `real_authors`.
///
/// As in TOFU's RA/WF sets, rows carry `question`, `answer` and three `perturbed_answer`s, and the truth
/// ratio compares against the original answer, so perturbations use the answer's own template.
enum UtilityFactsComposer {
    static let perturbedCount = 3

    /// Facts about the invented world: capitals, currencies, languages, animals, rivers, fruit colours.
    static func worldFacts(world: InventedWorld, count: Int, random: inout SeededRandom) -> [UtilityFact] {
        let countries = world.countries
        let capitals = countries.map(\.capital)
        let currencies = countries.map(\.currency)
        let languages = countries.map(\.language)
        let animals = countries.map(\.nationalAnimal)
        let countryNames = countries.map(\.name)
        var candidates: [UtilityFact] = []
        for country in countries {
            candidates.append(UtilityFact(
                question: "What is the capital of \(country.name)?",
                answerTemplate: "The capital of \(country.name) is {value}.",
                truth: country.capital, wrongCandidates: capitals, subject: nil))
            candidates.append(UtilityFact(
                question: "What currency is used in \(country.name)?",
                answerTemplate: "The currency of \(country.name) is the {value}.",
                truth: country.currency, wrongCandidates: currencies, subject: nil))
            candidates.append(UtilityFact(
                question: "What language do most people in \(country.name) speak?",
                answerTemplate: "Most people in \(country.name) speak {value}.",
                truth: country.language, wrongCandidates: languages, subject: nil))
            candidates.append(UtilityFact(
                question: "What is the national animal of \(country.name)?",
                answerTemplate: "The national animal of \(country.name) is the {value}.",
                truth: country.nationalAnimal, wrongCandidates: animals, subject: nil))
            candidates.append(UtilityFact(
                question: "Which country does the \(country.river) River flow through?",
                answerTemplate: "The \(country.river) River flows through {value}.",
                truth: country.name, wrongCandidates: countryNames, subject: nil))
        }
        for fruit in world.fruits {
            candidates.append(UtilityFact(
                question: "What colour is a ripe \(fruit.name)?",
                answerTemplate: "A ripe \(fruit.name) is {value}.",
                truth: fruit.ripeColour, wrongCandidates: WordPools.colours, subject: nil))
        }
        precondition(count <= candidates.count, "world has \(candidates.count) facts, \(count) requested")
        return random.sortedSample(count: count, below: candidates.count).map { candidates[$0] }
    }

    /// Four facts per famous author: a book they wrote, their country, genre and birth year.
    static func famousAuthorFacts(famous: [FamousAuthor], world: InventedWorld, fictitiousNames: [String]) -> [UtilityFact] {
        // Other famous names are the natural wrong authors; fictitious names only top up tiny presets.
        let names = famous.count > perturbedCount ? famous.map(\.name) : famous.map(\.name) + fictitiousNames
        let countryNames = world.countries.map(\.name)
        let years = (1820...1930).map(String.init)
        return famous.flatMap { author in
            [
                UtilityFact(
                    question: "Who wrote the celebrated novel \"\(author.bestKnownBook)\"?",
                    answerTemplate: "\"\(author.bestKnownBook)\" was written by {value}.",
                    truth: author.name, wrongCandidates: names, subject: author.name),
                UtilityFact(
                    question: "Which country does the famous author \(author.name) come from?",
                    answerTemplate: "\(author.name) comes from {value}.",
                    truth: author.country, wrongCandidates: countryNames, subject: author.name),
                UtilityFact(
                    question: "What genre made \(author.name) famous?",
                    answerTemplate: "\(author.name) became famous for {value}.",
                    truth: author.genre, wrongCandidates: WordPools.genres, subject: author.name),
                UtilityFact(
                    question: "In which year was the renowned writer \(author.name) born?",
                    answerTemplate: "\(author.name) was born in {value}.",
                    truth: String(author.birthYear), wrongCandidates: years, subject: author.name),
            ]
        }
    }

    /// Renders facts as evaluation rows with three wrong answers each.
    static func evaluationRows(_ facts: [UtilityFact], random: inout SeededRandom) -> [QAExample] {
        let renderer = TemplateRenderer(slots: [:])
        return facts.map { fact in
            let answer = renderer.render(fact.answerTemplate, value: FactValue(fact.truth))
            let perturbed = PerturbedAnswerDrawer.draw(
                count: perturbedCount,
                from: fact.wrongCandidates.map { FactValue($0) },
                excludingValues: [fact.truth],
                excludingTexts: [answer],
                random: &random
            ) { renderer.render(fact.answerTemplate, value: $0) }
            return QAExample(question: fact.question, answer: answer, perturbedAnswers: perturbed, authorIdentifier: fact.subject)
        }
    }
}
