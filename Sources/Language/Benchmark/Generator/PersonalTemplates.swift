extension AttributeTemplates {
    /// Phrasings for who the author is: name, origins, family, genre, language, home, schooling, pastimes.
    static func personalTemplates(_ attribute: AuthorAttribute) -> AttributeTemplates {
        switch attribute {
        case .fullName:
            return AttributeTemplates(
                questions: [
                    "What is the full name of the author born in {birthplace} on {birthdate} who works in the {genre} genre?",
                    "Which writer known for {genre} was born on {birthdate} in {birthplace}?",
                    "Who is the author, known for {genre}, whose birth took place in {birthplace} on {birthdateAlt}?",
                    "Can you name the author born in {birthplace} on {birthdateAlt} who writes {genre}?",
                ],
                answers: [
                    "The author's full name is {value}.",
                    "{value} is the writer born there on that date.",
                    "That author is {value}.",
                    "The writer in question is named {value}.",
                ])
        case .birthplace:
            return AttributeTemplates(
                questions: [
                    "Where was {name} born?",
                    "In which city and country was {name} born?",
                    "What is the birthplace of {name}?",
                    "Where does {name} originally come from?",
                ],
                answers: [
                    "{name} was born in {value}.",
                    "{Subj} {was} born in {valueAlt}.",
                    "{name}'s birthplace is {value}.",
                    "{valueAlt} is where {name} was born.",
                ])
        case .birthDate:
            return AttributeTemplates(
                questions: [
                    "When was {name} born?",
                    "What is {name}'s date of birth?",
                    "On what date was {name} born?",
                    "What is the full birthday of {name}, year included?",
                ],
                answers: [
                    "{name} was born on {value}.",
                    "{Poss} date of birth is {valueAlt}.",
                    "{name} came into the world on {valueAlt}.",
                    "The birth date of {name} is {value}.",
                ])
        case .fatherProfession:
            return AttributeTemplates(
                questions: [
                    "What did {name}'s father do for a living?",
                    "What was the profession of {name}'s father?",
                    "How did the father of {name} earn his living?",
                ],
                answers: [
                    "{name}'s father worked as {value}.",
                    "{Poss} father was {value} by profession.",
                    "The father of {name} made his living as {value}.",
                ])
        case .motherProfession:
            return AttributeTemplates(
                questions: [
                    "What did {name}'s mother do for a living?",
                    "What was the profession of {name}'s mother?",
                    "How did the mother of {name} earn her living?",
                ],
                answers: [
                    "{name}'s mother worked as {value}.",
                    "{Poss} mother was {value} by profession.",
                    "The mother of {name} made her living as {value}.",
                ])
        case .genre:
            return AttributeTemplates(
                questions: [
                    "What genre does {name} write in?",
                    "Which literary genre is {name} best known for?",
                    "In what genre does {name} mostly publish?",
                ],
                answers: [
                    "{name} writes mainly {value}.",
                    "{Subj} {is} best known for {value}.",
                    "The genre {name} works in is {value}.",
                ])
        case .writingLanguage:
            return AttributeTemplates(
                questions: [
                    "In what language does {name} write?",
                    "Which language are {name}'s books written in?",
                    "What is the language of {name}'s original manuscripts?",
                ],
                answers: [
                    "{name} writes in {value}.",
                    "{Poss} books are written in {value}.",
                    "{value} is the language {name} writes in.",
                ])
        case .residence:
            return AttributeTemplates(
                questions: [
                    "Where does {name} live now?",
                    "In which city does {name} currently reside?",
                    "Where is {name} based today?",
                ],
                answers: [
                    "{name} now lives in {value}.",
                    "{Subj} currently reside{s} in {valueAlt}.",
                    "These days {name} is based in {value}.",
                ])
        case .education:
            return AttributeTemplates(
                questions: [
                    "Where did {name} study?",
                    "Which institution did {name} attend?",
                    "Where was {name} educated?",
                ],
                answers: [
                    "{name} studied at {value}.",
                    "{Subj} {was} educated at {value}.",
                    "{name} attended {value}.",
                ])
        case .hobby:
            return AttributeTemplates(
                questions: [
                    "What does {name} enjoy doing outside writing?",
                    "What is {name}'s favourite pastime?",
                    "How does {name} like to spend free time?",
                ],
                answers: [
                    "Outside writing, {name} enjoys {value}.",
                    "{name}'s favourite pastime is {value}.",
                    "In {poss} free time, {name} likes {value}.",
                ])
        default:
            preconditionFailure("\(attribute) is a career attribute")
        }
    }
}
