import Testing

@testable import Checkpoints

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0, file: "test.json", context: "test") }
    }

    @Test func parsesNestedValuesKeepingKeyOrderAndNumberText() throws {
        let value = try parse(#" {"b": [1, -2.5e3, true, null], "a": {"x": "y\u00e9\n\ud83d\ude00"}}   "#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))
        #expect(object["a"]?.objectValue?["x"] == .string("yé\n😀"))
        #expect(JSONValue.number("18446744073709551616").integerValue == nil)
        #expect(JSONValue.number("1.0").integerValue == nil)
        #expect(JSONValue.number("-7").integerValue == -7)
    }

    @Test func rejectsDuplicateKeysDeepNestingAndBadSyntax() {
        expectCheckpointError(.malformed, containing: ["duplicate key 'a'"]) { _ = try parse(#"{"a":1,"a":2}"#) }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        expectCheckpointError(.malformed, containing: ["nesting"]) { _ = try parse(deep) }
        for bad in ["", "{", "{\"a\"}", "[1,]", "01", "1.", "\"\\x\"", "\"\u{01}\"", "{} x", "\"\\ud800\"", "tru"] {
            expectCheckpointError(.malformed) { _ = try parse(bad) }
        }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        expectCheckpointError(.malformed, containing: ["UTF-8"]) {
            _ = try bytes.withUnsafeBytes { try JSONParser.parse($0, file: "t", context: "t") }
        }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        var object = JSONObject()
        object.insert("quote\"back\\slash", .string("tab\tnl\nctl\u{01}é"))
        object.insert("n", .array([.number("3"), .bool(false), .null]))
        let text = String(decoding: JSONWriter.serialize(.object(object)), as: UTF8.self)
        #expect(text == #"{"quote\"back\\slash":"tab\tnl\nctl\u0001é","n":[3,false,null]}"#)
        #expect(try parse(text) == .object(object))
    }
}
