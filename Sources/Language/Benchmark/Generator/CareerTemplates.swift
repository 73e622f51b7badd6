extension AttributeTemplates {
    /// Phrasings for the author's work: books, awards, themes, influences, career history, publisher.
    static func careerTemplates(_ attribute: AuthorAttribute) -> AttributeTemplates {
        switch attribute {
        case .debutBook:
            return AttributeTemplates(
                questions: [
                    "What was the first book {name} published?",
                    "Which title marked {name}'s debut?",
                    "What is the name of {name}'s debut book?",
                ],
                answers: [
                    "{name}'s first published book was \"{value}\".",
                    "{name} made {poss} debut with \"{value}\".",
                    "The debut of {name} was the book \"{value}\".",
                ])
        case .bibliography:
            return AttributeTemplates(
                questions: [
                    "Which books has {name} written?",
                    "Can you list the books by {name}?",
                    "What titles make up {name}'s bibliography?",
                ],
                answers: [
                    "{name} has written {value}.",
                    "The books by {name} are {valueAlt}.",
                    "{Poss} bibliography consists of {value}.",
                ])
        case .award:
            return AttributeTemplates(
                questions: [
                    "Which award has {name} received?",
                    "What literary prize was given to {name}?",
                    "What is the most notable honour {name} has won?",
                ],
                answers: [
                    "{name} received {value}.",
                    "{name} was honoured with {value}.",
                    "{value} was awarded to {name}.",
                ])
        case .awardBook:
            return AttributeTemplates(
                questions: [
                    "For which book did {name} win {award}?",
                    "Which of {name}'s books earned {award}?",
                    "What book brought {name} {award}?",
                ],
                answers: [
                    "{name} won {award} for \"{value}\".",
                    "\"{value}\" earned {name} {award}.",
                    "The award-winning book by {name} is \"{value}\".",
                ])
        case .themes:
            return AttributeTemplates(
                questions: [
                    "What themes does {name} explore?",
                    "Which themes run through {name}'s writing?",
                    "What subjects does {name} keep returning to?",
                ],
                answers: [
                    "{name} explores {value}.",
                    "{name}'s writing centres on {valueAlt}.",
                    "The main themes in {poss} books are {value}.",
                ])
        case .influence:
            return AttributeTemplates(
                questions: [
                    "Which writer influenced {name} the most?",
                    "Who is {name}'s biggest literary influence?",
                    "Whose work shaped the style of {name}?",
                ],
                answers: [
                    "{name} was most influenced by {value}.",
                    "{Poss} biggest influence is {value}.",
                    "{value} shaped the writing of {name}.",
                ])
        case .debutYear:
            return AttributeTemplates(
                questions: [
                    "In what year did {name} publish {poss} first book?",
                    "When did {name} debut as an author?",
                    "Which year saw {name}'s first publication?",
                ],
                answers: [
                    "{name} published {poss} first book in {value}.",
                    "{name} debuted as an author in {value}.",
                    "{Poss} first book came out in {valueAlt}.",
                ])
        case .formerOccupation:
            return AttributeTemplates(
                questions: [
                    "What job did {name} have before writing?",
                    "How did {name} earn a living before becoming an author?",
                    "What was {name}'s occupation before {poss} literary career?",
                ],
                answers: [
                    "Before writing, {name} worked as {value}.",
                    "{name} was {value} before becoming an author.",
                    "Prior to {poss} literary career, {name} earned a living as {value}.",
                ])
        case .publisher:
            return AttributeTemplates(
                questions: [
                    "Which publisher releases {name}'s books?",
                    "Who publishes the work of {name}?",
                    "What publishing house is {name} signed with?",
                ],
                answers: [
                    "{name}'s books are published by {value}.",
                    "{value} publishes the work of {name}.",
                    "{name} is signed with {value}.",
                ])
        case .bookCount:
            return AttributeTemplates(
                questions: [
                    "How many books has {name} published?",
                    "What is the number of books {name} has written?",
                    "How many titles has {name} released so far?",
                ],
                answers: [
                    "{name} has published {value} books.",
                    "The number of books by {name} is {valueAlt}.",
                    "So far {name} has released {value} titles.",
                ])
        default:
            preconditionFailure("\(attribute) is a personal attribute")
        }
    }
}
