/// A strict RFC 8259 parser over UTF-8 bytes producing `JSONValue`.
///
/// Written here rather than using `JSONSerialization`, which on Linux reports `true` as a number,
/// loses key order, merges canonically equal keys and rounds large integers. It rejects invalid
/// UTF-8, control characters in strings and leading zeros, and caps nesting so hostile input (the
/// fuzzers feed it mutated files) cannot overflow the stack.
public struct JSONParser {
    /// Deepest array/object nesting accepted unless the caller asks for less.
    public static let defaultMaximumDepth = 256

    private let bytes: UnsafeRawBufferPointer
    private let maximumDepth: Int
    private let rejectingDuplicateKeys: Bool
    private var position = 0
    private var depth = 0

    /// Parses a whole document; whitespace may surround the value, anything else after it is an error.
    ///
    /// With `rejectingDuplicateKeys`, an object whose keys repeat fails with "duplicate key" at the
    /// repeated key. Keys are then compared as Swift strings (canonically equivalent keys collide),
    /// because that check exists for readers that put the members into a `[String: …]` dictionary,
    /// where such keys would silently shadow each other.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maximumDepth: Int = defaultMaximumDepth, rejectingDuplicateKeys: Bool = false
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth, rejectingDuplicateKeys: rejectingDuplicateKeys)
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("unexpected data after the JSON value") }
        return value
    }

    /// Parses a whole document held in an array.
    public static func parse(
        _ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth, rejectingDuplicateKeys: Bool = false
    ) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in
                try parse(buffer, maximumDepth: maximumDepth, rejectingDuplicateKeys: rejectingDuplicateKeys)
            }
        }
        return try result.get()
    }

    private init(bytes: UnsafeRawBufferPointer, maximumDepth: Int, rejectingDuplicateKeys: Bool) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        self.rejectingDuplicateKeys = rejectingDuplicateKeys
    }

    private func failure(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(reason: reason, offset: offset ?? position)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard let byte = current else { throw failure("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character 0x\(String(byte, radix: 16))")
        }
    }

    private mutating func expect(_ literal: StaticString) throws(JSONParseError) {
        for index in 0..<literal.utf8CodeUnitCount {
            guard current == literal.utf8Start[index] else { throw failure("expected '\(literal)'") }
            position += 1
        }
    }

    /// Counts one more level of nesting for the container opening at `position`.
    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maximumDepth { throw failure("nesting deeper than \(maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        position += 1  // '{'
        var members: [JSONMember] = []
        var seenKeys: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let keyStart = position
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':' after key") }
            position += 1
            let value = try parseValue()
            if rejectingDuplicateKeys, !seenKeys.insert(key).inserted {
                throw failure("duplicate key '\(key)'", at: keyStart)
            }
            members.append((key, value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            case nil: throw failure("unterminated object")
            default: throw failure("expected ',' or '}' in object")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        position += 1  // '['
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(elements)
            case nil: throw failure("unterminated array")
            default: throw failure("expected ',' or ']' in array")
            }
        }
    }

    /// The number's text; a leading zero may not be followed by more digits.
    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, isDigit(first) else { throw failure("expected digits in number") }
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let next = current, isDigit(next) else { throw failure("expected digits after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let next = current, isDigit(next) else { throw failure("expected digits in exponent") }
            skipDigits()
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { position += 1 }
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1  // opening quote
        var utf8: [UInt8] = []
        var runStart = position
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                break
            }
            if byte < 0x20 { throw failure("control character in string") }
            if byte == UInt8(ascii: "\\") {
                utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                try parseEscape(into: &utf8)
                runStart = position
                continue
            }
            position += 1
        }
        let text = String(decoding: utf8, as: UTF8.self)
        // Decoding repairs invalid UTF-8 with U+FFFD, so the bytes change exactly when they were invalid;
        // invalid input is rejected rather than silently repaired.
        guard text.utf8.elementsEqual(utf8) else { throw failure("string is not valid UTF-8") }
        return text
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(JSONParseError) {
        guard let escape = current else { throw failure("unterminated escape") }
        switch escape {
        case UInt8(ascii: "\""): utf8.append(0x22)
        case UInt8(ascii: "\\"): utf8.append(0x5C)
        case UInt8(ascii: "/"): utf8.append(0x2F)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            position += 1
            utf8.append(contentsOf: String(try parseUnicodeEscape()).utf8)
            return
        default:
            throw failure("invalid escape character")
        }
        position += 1
    }

    /// The scalar of `XXXX` after `\u`, joining a high surrogate with the `\uXXXX` low surrogate after it.
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        var code = UInt32(try parseHex4())
        if (0xD800..<0xDC00).contains(code) {
            guard current == UInt8(ascii: "\\") else { throw failure("unpaired surrogate") }
            position += 1
            guard current == UInt8(ascii: "u") else { throw failure("unpaired surrogate") }
            position += 1
            let low = UInt32(try parseHex4())
            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid low surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(code) {
            throw failure("unpaired surrogate")
        }
        guard let scalar = Unicode.Scalar(code) else { throw failure("invalid code point") }
        return scalar
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw failure("truncated \\u escape") }
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
