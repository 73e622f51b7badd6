/// A registered method of any modality (language objectives, classifier unlearning, diffusion erasure):
/// its command-line name, a one-line summary, its defaults and the factory that builds it. Its settings
/// are one `Codable` value, filled from the defaults, then `--set key=value` (or a YAML file), then the
/// settings the method derives from others (`resolve`), so every modality's methods take options the same way.
public struct MethodDescriptor<Settings: Codable & Sendable, Context, Method>: Sendable {
    /// Command-line name ("simnpo", "salun", "esd").
    public let name: String
    /// One line on what the method does.
    public let summary: String
    private let defaults: @Sendable (Context) -> Settings
    private let resolve: @Sendable (inout Settings, Context) -> Void
    private let build: @Sendable (Settings, Context) throws -> Method

    /// A descriptor; `defaults` may depend on the context (RMU's layer on the model's depth).
    public init(name: String, summary: String, defaults: @escaping @Sendable (Context) -> Settings,
                resolve: @escaping @Sendable (inout Settings, Context) -> Void = { _, _ in },
                build: @escaping @Sendable (Settings, Context) throws -> Method) {
        self.name = name
        self.summary = summary
        self.defaults = defaults
        self.resolve = resolve
        self.build = build
    }

    /// The method's settings for `context`: its defaults, then `overrides`, then the derived settings.
    public func settings(for context: Context, overrides: SettingOverrides = SettingOverrides()) throws -> Settings {
        var settings = try overrides.apply(to: defaults(context))
        resolve(&settings, context)
        return settings
    }

    /// The method, built from `settings` (refusing settings the context cannot run).
    public func make(_ settings: Settings, _ context: Context) throws -> Method {
        try build(settings, context)
    }
}
