import JSON

/// Parses the JSON of safetensors headers and index files: repeated keys rejected, nesting capped at 64.
enum CheckpointJSON {
    /// Headers are a few levels deep; a tighter cap than the general one keeps hostile files cheap.
    static let maximumDepth = 64

    /// Parses `bytes`, rejecting repeated keys (each tensor name must mean one tensor); `context`
    /// ("header", "index") names the part of `file` in the error.
    static func parse(_ bytes: UnsafeRawBufferPointer, file: String, context: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes, maximumDepth: maximumDepth, rejectingDuplicateKeys: true)
        } catch {
            throw CheckpointError.malformed(file, "invalid JSON in \(context) at byte \(error.offset): \(error.reason)")
        }
    }
}
