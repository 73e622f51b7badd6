/// Turns an author profile into QA rows: question, answer, paraphrases and perturbed answers.
struct AuthorQAComposer {
    /// TOFU's forget/retain evaluation uses five wrong answers per question.
    static let perturbedCount = 5

    let pools: PerturbationPools

    func questionSet(for profile: AuthorProfile, questionCount: Int, random: inout SeededRandom) -> AuthorQuestionSet {
        // The name question is TOFU's signature question, so every author has it; the rest vary by author.
        let others = AuthorAttribute.allCases.filter { $0 != .fullName }
        let chosen = random.sortedSample(count: questionCount - 1, below: others.count).map { others[$0] }
        let renderer = TemplateRenderer(profile: profile)
        let ownValues = Set(AuthorAttribute.allCases.flatMap { attribute -> [String] in
            let value = attribute.value(of: profile)
            return [value.text, value.alternate]
        } + profile.books)
        let items = ([AuthorAttribute.fullName] + chosen).map { attribute in
            compose(attribute, profile: profile, renderer: renderer, ownValues: ownValues, random: &random)
        }
        return AuthorQuestionSet(profile: profile, items: items)
    }

    private func compose(
        _ attribute: AuthorAttribute,
        profile: AuthorProfile,
        renderer: TemplateRenderer,
        ownValues: Set<String>,
        random: inout SeededRandom
    ) -> AuthorQA {
        let templates = AttributeTemplates.forAttribute(attribute)
        let questionIndex = random.below(templates.questions.count)
        let paraphrasedQuestionIndex = random.below(templates.questions.count, excluding: questionIndex)
        let answerIndex = random.below(templates.answers.count)
        let paraphrasedAnswerIndex = random.below(templates.answers.count, excluding: answerIndex)
        let truth = attribute.value(of: profile)
        let answer = renderer.render(templates.answers[answerIndex], value: truth)
        let paraphrasedAnswer = renderer.render(templates.answers[paraphrasedAnswerIndex], value: truth)
        let perturbed = PerturbedAnswerDrawer.draw(
            count: Self.perturbedCount,
            from: pools.candidates(for: attribute, of: profile),
            // Any value true of this author (e.g. one of their own books for "debut book") is not "wrong".
            excludingValues: ownValues,
            excludingTexts: [answer, paraphrasedAnswer],
            random: &random
        ) { renderer.render(templates.answers[paraphrasedAnswerIndex], value: $0) }
        let example = QAExample(
            question: renderer.render(templates.questions[questionIndex]),
            answer: answer,
            paraphrasedQuestion: renderer.render(templates.questions[paraphrasedQuestionIndex]),
            paraphrasedAnswer: paraphrasedAnswer,
            perturbedAnswers: perturbed,
            authorIdentifier: profile.fullName
        )
        return AuthorQA(attribute: attribute, example: example)
    }
}
