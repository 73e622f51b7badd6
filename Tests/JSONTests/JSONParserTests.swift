import Testing

import JSON

/// The parser: exact number text, members as written, strict syntax with byte offsets, the depth cap.
@Suite struct JSONParserTests {
    private func parse(_ text: String, rejectingDuplicateKeys: Bool = false) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8), rejectingDuplicateKeys: rejectingDuplicateKeys)
    }

    @Test func parsesNestedValuesKeepingKeyOrderAndNumberText() throws {
        let value = try parse(#" {"b": [1, -2.5e3, true, null], "a": {"x": "y\u00e9\n\ud83d\ude00"}}   "#)
        #expect(value.objectMembers?.map(\.key) == ["b", "a"])
        #expect(value["b"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))
        #expect(value["a"]?["x"] == .string("yé\n😀"))
    }

    @Test func keepsIntegersBeyondDoublePrecisionExactly() throws {
        // 2^53 + 1 has no Double; safetensors offsets must not round through one.
        let value = try parse("[9007199254740993, 18446744073709551616, 1.0, -7, 2.5e3]")
        let numbers = try #require(value.arrayValue)
        #expect(numbers[0] == .number("9007199254740993"))
        #expect(numbers[0].integerValue == 9_007_199_254_740_993)
        #expect(numbers[0].doubleValue == 9_007_199_254_740_992)
        #expect(numbers[1].integerValue == nil)  // beyond Int
        #expect(numbers[2].integerValue == nil)  // a fraction, even if whole
        #expect(numbers[3].integerValue == -7)
        #expect(numbers[4].integerValue == nil && numbers[4].doubleValue == 2500)
        #expect(JSONValue.number(42) == .number("42"))
    }

    @Test func keepsRepeatedKeysInOrderUnlessAskedToRejectThem() throws {
        let value = try parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectMembers?.map(\.key) == ["a", "b", "a"])
        #expect(value.objectMembers?.map(\.value) == [.number(1), .number(2), .number(3)])
        #expect(value["a"] == .number(3), "the last of repeated keys wins, as in serde_json")
        #expect(throws: JSONParseError(reason: "duplicate key 'a'", offset: 13)) {
            try parse(#"{"a":1,"b":2,"a":3}"#, rejectingDuplicateKeys: true)
        }
        #expect(throws: JSONParseError(reason: "duplicate key 'c'", offset: 18)) {
            try parse(#"{"a":1,"b":{"c":1,"c":2}}"#, rejectingDuplicateKeys: true)
        }
    }

    @Test func comparesKeysByteForByte() throws {
        // "é" precomposed and "e" + combining acute are equal Swift strings but different keys.
        let value = try parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
        #expect(value.objectMembers?.count == 2)
        #expect(value["\u{E9}"] == .number(1))
        #expect(value["e\u{301}"] == .number(2))
        #expect(JSONValue.string("\u{E9}") != .string("e\u{301}"))
        #expect(JSONValue.object([("\u{E9}", .null)]) != .object([("e\u{301}", .null)]))
        // The duplicate check guards readers that key a dictionary by these names, where they would collide.
        #expect(throws: JSONParseError(reason: "duplicate key 'e\u{301}'", offset: 8)) {
            try parse("{\"\u{E9}\":1,\"e\u{301}\":2}", rejectingDuplicateKeys: true)
        }
    }

    @Test func capsNesting() throws {
        let deepest = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try parse(deepest) }
        #expect(throws: JSONParseError(reason: "nesting deeper than 256 levels", offset: 256)) {
            try parse("[" + deepest + "]")
        }
        #expect(throws: JSONParseError(reason: "nesting deeper than 3 levels", offset: 11)) {
            try JSONParser.parse(Array(#"{"a":[{"b":[]}]}"#.utf8), maximumDepth: 3)
        }
        // Far deeper than the stack allows if the cap did not stop it first.
        #expect(throws: JSONParseError.self) { try parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func reportsMalformedInputWithItsByteOffset() {
        let cases: [(String, String, Int)] = [
            ("", "unexpected end of input", 0),
            ("{", "expected a string key", 1),
            (#"{"a"}"#, "expected ':' after key", 4),
            ("[1,]", "unexpected character 0x5d", 3),
            ("[1 2]", "expected ',' or ']' in array", 3),
            (#"{"a":1 "b"}"#, "expected ',' or '}' in object", 7),
            ("[1", "unterminated array", 2),
            (#"{"a":1"#, "unterminated object", 6),
            ("01", "unexpected data after the JSON value", 1),
            ("1.", "expected digits after '.'", 2),
            ("1e+", "expected digits in exponent", 3),
            ("-a", "expected digits in number", 1),
            ("tru", "expected 'true'", 3),
            ("nulL", "expected 'null'", 3),
            (#""\x""#, "invalid escape character", 2),
            ("\"\u{01}\"", "control character in string", 1),
            (#""abc"#, "unterminated string", 4),
            (#""\u12""#, "invalid hex digit in \\u escape", 5),
            (#""\ud800""#, "unpaired surrogate", 7),
            (#""\ud800\u0041""#, "invalid low surrogate", 13),
            (#""\udc00""#, "unpaired surrogate", 7),
            ("{} x", "unexpected data after the JSON value", 3),
            ("\u{FEFF}{}", "unexpected character 0xef", 0),
        ]
        for (text, reason, offset) in cases {
            #expect(throws: JSONParseError(reason: reason, offset: offset), "\(text.debugDescription)") { try parse(text) }
        }
        #expect(throws: JSONParseError(reason: "string is not valid UTF-8", offset: 4)) {
            try JSONParser.parse([0x22, 0xC3, 0x28, 0x22])
        }
        #expect(JSONParseError(reason: "unterminated array", offset: 2).description == "at byte 2: unterminated array")
    }
}
