import Foundation
import Yams

/// `--config FILE.yaml`: a YAML mapping of option names to values, expanded in place into command-line
/// arguments so a file and the command line share every key, default and check.
enum ConfigurationFile {
    /// `arguments` with each `--config FILE` replaced by the options the file lists.
    static func expand(_ arguments: [String]) throws -> [String] {
        guard let index = arguments.firstIndex(of: "--config") else { return arguments }
        guard index + 1 < arguments.count else { throw ConfigurationError("--config needs a file") }
        let path = arguments[index + 1]
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigurationError("\(path): cannot read the file (\(error.localizedDescription))")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw ConfigurationError("\(path): not valid YAML: \(error)")
        }
        guard let mapping = root as? [String: Any] else { throw ConfigurationError("\(path): the top level must be a mapping of option names to values") }
        var expanded: [String] = []
        for key in mapping.keys.sorted() {
            guard key != "config" else { throw ConfigurationError("\(path): a configuration file cannot include another (key 'config')") }
            let option = "--" + key.replacingOccurrences(of: "_", with: "-")
            switch mapping[key] {
            case let flag as Bool:
                if flag { expanded.append(option) }
            case let list as [Any]:
                expanded.append(option)
                expanded += try list.map { try scalar($0, key: key, path: path) }
            case let value?:
                expanded += [option, try scalar(value, key: key, path: path)]
            case nil:
                throw ConfigurationError("\(path): '\(key)' has no value")
            }
        }
        return Array(arguments[..<index]) + expanded + (try expand(Array(arguments[(index + 2)...])))
    }

    private static func scalar(_ value: Any, key: String, path: String) throws -> String {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        case let flag as Bool: return flag ? "true" : "false"
        default: throw ConfigurationError("\(path): '\(key)' must be a string, a number or a list of them")
        }
    }
}

/// A problem with a configuration file, described for the user.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
