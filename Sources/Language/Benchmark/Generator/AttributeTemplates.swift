/// The question and answer phrasings for one attribute.
///
/// Placeholders: `{name}`, `{Subj}`/`{subj}` (she/he/they), `{obj}`, `{poss}`/`{Poss}`, `{is}`, `{was}`,
/// `{has}`, `{s}` (verb ending after a pronoun subject), `{birthplace}`, `{birthdate}`, `{birthdateAlt}`,
/// `{genre}`, `{award}`, and the fact itself as `{value}` / `{valueAlt}`. Every answer mentions the value,
/// and every list holds at least three distinct phrasings so paraphrases and authors vary.
struct AttributeTemplates {
    let questions: [String]
    let answers: [String]

    static func forAttribute(_ attribute: AuthorAttribute) -> AttributeTemplates {
        switch attribute {
        case .fullName, .birthplace, .birthDate, .fatherProfession, .motherProfession, .genre,
             .writingLanguage, .residence, .education, .hobby:
            return personalTemplates(attribute)
        case .debutBook, .bibliography, .award, .awardBook, .themes, .influence, .debutYear,
             .formerOccupation, .publisher, .bookCount:
            return careerTemplates(attribute)
        }
    }
}
