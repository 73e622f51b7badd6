import Testing

import JSON

/// The serializer: compact, members and number text as given, only the escapes JSON requires.
@Suite struct JSONSerializerTests {
    @Test func escapesOnlyWhatJSONRequiresAndRoundTrips() throws {
        let value = JSONValue.object([
            ("quote\"back\\slash", .string("tab\tnl\nctl\u{01}é/😀")),
            ("n", .array([.number("3"), .number("-2.5E+3"), .number("18446744073709551616"), .bool(false), .null])),
            ("n", .object([])),
        ])
        let text = JSONSerializer.text(value)
        #expect(text == #"{"quote\"back\\slash":"tab\tnl\nctl\u0001é/😀","n":[3,-2.5E+3,18446744073709551616,false,null],"n":{}}"#)
        #expect(JSONSerializer.bytes(value) == Array(text.utf8))
        #expect(try JSONParser.parse(JSONSerializer.bytes(value)) == value)
    }

    @Test func reproducesCompactDocumentsByteForByte() throws {
        // Unescaped non-ASCII stays as it is; a control character comes back as the same \u escape.
        let text = #"{"b":[1,-0,1e2,{"é":"e\u0000"}],"a":"x","a":null,"e"# + "\u{301}" + #"":true}"#
        #expect(JSONSerializer.text(try JSONParser.parse(Array(text.utf8))) == text)
    }
}
