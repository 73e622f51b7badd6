import Foundation

/// `--set key=value` for any method's `Codable` settings: the keys are the settings' own property names
/// (kebab-case or camelCase), values are typed by the property they replace, and `none` clears an
/// optional one. One mechanism for every modality, so a new knob needs no new command-line flag.
public struct SettingOverrides: Sendable {
    /// (key as written, value as written), in the order given; a later one wins.
    public private(set) var pairs: [(key: String, value: String)]

    /// No overrides.
    public init() { pairs = [] }

    /// Parses `key=value` arguments; a missing `=` or an empty key is an error naming the argument.
    public init(parsing arguments: [String]) throws {
        pairs = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw ConfigurationFileError("--set \(argument): expected key=value")
            }
            pairs.append((String(argument[..<equals]), String(argument[argument.index(after: equals)...])))
        }
    }

    /// A command's dedicated flags as overrides (a flag not given is nil and adds nothing), then `--set`'s
    /// `key=value` arguments, which come later and so win.
    public init(flags: KeyValuePairs<String, (any CustomStringConvertible)?>, then arguments: [String] = []) throws {
        self.init()
        for (key, value) in flags { append(key, value) }
        pairs += try SettingOverrides(parsing: arguments).pairs
    }

    /// Adds one override when `value` is given (the command's dedicated flags become overrides too);
    /// the value is written as text, as on the command line.
    public mutating func append(_ key: String, _ value: (any CustomStringConvertible)?) {
        if let value { pairs.append((key, value.description)) }
    }

    /// The property name `key` stands for: `steering-layer` → `steeringLayer`.
    static func propertyName(_ key: String) -> String {
        let words = key.split(separator: "-", omittingEmptySubsequences: false)
        return words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }

    /// The kebab-case spelling of a property name: `steeringLayer` → `steering-layer`.
    public static func optionName(_ property: String) -> String {
        property.reduce(into: "") { text, character in
            if character.isUppercase { text += "-" + character.lowercased() } else { text.append(character) }
        }
    }

    /// The keys `settings` accepts, kebab-case, in declaration order.
    public static func keys<Settings>(of settings: Settings) -> [String] {
        Mirror(reflecting: settings).children.compactMap(\.label).map(optionName)
    }

    /// `settings` with every override applied; an unknown key or a value of the wrong type is an error
    /// naming the key and listing the valid ones.
    public func apply<Settings: Codable>(to settings: Settings) throws -> Settings {
        guard !pairs.isEmpty else { return settings }
        let properties = Mirror(reflecting: settings).children.compactMap(\.label)
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(settings)) as? [String: Any] ?? [:]
        for (key, value) in pairs {
            let property = Self.propertyName(key)
            guard properties.contains(property) else {
                throw ConfigurationFileError("'\(key)' is not a setting of this method (its settings: \(properties.map(Self.optionName).joined(separator: ", ")))")
            }
            object[property] = Self.typedValue(value)
            do {
                _ = try JSONDecoder().decode(Settings.self, from: JSONSerialization.data(withJSONObject: object))
            } catch {
                // A text setting given something that reads as a number or a flag ("5", "true"): keep the text.
                object[property] = value.lowercased() == "none" ? nil : value
                do { _ = try JSONDecoder().decode(Settings.self, from: JSONSerialization.data(withJSONObject: object)) } catch {
                    throw ConfigurationFileError("'\(value)' is not a valid value for the setting \(Self.optionName(property))")
                }
            }
        }
        return try JSONDecoder().decode(Settings.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// A number, a flag, nothing (`none`), or text.
    static func typedValue(_ text: String) -> Any? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        case "none", "null": return nil
        default: break
        }
        if let integer = Int(text) { return integer }
        if let number = Double(text), number.isFinite { return number }
        return text
    }
}
