/// One range of a text found by a pattern: either a match or the gap between matches.
struct TextMatch {
    let range: Range<String.Index>
    let isMatch: Bool
}

/// A piece of text flowing through normalization and pre-tokenization.
struct TextPiece: Equatable {
    var text: String
    /// Whether this piece begins at offset 0 of the original input (Metaspace's
    /// `prepend_scheme: first` only prepends the replacement there).
    var isAtOriginalStart: Bool
}

/// What to do with the delimiters found by a pattern (HF `SplitDelimiterBehavior`).
enum SplitDelimiterBehavior: String, Sendable, CaseIterable {
    case removed = "Removed"
    case isolated = "Isolated"
    case mergedWithPrevious = "MergedWithPrevious"
    case mergedWithNext = "MergedWithNext"
    case contiguous = "Contiguous"

    static func parse(_ node: JSONNode) throws(TokenizerError) -> SplitDelimiterBehavior {
        let name = try node.string
        guard let behavior = SplitDelimiterBehavior(rawValue: name) else {
            throw node.invalid("unknown split behavior '\(name)'")
        }
        return behavior
    }
}

/// Splitting primitives shared by the pre-tokenizers, mirroring HF `NormalizedString::split`.
enum TextSplitter {
    /// Matches for a per-scalar predicate: each matching scalar is its own match, runs of
    /// non-matching scalars form one gap (HF's `impl Pattern for Fn(char) -> bool`).
    static func findMatches(in text: String, where isDelimiter: (Unicode.Scalar) -> Bool) -> [TextMatch] {
        var matches: [TextMatch] = []
        let scalars = text.unicodeScalars
        var gapStart = scalars.startIndex
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let next = scalars.index(after: index)
            if isDelimiter(scalars[index]) {
                if gapStart != index { matches.append(TextMatch(range: gapStart..<index, isMatch: false)) }
                matches.append(TextMatch(range: index..<next, isMatch: true))
                gapStart = next
            }
            index = next
        }
        if gapStart != scalars.endIndex { matches.append(TextMatch(range: gapStart..<scalars.endIndex, isMatch: false)) }
        return matches
    }

    /// Applies a delimiter behavior (optionally inverted) and returns the kept pieces; empty
    /// pieces are dropped as `PreTokenizedString::split` does.
    static func split(
        _ piece: TextPiece, matches rawMatches: [TextMatch], behavior: SplitDelimiterBehavior, invert: Bool = false
    ) -> [TextPiece] {
        let matches = invert ? rawMatches.map { TextMatch(range: $0.range, isMatch: !$0.isMatch) } : rawMatches
        // (range, remove) pairs, built exactly like the Rust fold for each behavior.
        var ranges: [(range: Range<String.Index>, remove: Bool)] = []
        switch behavior {
        case .isolated:
            ranges = matches.map { ($0.range, false) }
        case .removed:
            ranges = matches.map { ($0.range, $0.isMatch) }
        case .contiguous:
            var previousMatch = false
            for match in matches {
                if match.isMatch == previousMatch, let last = ranges.last {
                    ranges[ranges.count - 1].range = last.range.lowerBound..<match.range.upperBound
                } else {
                    ranges.append((match.range, false))
                }
                previousMatch = match.isMatch
            }
        case .mergedWithPrevious:
            var previousMatch = false
            for match in matches {
                if match.isMatch && !previousMatch, let last = ranges.last {
                    ranges[ranges.count - 1].range = last.range.lowerBound..<match.range.upperBound
                } else {
                    ranges.append((match.range, false))
                }
                previousMatch = match.isMatch
            }
        case .mergedWithNext:
            var previousMatch = false
            for match in matches.reversed() {
                if match.isMatch && !previousMatch, let last = ranges.last {
                    ranges[ranges.count - 1].range = match.range.lowerBound..<last.range.upperBound
                } else {
                    ranges.append((match.range, false))
                }
                previousMatch = match.isMatch
            }
            ranges.reverse()
        }
        let text = piece.text
        return ranges.compactMap { entry in
            guard !entry.remove, !entry.range.isEmpty else { return nil }
            return TextPiece(
                text: text.scalarSlice(entry.range),
                isAtOriginalStart: piece.isAtOriginalStart && entry.range.lowerBound == text.startIndex)
        }
    }
}
