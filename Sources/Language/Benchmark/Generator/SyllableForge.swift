/// Builds invented words from syllable pools, one pool per slot (start, optional middle, end).
///
/// The syllables are chosen to sound plausible yet unlike real names, so generated people and places
/// are obviously fictitious; `NameRegistry` still guards against accidental repeats across categories.
struct SyllableForge: Sendable {
    let starts: [String]
    let middles: [String]
    let ends: [String]
    /// Chance in percent that a middle syllable is used, which varies word length.
    let middlePercent: Int

    func make(_ random: inout SeededRandom) -> String {
        var word = random.pick(starts)
        if !middles.isEmpty, random.chance(percent: middlePercent) { word += random.pick(middles) }
        word += random.pick(ends)
        return word
    }

    static let givenName = SyllableForge(
        starts: ["Ael", "Bryn", "Cael", "Dov", "Esk", "Fen", "Ghar", "Hal", "Isk", "Jor", "Kes", "Lys",
                 "Mor", "Nev", "Oth", "Pell", "Quen", "Rhos", "Syl", "Tav", "Ulm", "Vesk", "Wyn", "Yor", "Zel"],
        middles: ["a", "e", "i", "o", "ae", "io"],
        ends: ["ra", "wen", "mir", "dis", "lo", "nah", "vik", "sel", "tha", "rin", "dor", "bek", "via", "nor"],
        middlePercent: 45
    )

    static let familyName = SyllableForge(
        starts: ["Thorn", "Vell", "Marr", "Quill", "Brae", "Osk", "Fald", "Harr", "Ivers", "Kall", "Lom",
                 "Neth", "Pryd", "Rask", "Sund", "Toll", "Varn", "Wex", "Yst", "Zorr", "Ambr", "Dray"],
        middles: ["a", "e", "i", "o"],
        ends: ["wick", "ami", "ebrand", "ovic", "ande", "stel", "quist", "mont", "arro", "elli", "hurst",
               "ovan", "eyne", "isto", "ard", "uski", "ley", "oran"],
        middlePercent: 30
    )

    static let country = SyllableForge(
        starts: ["Vel", "Qar", "Ombr", "Tess", "Arv", "Cyr", "Dun", "Elm", "Far", "Gol", "Hesp", "Ith",
                 "Kor", "Lun", "Mer", "Pav", "Riv", "Sor", "Tal", "Ulv", "Zan", "Brev"],
        middles: ["a", "e", "o"],
        ends: ["toria", "sund", "ellia", "avia", "emor", "ecca", "ovar", "aine", "ith", "oss", "undra", "esk"],
        middlePercent: 25
    )

    static let city = SyllableForge(
        starts: ["Ash", "Brin", "Cal", "Dern", "Ember", "Frost", "Glen", "Harl", "Ivy", "Kest", "Lark",
                 "Mos", "Nettle", "Orr", "Pike", "Quay", "Rook", "Sable", "Thist", "Umber", "Wyr", "Yarrow"],
        middles: ["a", "e", "i", "o"],
        ends: ["haven", "mere", "gate", "holm", "wick", "stead", "by", "ton", "ridge", "fall", "moor", "port"],
        middlePercent: 20
    )

    static let language = SyllableForge(
        starts: ["Quor", "Vel", "Ashk", "Bren", "Dal", "Fir", "Hol", "Ist", "Kav", "Mor", "Sel", "Tor",
                 "Ulg", "Yev"],
        middles: ["a", "e", "i"],
        ends: ["ic", "ese", "ish", "an", "ari", "ol"],
        middlePercent: 35
    )

    static let currency = SyllableForge(
        starts: ["dra", "quo", "sil", "mar", "tel", "ven", "bro", "cal", "fen", "gor", "lum", "pen"],
        middles: ["v", "l", "r", "nn"],
        ends: ["el", "on", "et", "ix", "ar", "ine", "ot"],
        middlePercent: 50
    )

    static let fruit = SyllableForge(
        starts: ["quor", "vel", "tam", "sor", "lim", "brav", "mel", "ost", "pim", "zan", "ker", "yul"],
        middles: ["a", "i", "o"],
        ends: ["berry", "fig", "melon", "plum", "pear", "nut", "apple", "lime"],
        middlePercent: 40
    )

    static let river = SyllableForge(
        starts: ["Ash", "Vorn", "Sel", "Tam", "Oth", "Bre", "Kal", "Mir", "Dro", "Ulv", "Hes", "Nar"],
        middles: ["a", "e", "i"],
        ends: ["el", "ind", "ora", "ane", "ust", "ey", "orn"],
        middlePercent: 40
    )
}
