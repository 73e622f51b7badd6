import Engine
import NN

/// A model mapping channels-last images `[B, H, W, C]` to class logits `[B, K]`.
public protocol ImageClassifier: Module {
    /// What the model is, enough to rebuild it before loading weights.
    var architecture: ClassifierArchitecture { get }
    /// Class logits for a batch of images.
    func logits(_ images: Variable) -> Variable
}

/// A classifier architecture and its layer widths; parsed from and printed as "mlp-256-256" or "conv-16-32".
public struct ClassifierArchitecture: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The family of model.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Fully connected: flatten, then ReLU hidden layers of the given widths.
        case mlp
        /// Convolutional: per width a 3×3 convolution (padding 1), ReLU and 2×2 max pooling, then a linear head.
        case conv
    }

    /// The family.
    public var kind: Kind
    /// Hidden widths (MLP) or channels per convolution block (conv).
    public var widths: [Int]

    /// An architecture of `kind` with explicit widths.
    public init(kind: Kind, widths: [Int]) {
        self.kind = kind
        self.widths = widths
    }

    /// The reference prototype's MLP 768 → 256 → 256 → 20 (§11.2).
    public static let multilayerPerceptron = ClassifierArchitecture(kind: .mlp, widths: [256, 256])
    /// A small conv net: 16 and 32 channels, then a linear head over the 4×4×32 features of a 16×16 image.
    public static let convolutional = ClassifierArchitecture(kind: .conv, widths: [16, 32])

    /// Parses "mlp", "conv" (the defaults) or "mlp-128-64"-style names.
    public init(parsing text: String) throws {
        let parts = text.lowercased().split(separator: "-").map(String.init)
        guard let first = parts.first, let kind = Kind(rawValue: first) else {
            throw ClassifierError("--architecture", "'\(text)' is not mlp, conv or e.g. mlp-256-256 / conv-16-32")
        }
        let widths = parts.dropFirst().compactMap { Int($0) }
        guard widths.count == parts.count - 1, widths.allSatisfy({ $0 > 0 }) else {
            throw ClassifierError("--architecture", "'\(text)': widths must be positive integers separated by '-'")
        }
        self = widths.isEmpty ? (kind == .mlp ? .multilayerPerceptron : .convolutional) : ClassifierArchitecture(kind: kind, widths: widths)
    }

    public var description: String { ([kind.rawValue] + widths.map(String.init)).joined(separator: "-") }

    /// A freshly initialised model for images of `imageShape` ([H, W, C]) and `classes` classes.
    public func makeModel(imageShape: [Int], classes: Int, seed: UInt64) throws -> ImageClassifier {
        guard imageShape.count == 3, imageShape.allSatisfy({ $0 > 0 }), classes > 1 else {
            throw ClassifierError("architecture \(self)", "needs a [H, W, C] image shape and at least 2 classes, got \(imageShape) and \(classes)")
        }
        var generator = SeedDerivation.generator(seed, SeedDerivation.key("initialisation"))
        switch kind {
        case .mlp:
            return MultilayerPerceptron(architecture: self, imageShape: imageShape, classes: classes, generator: &generator)
        case .conv:
            let shrink = 1 << widths.count
            guard imageShape[0] % shrink == 0, imageShape[1] % shrink == 0 else {
                throw ClassifierError("architecture \(self)", "\(widths.count) pooling steps need image sides divisible by \(shrink), got \(imageShape)")
            }
            return ConvolutionalNetwork(architecture: self, imageShape: imageShape, classes: classes, generator: &generator)
        }
    }
}
