import Foundation

/// Porter stemmer that reproduces NLTK's `PorterStemmer()` in its default `NLTK_EXTENSIONS` mode,
/// which is the stemmer rouge-score uses when `use_stemmer=True`.
///
/// The NLTK mode differs from Porter's 1980 paper in several places (irregular-form table,
/// `-ies`/`-ied` on four-letter words, the step 1c `y → i` condition, `bli → ble`, an early
/// `alli → al` pass, `fulli`/`logi` rules and a two-letter `*o` condition). Matching ROUGE scores
/// with the Python reference requires every one of them, so each is reproduced and commented.
public struct PorterStemmer: Sendable {
    public init() {}

    /// Stems one word. Like NLTK, the word is lower-cased first and words of at most two letters
    /// are returned unchanged.
    public func stem(_ word: String) -> String {
        let lowered = Array(word.lowercased().unicodeScalars)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: stem(letters: lowered))
        return String(result)
    }

    /// Stems a word already split into lower-case Unicode scalars (the ROUGE tokenizer's form).
    func stem(letters word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        if let irregular = Self.irregularForms[String(String.UnicodeScalarView(word))] {
            return Array(irregular.unicodeScalars)
        }
        // NLTK leaves one- and two-letter words alone (the paper does not say so).
        if word.count <= 2 { return word }
        var stem = word
        stem = step1a(stem)
        stem = step1b(stem)
        stem = step1c(stem)
        stem = step2(stem)
        stem = step3(stem)
        stem = step4(stem)
        stem = step5a(stem)
        stem = step5b(stem)
        return stem
    }

    // MARK: - Irregular forms

    /// NLTK short-circuits these words before running any step (its "pool").
    private static let irregularForms: [String: String] = {
        let groups: [(String, [String])] = [
            ("sky", ["sky", "skies"]),
            ("die", ["dying"]),
            ("lie", ["lying"]),
            ("tie", ["tying"]),
            ("news", ["news"]),
            ("inning", ["innings", "inning"]),
            ("outing", ["outings", "outing"]),
            ("canning", ["cannings", "canning"]),
            ("howe", ["howe"]),
            ("proceed", ["proceed"]),
            ("exceed", ["exceed"]),
            ("succeed", ["succeed"]),
        ]
        var table: [String: String] = [:]
        for (stem, forms) in groups {
            for form in forms { table[form] = stem }
        }
        return table
    }()

    // MARK: - Letter classes

    private typealias Word = [Unicode.Scalar]

    private static func isVowel(_ letter: Unicode.Scalar) -> Bool {
        letter == "a" || letter == "e" || letter == "i" || letter == "o" || letter == "u"
    }

    /// Consonant flag per position. A `y` is a consonant exactly when it starts the word or
    /// follows a vowel, so one left-to-right pass resolves runs of `y`.
    private static func consonantFlags(_ word: Word) -> [Bool] {
        var flags: [Bool] = []
        flags.reserveCapacity(word.count)
        for (index, letter) in word.enumerated() {
            if isVowel(letter) {
                flags.append(false)
            } else if letter == "y" {
                flags.append(index == 0 ? true : !flags[index - 1])
            } else {
                flags.append(true)
            }
        }
        return flags
    }

    /// Porter's measure m: the number of vowel→consonant transitions, i.e. `[C](VC)^m[V]`.
    private static func measure(_ word: Word) -> Int {
        let flags = consonantFlags(word)
        var count = 0
        var index = 0
        while index + 1 < flags.count {
            if !flags[index] && flags[index + 1] { count += 1 }
            index += 1
        }
        return count
    }

    private static func containsVowel(_ word: Word) -> Bool {
        consonantFlags(word).contains(false)
    }

    /// Condition `*d`: the word ends with two identical consonants.
    private static func endsDoubleConsonant(_ word: Word) -> Bool {
        let count = word.count
        guard count >= 2, word[count - 1] == word[count - 2] else { return false }
        return consonantFlags(word)[count - 1]
    }

    /// Condition `*o`: consonant-vowel-consonant with the last letter not w, x or y. NLTK adds a
    /// two-letter vowel-consonant case (without the w/x/y exclusion).
    private static func endsConsonantVowelConsonant(_ word: Word) -> Bool {
        let count = word.count
        let flags = consonantFlags(word)
        if count >= 3, flags[count - 3], !flags[count - 2], flags[count - 1] {
            let last = word[count - 1]
            if last != "w" && last != "x" && last != "y" { return true }
        }
        return count == 2 && !flags[0] && flags[1]
    }

    private static func hasSuffix(_ word: Word, _ suffix: Word) -> Bool {
        word.count >= suffix.count && Array(word[(word.count - suffix.count)...]) == suffix
    }

    private static func dropping(_ word: Word, _ count: Int) -> Word {
        Array(word[..<(word.count - count)])
    }

    // MARK: - Rule lists

    /// One suffix rule: when the word ends with `suffix`, the stem is what precedes it and the
    /// result is `stem + replacement` if `condition(stem)` holds. The first rule whose suffix
    /// matches decides the outcome, even when its condition fails (the word is then unchanged).
    private struct Rule {
        let suffix: Word
        let replacement: Word
        let condition: ((Word) -> Bool)?

        init(_ suffix: String, _ replacement: String, _ condition: ((Word) -> Bool)? = nil) {
            self.suffix = Array(suffix.unicodeScalars)
            self.replacement = Array(replacement.unicodeScalars)
            self.condition = condition
        }
    }

    private static func apply(_ rules: [Rule], to word: Word) -> Word {
        for rule in rules where hasSuffix(word, rule.suffix) {
            let stem = dropping(word, rule.suffix.count)
            if rule.condition?(stem) ?? true {
                return stem + rule.replacement
            }
            return word
        }
        return word
    }

    private static func positiveMeasure(_ stem: Word) -> Bool { measure(stem) > 0 }
    private static func measureAboveOne(_ stem: Word) -> Bool { measure(stem) > 1 }

    // MARK: - Steps

    /// Step 1a: plurals. NLTK maps four-letter `-ies` words to `-ie` ("dies" → "die").
    private func step1a(_ word: Word) -> Word {
        if word.count == 4 && Self.hasSuffix(word, Array("ies".unicodeScalars)) {
            return Self.dropping(word, 3) + Array("ie".unicodeScalars)
        }
        return Self.apply([Rule("sses", "ss"), Rule("ies", "i"), Rule("ss", "ss"), Rule("s", "")], to: word)
    }

    /// Step 1b: `-eed`, `-ed`, `-ing`, followed by the clean-up rules when `-ed`/`-ing` went.
    private func step1b(_ word: Word) -> Word {
        // NLTK: "-ied" becomes "-ie" for four-letter words and "-i" otherwise.
        if Self.hasSuffix(word, Array("ied".unicodeScalars)) {
            let replacement = word.count == 4 ? "ie" : "i"
            return Self.dropping(word, 3) + Array(replacement.unicodeScalars)
        }
        if Self.hasSuffix(word, Array("eed".unicodeScalars)) {
            let stem = Self.dropping(word, 3)
            return Self.measure(stem) > 0 ? stem + Array("ee".unicodeScalars) : word
        }
        var intermediate: Word?
        for suffix in ["ed", "ing"] {
            let letters = Array(suffix.unicodeScalars)
            if Self.hasSuffix(word, letters) {
                let stem = Self.dropping(word, letters.count)
                if Self.containsVowel(stem) {
                    intermediate = stem
                    break
                }
            }
        }
        guard let stem = intermediate else { return word }

        for (suffix, replacement) in [("at", "ate"), ("bl", "ble"), ("iz", "ize")] {
            if Self.hasSuffix(stem, Array(suffix.unicodeScalars)) {
                return Self.dropping(stem, 2) + Array(replacement.unicodeScalars)
            }
        }
        // (*d and not (*L or *S or *Z)) → single letter; a failing condition ends the step.
        if Self.endsDoubleConsonant(stem) {
            let last = stem[stem.count - 1]
            if last != "l" && last != "s" && last != "z" {
                return Self.dropping(stem, 1)
            }
            return stem
        }
        // (m=1 and *o) → E
        if Self.measure(stem) == 1 && Self.endsConsonantVowelConsonant(stem) {
            return stem + ["e"]
        }
        return stem
    }

    /// Step 1c: `y → i`. NLTK requires the `y` to follow a consonant in a stem longer than one
    /// letter ("happy" → "happi", "enjoy" stays, "cry" → "cri").
    private func step1c(_ word: Word) -> Word {
        Self.apply(
            [Rule("y", "i") { stem in stem.count > 1 && Self.consonantFlags(stem)[stem.count - 1] }],
            to: word
        )
    }

    /// Step 2: double suffixes to single ones, for stems with m > 0.
    private func step2(_ word: Word) -> Word {
        // NLTK runs "alli → al" first and, if it fires, feeds the result through step 2 again.
        let alli = Array("alli".unicodeScalars)
        if Self.hasSuffix(word, alli) && Self.measure(Self.dropping(word, 4)) > 0 {
            return step2(Self.dropping(word, 4) + Array("al".unicodeScalars))
        }
        let positive: (Word) -> Bool = Self.positiveMeasure
        let rules: [Rule] = [
            Rule("ational", "ate", positive),
            Rule("tional", "tion", positive),
            Rule("enci", "ence", positive),
            Rule("anci", "ance", positive),
            Rule("izer", "ize", positive),
            // NLTK uses Porter's later "bli → ble" instead of the paper's "abli → able".
            Rule("bli", "ble", positive),
            Rule("alli", "al", positive),
            Rule("entli", "ent", positive),
            Rule("eli", "e", positive),
            Rule("ousli", "ous", positive),
            Rule("ization", "ize", positive),
            Rule("ation", "ate", positive),
            Rule("ator", "ate", positive),
            Rule("alism", "al", positive),
            Rule("iveness", "ive", positive),
            Rule("fulness", "ful", positive),
            Rule("ousness", "ous", positive),
            Rule("aliti", "al", positive),
            Rule("iviti", "ive", positive),
            Rule("biliti", "ble", positive),
            Rule("fulli", "ful", positive),
            // NLTK keeps the "l" of "logi" with the stem when measuring, so "geologi" qualifies.
            Rule("logi", "log") { _ in Self.measure(Self.dropping(word, 3)) > 0 },
        ]
        return Self.apply(rules, to: word)
    }

    /// Step 3: `-icate`, `-ative`, `-alize`, `-iciti`, `-ical`, `-ful`, `-ness` for m > 0.
    private func step3(_ word: Word) -> Word {
        let positive: (Word) -> Bool = Self.positiveMeasure
        return Self.apply(
            [
                Rule("icate", "ic", positive),
                Rule("ative", "", positive),
                Rule("alize", "al", positive),
                Rule("iciti", "ic", positive),
                Rule("ical", "ic", positive),
                Rule("ful", "", positive),
                Rule("ness", "", positive),
            ],
            to: word
        )
    }

    /// Step 4: strip residual suffixes when m > 1 (`-ion` additionally needs a preceding s or t).
    private func step4(_ word: Word) -> Word {
        let aboveOne: (Word) -> Bool = Self.measureAboveOne
        let rules: [Rule] = [
            Rule("al", "", aboveOne),
            Rule("ance", "", aboveOne),
            Rule("ence", "", aboveOne),
            Rule("er", "", aboveOne),
            Rule("ic", "", aboveOne),
            Rule("able", "", aboveOne),
            Rule("ible", "", aboveOne),
            Rule("ant", "", aboveOne),
            Rule("ement", "", aboveOne),
            Rule("ment", "", aboveOne),
            Rule("ent", "", aboveOne),
            Rule("ion", "") { stem in
                guard let last = stem.last else { return false }
                return Self.measure(stem) > 1 && (last == "s" || last == "t")
            },
            Rule("ou", "", aboveOne),
            Rule("ism", "", aboveOne),
            Rule("ate", "", aboveOne),
            Rule("iti", "", aboveOne),
            Rule("ous", "", aboveOne),
            Rule("ive", "", aboveOne),
            Rule("ize", "", aboveOne),
        ]
        return Self.apply(rules, to: word)
    }

    /// Step 5a: drop a final `e` when m > 1, or when m = 1 and the stem does not end in `*o`.
    /// Both conditions are tried, which a plain rule list cannot express.
    private func step5a(_ word: Word) -> Word {
        guard word.last == "e" else { return word }
        let stem = Self.dropping(word, 1)
        let measure = Self.measure(stem)
        if measure > 1 { return stem }
        if measure == 1 && !Self.endsConsonantVowelConsonant(stem) { return stem }
        return word
    }

    /// Step 5b: `-ll → -l` when m > 1, where NLTK measures the word minus one `l`.
    private func step5b(_ word: Word) -> Word {
        guard Self.hasSuffix(word, ["l", "l"]) else { return word }
        let shortened = Self.dropping(word, 1)
        return Self.measure(shortened) > 1 ? shortened : word
    }
}
