import Engine

/// A layer or model that owns named parameters, listed with Hugging Face-style dotted names.
public protocol Module: AnyObject {
    /// Every parameter below this module, named relative to it (e.g. `layers.0.self_attn.q_proj.weight`).
    func namedParameters() -> [(name: String, variable: Variable)]
    /// Direct sub-modules with their field names (empty for leaf layers).
    var namedChildren: [(String, Module)] { get }
}

extension Module {
    public var namedChildren: [(String, Module)] { [] }

    /// A composite module's parameters are its children's, prefixed with their names.
    public func namedParameters() -> [(name: String, variable: Variable)] { collect(namedChildren) }

    /// This module and every module below it, with dotted paths ("" for this one), depth first.
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(name: String, module: Module)] = [("", self)]
        for (name, child) in namedChildren {
            result += child.namedModules().map { (name: $0.name.isEmpty ? name : name + "." + $0.name, module: $0.module) }
        }
        return result
    }

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
