/// The bytes of one row plus the 1-based line where it starts.
struct JSONRecord {
    let line: Int
    let bytes: ArraySlice<UInt8>
}

/// Cuts a file into rows before any JSON parsing, so every later error can name the row's line.
///
/// TOFU ships JSON Lines, but hand-made or exported files are often one top-level array; a file whose
/// first non-blank byte is `[` is treated as an array and scanned for its top-level elements.
enum JSONRecordSplitter {
    static func split(_ bytes: [UInt8]) throws(QAProblemAtLine) -> [JSONRecord] {
        var start = 0
        // A UTF-8 byte-order mark is legal in text files and invisible to the user; skip it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let firstContent = bytes[start...].firstIndex { !isWhitespace($0) }
        guard let firstContent else { return [] }
        if bytes[firstContent] == UInt8(ascii: "[") {
            var scanner = ArrayElementScanner(bytes: bytes, position: start)
            return try scanner.elements()
        }
        return lines(bytes, from: start)
    }

    private static func lines(_ bytes: [UInt8], from start: Int) -> [JSONRecord] {
        var records: [JSONRecord] = []
        var lineNumber = 1
        var lineStart = start
        var index = start
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                var end = index
                if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let slice = bytes[lineStart..<end]
                // Blank lines (often a trailing one) carry no row; skipping them keeps numbering honest.
                if slice.contains(where: { !isWhitespace($0) }) {
                    records.append(JSONRecord(line: lineNumber, bytes: slice))
                }
                lineNumber += 1
                lineStart = index + 1
            }
            index += 1
        }
        return records
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// A structural problem found while splitting, before the row is known.
struct QAProblemAtLine: Error {
    let line: Int
    let problem: QAProblem
}
