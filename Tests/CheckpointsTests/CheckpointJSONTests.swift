import Testing

import JSON
@testable import Checkpoints

/// The safetensors side of the JSON parser: repeated keys rejected, a tighter depth cap, errors naming file and offset.
@Suite struct CheckpointJSONTests {
    private func parse(_ text: String) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { try CheckpointJSON.parse($0, file: "model.safetensors", context: "header") }
    }

    @Test func rejectsRepeatedKeysNamingTheFileAndOffset() {
        expectCheckpointError(.malformed, containing: ["model.safetensors: invalid JSON in header at byte 7: duplicate key 'a'"]) {
            _ = try parse(#"{"a":1,"a":2}"#)
        }
        // Tensor names become dictionary keys, where canonically equivalent names would shadow each other.
        expectCheckpointError(.malformed, containing: ["at byte 8: duplicate key 'e\u{301}'"]) {
            _ = try parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
        }
    }

    @Test func capsNestingAt64Levels() throws {
        _ = try parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        expectCheckpointError(.malformed, containing: ["invalid JSON in header at byte 64: nesting deeper than 64 levels"]) {
            _ = try parse(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
        }
    }

    @Test func reportsSyntaxErrorsAndInvalidUTF8() {
        expectCheckpointError(.malformed, containing: ["invalid JSON in header at byte 3: unexpected character 0x5d"]) { _ = try parse("[1,]") }
        expectCheckpointError(.malformed, containing: ["string is not valid UTF-8"]) {
            _ = try [UInt8]([0x22, 0xC3, 0x28, 0x22]).withUnsafeBytes { try CheckpointJSON.parse($0, file: "t", context: "t") }
        }
    }
}
