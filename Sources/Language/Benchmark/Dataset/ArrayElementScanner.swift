/// Finds the top-level elements of a JSON array and the line each starts on.
///
/// Only structure is checked here (brackets, strings, commas); each element is parsed afterwards by
/// `JSONDecoder`, so detailed JSON errors still come from Foundation but carry our line numbers.
struct ArrayElementScanner {
    let bytes: [UInt8]
    var position: Int
    var line = 1

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    mutating func elements() throws(QAProblemAtLine) -> [JSONRecord] {
        skipWhitespace()
        let openingLine = line
        position += 1  // the caller saw the opening `[`
        var records: [JSONRecord] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            try expectOnlyWhitespaceAfterArray()
            return records
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else {
                throw QAProblemAtLine(line: openingLine, problem: .invalidJSON("array opened here is never closed"))
            }
            let elementLine = line
            let elementStart = position
            try skipValue(startLine: elementLine)
            if position == elementStart {
                throw QAProblemAtLine(line: elementLine, problem: .invalidJSON("expected a value in the array"))
            }
            records.append(JSONRecord(line: elementLine, bytes: bytes[elementStart..<position]))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                try expectOnlyWhitespaceAfterArray()
                return records
            case nil:
                throw QAProblemAtLine(line: openingLine, problem: .invalidJSON("array opened here is never closed"))
            default:
                throw QAProblemAtLine(line: line, problem: .invalidJSON("expected ',' or ']' between array elements"))
            }
        }
    }

    /// Advances over one value: nested brackets are counted and strings skipped with their escapes.
    private mutating func skipValue(startLine: Int) throws(QAProblemAtLine) {
        var depth = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                try skipString()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return }
            case UInt8(ascii: "\n"):
                line += 1
            default:
                break
            }
            position += 1
        }
        if depth > 0 {
            throw QAProblemAtLine(line: startLine, problem: .invalidJSON("element starting here is never closed"))
        }
    }

    private mutating func skipString() throws(QAProblemAtLine) {
        let startLine = line
        position += 1
        while let byte = peek() {
            position += 1
            if byte == UInt8(ascii: "\\") {
                position += 1
            } else if byte == UInt8(ascii: "\"") {
                return
            } else if byte == UInt8(ascii: "\n") {
                // A raw newline inside a string is invalid JSON, but counting it keeps later lines right.
                line += 1
            }
        }
        throw QAProblemAtLine(line: startLine, problem: .invalidJSON("string starting here is never closed"))
    }

    private mutating func expectOnlyWhitespaceAfterArray() throws(QAProblemAtLine) {
        skipWhitespace()
        if position < bytes.count {
            throw QAProblemAtLine(line: line, problem: .invalidJSON("unexpected content after the closing ']'"))
        }
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), JSONRecordSplitter.isWhitespace(byte) {
            if byte == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }
}
