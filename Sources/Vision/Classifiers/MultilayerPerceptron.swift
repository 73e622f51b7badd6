import Engine
import NN

/// A fully connected classifier: flattened pixels, ReLU hidden layers, linear output.
public final class MultilayerPerceptron: ImageClassifier {
    public let architecture: ClassifierArchitecture
    /// Hidden layers then the output layer, named `layers.0`, `layers.1`, ….
    public let layers: [Linear]

    /// A model initialised as PyTorch initialises `nn.Linear`.
    init(architecture: ClassifierArchitecture, imageShape: [Int], classes: Int, generator: inout SeededGenerator) {
        self.architecture = architecture
        let sizes = [Shape.count(imageShape)] + architecture.widths + [classes]
        layers = (0..<(sizes.count - 1)).map { Linear(inFeatures: sizes[$0], outFeatures: sizes[$0 + 1], generator: &generator) }
    }

    public func logits(_ images: Variable) -> Variable {
        var hidden = images.reshaped([images.shape[0], -1])
        for (index, layer) in layers.enumerated() {
            hidden = layer(hidden)
            if index < layers.count - 1 { hidden = hidden.relu() }
        }
        return hidden
    }

    public var namedChildren: [(String, Module)] { layers.enumerated().map { ("layers.\($0.offset)", $0.element) } }
}
