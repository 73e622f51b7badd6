import Foundation
import Yams

/// `--config FILE.yaml`: a YAML mapping of option names to values, expanded in place into command-line
/// arguments so a file and the command line share every key, default and check.
public enum ConfigurationFile {
    /// A run configuration is a few hundred bytes; anything this large is the wrong file.
    public static let maximumFileSize = 1 << 20

    /// `arguments` with each `--config FILE` replaced by the options the file lists.
    public static func expand(_ arguments: [String]) throws -> [String] {
        guard let index = arguments.firstIndex(of: "--config") else { return arguments }
        guard index + 1 < arguments.count else { throw ConfigurationFileError("--config needs a file") }
        let path = arguments[index + 1]
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ConfigurationFileError("\(path): is a folder, not a configuration file")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConfigurationFileError("\(path): cannot read the file (\(error.localizedDescription))")
        }
        return Array(arguments[..<index]) + (try options(yaml: data, source: path)) + (try expand(Array(arguments[(index + 2)...])))
    }

    /// The command-line options a configuration file's bytes stand for, keys in sorted order;
    /// `source` names the file in errors.
    public static func options(yaml data: Data, source: String) throws -> [String] {
        guard data.count <= maximumFileSize else {
            throw ConfigurationFileError("\(source): \(data.count) bytes is too large for a configuration file (at most \(maximumFileSize))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigurationFileError("\(source): not UTF-8 text") }
        try YAMLStructureCheck.check(text, source: source)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            // Yams quotes the offending line, which can be the whole (mistaken) file: keep the start.
            let explanation = String(describing: error)
            throw ConfigurationFileError("\(source): not valid YAML: \(explanation.prefix(600))\(explanation.count > 600 ? "…" : "")")
        }
        guard case .mapping(let mapping)? = root else {
            throw ConfigurationFileError("\(source): the top level must be a mapping of option names to values")
        }
        var entries: [(key: String, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let name) = key else {
                throw ConfigurationFileError("\(source): option names must be plain words, found a \(key.isMapping ? "mapping" : "list") as a key")
            }
            guard key.tagName != .merge else { throw ConfigurationFileError("\(source): merge keys (<<) are not supported") }
            guard name.string != "config" else {
                throw ConfigurationFileError("\(source): a configuration file cannot include another (key 'config')")
            }
            entries.append((name.string, value))
        }
        var expanded: [String] = []
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            let option = "--" + key.replacingOccurrences(of: "_", with: "-")
            switch value {
            case .scalar(let scalar) where value.tagName == .bool:
                if Bool.construct(from: scalar) == true { expanded.append(option) }
            case .scalar(let scalar):
                expanded += [option, try ConfigurationValue.text(scalar, key: key, source: source)]
            case .sequence(let list):
                expanded.append(option)
                for item in list {
                    guard case .scalar(let scalar) = item else {
                        throw ConfigurationFileError("\(source): '\(key)' must be a string, a number or a list of them, not a list of lists or mappings")
                    }
                    expanded.append(try ConfigurationValue.text(scalar, key: key, source: source))
                }
            case .mapping, .alias:
                throw ConfigurationFileError("\(source): '\(key)' must be a string, a number or a list of them, not a mapping")
            }
        }
        return expanded
    }
}

extension Node {
    /// The resolved tag (`Tag.name` itself is internal to Yams; its description is the name).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.description) }

    fileprivate var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}
