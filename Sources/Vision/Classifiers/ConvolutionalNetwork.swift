import Engine
import NN

/// A small conv net: blocks of 3×3 convolution (padding 1), ReLU and 2×2 max pooling, then a linear head.
public final class ConvolutionalNetwork: ImageClassifier {
    public let architecture: ClassifierArchitecture
    /// One convolution per block.
    public let blocks: [Convolution]
    /// The linear head over the flattened last block.
    public let head: Linear

    /// A model initialised as PyTorch initialises `nn.Conv2d` and `nn.Linear` (uniform in ±1/√fan-in).
    init(architecture: ClassifierArchitecture, imageShape: [Int], classes: Int, generator: inout SeededGenerator) {
        self.architecture = architecture
        var channels = imageShape[2]
        var blocks: [Convolution] = []
        for width in architecture.widths {
            blocks.append(Convolution(inChannels: channels, outChannels: width, kernelSize: 3, generator: &generator))
            channels = width
        }
        self.blocks = blocks
        let shrink = 1 << architecture.widths.count
        head = Linear(inFeatures: (imageShape[0] / shrink) * (imageShape[1] / shrink) * channels, outFeatures: classes, generator: &generator)
    }

    public func logits(_ images: Variable) -> Variable {
        var hidden = images
        for block in blocks { hidden = maxPool2D(block(hidden).relu(), window: 2) }
        return head(hidden.reshaped([images.shape[0], -1]))
    }

    public var namedChildren: [(String, Module)] {
        blocks.enumerated().map { ("blocks.\($0.offset)", $0.element as Module) } + [("head", head)]
    }
}

/// A 3×3-style channels-last convolution layer with weight `[O, KH, KW, C]` and bias `[O]`.
public final class Convolution: Module {
    /// Weight `[outChannels, kernel, kernel, inChannels]`.
    public let weight: Variable
    /// Bias `[outChannels]`.
    public let bias: Variable

    /// Uniform in ±1/√(kernel²·inChannels), PyTorch's default for `Conv2d`.
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, generator: inout SeededGenerator) {
        let bound = 1 / Float(kernelSize * kernelSize * inChannels).squareRoot()
        weight = Variable(.uniform([outChannels, kernelSize, kernelSize, inChannels], low: -bound, high: bound, generator: &generator), requiresGradient: true)
        bias = Variable(.uniform([outChannels], low: -bound, high: bound, generator: &generator), requiresGradient: true)
    }

    /// Same-size convolution (padding k/2, stride 1) of `[B, H, W, C]`.
    public func callAsFunction(_ input: Variable) -> Variable {
        convolution2D(input, weight: weight, bias: bias, stride: 1, padding: weight.shape[1] / 2)
    }

    public func namedParameters() -> [(name: String, variable: Variable)] { [("weight", weight), ("bias", bias)] }
}
