/// A problem with a configuration file, described for the user (the description starts with the file).
public struct ConfigurationFileError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
