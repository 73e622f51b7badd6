import Engine

/// A layer or model that owns named parameters, listed with Hugging Face-style dotted names.
public protocol Module: AnyObject {
    /// Every parameter below this module, named relative to it (e.g. `layers.0.self_attn.q_proj.weight`).
    func namedParameters() -> [(name: String, variable: Variable)]
}

extension Module {
    /// Parameters of `children` prefixed with their field names, for composite modules.
    public func collect(_ children: [(String, Module)]) -> [(name: String, variable: Variable)] {
        children.flatMap { prefix, child in
            child.namedParameters().map { (name: prefix + "." + $0.name, variable: $0.variable) }
        }
    }

    /// Total number of scalar parameters.
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.variable.value.count } }

    /// Parameters as a dictionary keyed by dotted name.
    public func parameterDictionary() -> [String: Variable] {
        Dictionary(namedParameters().map { ($0.name, $0.variable) }, uniquingKeysWith: { first, _ in first })
    }
}
