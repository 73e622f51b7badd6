import Foundation
import Testing

/// The package's layering, read from Package.swift and every `import` line, so that it cannot rot:
/// Core imports neither Language nor Vision, Language and Vision never import each other, only Tools
/// sees everything, and no source imports a package module its target does not declare.
@Suite struct ImportRuleTests {
    /// The package root (two folders above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The four layers of the package.
    enum Group: String, CaseIterable {
        case core = "Core", language = "Language", vision = "Vision", tools = "Tools"

        /// Whether code of this group may import a module of `other`.
        func mayImport(_ other: Group) -> Bool {
            switch (self, other) {
            case (.tools, _): return true
            case (_, .tools): return false
            case (.core, .core): return true
            case (.core, _): return false
            case (.language, .vision), (.vision, .language): return false
            default: return true
            }
        }
    }

    @Test func everyTargetHasAGroupAndEveryImportFollowsTheRules() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        // Production targets only: test targets and the test-support library under Tests/ are not layered.
        let targets = PackageManifest.targets(in: manifest).filter { $0.kind != "testTarget" && !($0.path ?? "").hasPrefix("Tests/") }
        #expect(targets.count >= 20, "Package.swift parsed into \(targets.map(\.name))")
        let names = Set(targets.map(\.name))
        var violations: [String] = []
        for target in targets where target.kind != "systemLibrary" {
            guard let group = Self.group(of: target) else {
                violations.append("\(target.name): not in a group's folder (give it path: \"Sources/Core|Language|Vision|Tools/\(target.name)\")")
                continue
            }
            let folder = Self.root.appendingPathComponent(target.path ?? "Sources/\(target.name)")
            for (file, module) in try Self.imports(under: folder) where names.contains(module) && module != target.name {
                let dependency = try #require(targets.first { $0.name == module })
                let relative = String(file.path.dropFirst(Self.root.path.count + 1))
                if !target.dependencies.contains(module) {
                    violations.append("\(relative) imports \(module), which target \(target.name) does not declare in Package.swift")
                }
                if let other = Self.group(of: dependency), !group.mayImport(other) {
                    violations.append("\(relative) (\(group.rawValue)) imports \(module) (\(other.rawValue))")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test func theRulesThemselves() {
        #expect(!Group.core.mayImport(.language) && !Group.core.mayImport(.vision))
        #expect(!Group.language.mayImport(.vision) && !Group.vision.mayImport(.language))
        #expect(Group.language.mayImport(.core) && Group.vision.mayImport(.core))
        #expect(Group.allCases.allSatisfy { Group.tools.mayImport($0) && ($0 == .tools || !$0.mayImport(.tools)) })
    }

    @Test func theManifestParserReadsNamesPathsAndDependencies() {
        let text = #"""
        .target(name: "A", dependencies: ["B", .product(name: "Yams", package: "Yams")], path: "Sources/Core/A"),
        .executableTarget(
            name: "tool",
            dependencies: [
                "A",
            ]
        ),
        .systemLibrary(name: "CZ", path: "Sources/CZ", providers: [.apt(["z"])]),
        """#
        let targets = PackageManifest.targets(in: text)
        #expect(targets.map(\.name) == ["A", "tool", "CZ"])
        #expect(targets[0].dependencies == ["B", "Yams"] && targets[0].path == "Sources/Core/A")
        #expect(targets[1].dependencies == ["A"] && targets[1].kind == "executableTarget")
        #expect(Self.group(of: targets[0]) == .core)
    }

    /// The group from the target's folder, `Sources/<Group>/<Target>`.
    static func group(of target: PackageManifest.Target) -> Group? {
        guard let parts = target.path?.split(separator: "/"), parts.count == 3, parts[0] == "Sources" else { return nil }
        return Group(rawValue: String(parts[1]))
    }

    /// Every `import M` (also `@testable`, `@_exported`, `import struct M.X`) of the Swift files under `folder`.
    static func imports(under folder: URL) throws -> [(URL, String)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var result: [(URL, String)] = []
        for case let file as URL in walker where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                var words = line.split(separator: " ").map(String.init)
                while let first = words.first, first.hasPrefix("@") || first == "public" || first == "internal" { words.removeFirst() }
                guard words.first == "import", words.count >= 2 else { continue }
                let path = words.count >= 3 && ["struct", "class", "enum", "func", "protocol", "typealias", "var", "let"].contains(words[1])
                    ? words[2] : words[1]
                result.append((file, String(path.split(separator: ".")[0])))
            }
        }
        return result
    }
}

/// Just enough of Package.swift to know each target's name, kind, folder and dependencies.
enum PackageManifest {
    /// One target declaration.
    struct Target {
        var kind: String
        var name: String
        var path: String?
        var dependencies: [String]
    }

    static func targets(in manifest: String) -> [Target] {
        let text = Array(manifest)
        var result: [Target] = []
        var index = 0
        let kinds = ["target", "executableTarget", "testTarget", "systemLibrary"]
        while index < text.count {
            guard text[index] == "." else { index += 1; continue }
            let rest = String(text[(index + 1)..<min(text.count, index + 20)])
            guard let kind = kinds.first(where: { rest.hasPrefix($0 + "(") }) else { index += 1; continue }
            let open = index + 1 + kind.count
            let close = matching(text, from: open, open: "(", close: ")")
            let body = String(text[(open + 1)..<close])
            index = close
            guard let name = firstQuoted(after: "name:", in: body) else { continue }
            var dependencies: [String] = []
            if let start = body.range(of: "dependencies:")?.upperBound {
                let characters = Array(body[start...])
                if let bracket = characters.firstIndex(of: "[") {
                    let end = matching(characters, from: bracket, open: "[", close: "]")
                    let list = String(characters[(bracket + 1)..<end])
                    // "Name" entries, and .product(name: "P", ...) entries by their product name.
                    var remaining = list[...]
                    while let quote = remaining.firstIndex(of: "\"") {
                        let before = remaining[..<quote]
                        let after = remaining[remaining.index(after: quote)...]
                        guard let end = after.firstIndex(of: "\"") else { break }
                        let word = String(after[..<end])
                        let isPackageName = before.hasSuffix("package: ")
                        if !isPackageName { dependencies.append(word) }
                        remaining = after[after.index(after: end)...]
                    }
                }
            }
            result.append(Target(kind: kind, name: name, path: firstQuoted(after: "path:", in: body), dependencies: dependencies))
        }
        return result
    }

    private static func matching(_ text: [Character], from start: Int, open: Character, close: Character) -> Int {
        var depth = 0
        for position in start..<text.count {
            if text[position] == open { depth += 1 }
            if text[position] == close { depth -= 1; if depth == 0 { return position } }
        }
        return text.count
    }

    private static func firstQuoted(after label: String, in body: String) -> String? {
        guard let range = body.range(of: label) else { return nil }
        let rest = body[range.upperBound...]
        guard let open = rest.firstIndex(of: "\"") else { return nil }
        let after = rest[rest.index(after: open)...]
        guard let close = after.firstIndex(of: "\"") else { return nil }
        return String(after[..<close])
    }
}
