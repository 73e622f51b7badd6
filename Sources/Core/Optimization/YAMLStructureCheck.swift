// libyaml's C API, which Yams bundles as its `CYaml` module: its event stream is the only way to see
// anchors and nesting before Yams builds (and hashes) a node tree, and Yams does not expose it.
import CYaml

/// Refuses YAML that Yams could not turn into a tree safely, by reading libyaml's events first:
///
/// - anchors and aliases: an alias is a reference, so a few lines of nested aliases stand for billions
///   of nodes, and Yams hashes whole mapping keys while composing (a "billion laughs" input would hang);
///   a run configuration never needs them.
/// - nesting deeper than `maximumDepth`: Yams composes recursively, and libyaml's own limit (1,000 levels)
///   is deep enough to exhaust a small thread stack.
///
/// Syntax errors are left to Yams, whose messages quote the offending line.
enum YAMLStructureCheck {
    /// A run configuration is a mapping of options to scalars or lists: depth 2.
    static let maximumDepth = 16

    static func check(_ text: String, source: String) throws {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw ConfigurationFileError("\(source): cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let line = event.start_mark.line + 1
                var anchor: UnsafeMutablePointer<yaml_char_t>?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_ALIAS_EVENT:
                    throw ConfigurationFileError("\(source):\(line): aliases (*name) are not supported in configuration files; write the value out")
                case YAML_SCALAR_EVENT:
                    anchor = event.data.scalar.anchor
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    depth += 1
                    guard depth <= maximumDepth else {
                        throw ConfigurationFileError("\(source):\(line): values nest deeper than \(maximumDepth) levels")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if anchor != nil {
                    throw ConfigurationFileError("\(source):\(line): anchors (&name) are not supported in configuration files; write the value out")
                }
            }
        }
    }
}
