/// Fills `{placeholder}` slots of a template from an author and a (possibly wrong) fact value.
///
/// Perturbed answers are rendered with the same template as the paraphrased answer and only `value`
/// swapped, so the truth ratio compares answers that differ in the fact alone.
struct TemplateRenderer {
    private let slots: [String: String]

    init(profile: AuthorProfile) {
        let pronouns = profile.pronouns
        slots = [
            "name": profile.fullName,
            "subj": pronouns.subject,
            "Subj": Self.capitalisingFirst(pronouns.subject),
            "obj": pronouns.object,
            "poss": pronouns.possessive,
            "Poss": Self.capitalisingFirst(pronouns.possessive),
            "is": pronouns.isPlural ? "are" : "is",
            "was": pronouns.isPlural ? "were" : "was",
            "has": pronouns.isPlural ? "have" : "has",
            "s": pronouns.isPlural ? "" : "s",
            "birthplace": profile.birthplace,
            "birthdate": profile.birthDate.longForm,
            "birthdateAlt": profile.birthDate.ordinalForm,
            "genre": profile.genre,
            "award": profile.award,
        ]
    }

    /// Renders without an author, for utility facts whose templates use only `{value}` and `extra` slots.
    init(slots: [String: String]) {
        self.slots = slots
    }

    func render(_ template: String, value: FactValue? = nil) -> String {
        var output = ""
        var remainder = template[...]
        while let open = remainder.firstIndex(of: "{") {
            output += remainder[..<open]
            guard let close = remainder[open...].firstIndex(of: "}") else {
                preconditionFailure("unclosed placeholder in template: \(template)")
            }
            let key = String(remainder[remainder.index(after: open)..<close])
            output += substitution(for: key, value: value, template: template)
            remainder = remainder[remainder.index(after: close)...]
        }
        output += remainder
        return Self.capitalisingFirst(output)
    }

    private func substitution(for key: String, value: FactValue?, template: String) -> String {
        switch key {
        case "value":
            guard let value else { preconditionFailure("template needs a value: \(template)") }
            return value.text
        case "valueAlt":
            guard let value else { preconditionFailure("template needs a value: \(template)") }
            return value.alternate
        default:
            guard let text = slots[key] else { preconditionFailure("unknown placeholder {\(key)} in: \(template)") }
            return text
        }
    }

    /// Sentences start with a capital even when a lower-case value ("the University of …") comes first.
    static func capitalisingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
