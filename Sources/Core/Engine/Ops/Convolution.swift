// 2-D convolution and max pooling over channels-last (`[N, H, W, C]`) images.
//
// Channels-last keeps every kernel position's channels contiguous, so im2col copies runs of C floats and the
// whole convolution is one GEMM of the patch matrix `[N·OH·OW, KH·KW·C]` against the weight `[O, KH·KW·C]` —
// the same shape `linear` multiplies, the one BLAS runs fastest — and its output is already channels-last.

/// Cross-correlation (PyTorch's `conv2d`) of `input [N, H, W, C]` with `weight [O, KH, KW, C]` plus an
/// optional `bias [O]`, zero padding `padding` on every side and step `stride`: the result is
/// `[N, OH, OW, O]` with `OH = (H + 2·padding − KH) / stride + 1`.
///
/// It is im2col followed by `linear` over the patch matrix (so the GEMMs and their gradients are the linear
/// layer's); the im2col op's backward, col2im, scatters the patch gradients back into `dX`.
public func convolution2D(_ input: Variable, weight: Variable, bias: Variable? = nil, stride: Int = 1, padding: Int = 0) -> Variable {
    precondition(input.shape.count == 4, "convolution2D: input must be [N, H, W, C], got \(input.shape)")
    precondition(weight.shape.count == 4, "convolution2D: weight must be [O, KH, KW, C], got \(weight.shape)")
    precondition(weight.shape[3] == input.shape[3], "convolution2D: weight \(weight.shape) does not match \(input.shape[3]) input channels")
    precondition(stride >= 1 && padding >= 0, "convolution2D: stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0")
    let geometry = ConvolutionGeometry(input: input.shape, kernelHeight: weight.shape[1], kernelWidth: weight.shape[2],
                                       stride: stride, padding: padding)
    let outFeatures = weight.shape[0]
    if let bias { precondition(bias.shape == [outFeatures], "convolution2D: bias \(bias.shape) is not [\(outFeatures)]") }
    return linear(imageToColumns(input, geometry), weight: weight.reshaped([outFeatures, geometry.patch]), bias: bias)
        .reshaped([geometry.batch, geometry.outputHeight, geometry.outputWidth, outFeatures])
}

/// The patch matrix `[N·OH·OW, KH·KW·C]` of `input` as an op: its gradient is col2im of the upstream one.
func imageToColumns(_ input: Variable, _ geometry: ConvolutionGeometry) -> Variable {
    let patches = Tensor(zeros: [geometry.rows, geometry.patch])
    ConvolutionKernels.imageToColumns(input.value, into: patches, geometry)
    return Variable.record(patches, inputs: [input]) { gradient in
        let dx = Tensor(zeros: input.shape)
        ConvolutionKernels.columnsToImage(gradient, into: dx, geometry)
        return [dx]
    }
}

/// Max pooling of `input [N, H, W, C]` over `window × window` squares taken every `stride` pixels (no
/// padding): the result is `[N, OH, OW, C]` with `OH = (H − window) / stride + 1`. The gradient goes to the
/// first maximal element of each window (PyTorch's choice too).
public func maxPool2D(_ input: Variable, window: Int, stride: Int? = nil) -> Variable {
    precondition(input.shape.count == 4, "maxPool2D: input must be [N, H, W, C], got \(input.shape)")
    let step = stride ?? window
    precondition(window >= 1 && step >= 1, "maxPool2D: window \(window) and stride \(step) must be ≥ 1")
    let (batch, height, width, channels) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    precondition(height >= window && width >= window, "maxPool2D: window \(window) exceeds image \(height)×\(width)")
    let outputHeight = (height - window) / step + 1, outputWidth = (width - window) / step + 1
    let x = input.value
    let output = Tensor(zeros: [batch, outputHeight, outputWidth, channels])
    // Index of each output's winner inside its image, kept for the backward scatter.
    let winners = IndexBuffer(count: output.count)
    let (px, py, pw) = (SendablePointer(x.data), SendablePointer(output.data), SendablePointer(winners.pointer))
    let imageSize = height * width * channels, outputImageSize = outputHeight * outputWidth * channels
    Parallel.forRanges(batch, minimumChunk: 8) { range in
        for image in range {
            let source = px.pointer + image * imageSize
            for row in 0..<outputHeight {
                for column in 0..<outputWidth {
                    let out = image * outputImageSize + (row * outputWidth + column) * channels
                    for channel in 0..<channels {
                        var best = -Float.infinity, bestIndex = -1
                        for windowRow in 0..<window {
                            for windowColumn in 0..<window {
                                let index = ((row * step + windowRow) * width + column * step + windowColumn) * channels + channel
                                if source[index] > best || bestIndex < 0 { best = source[index]; bestIndex = index }
                            }
                        }
                        py.pointer[out + channel] = best
                        pw.pointer[out + channel] = bestIndex
                    }
                }
            }
        }
    }
    return Variable.record(output, inputs: [input]) { gradient in
        let result = Tensor(zeros: x.shape)
        let (pg, pr, pw) = (SendablePointer(gradient.data), SendablePointer(result.data), SendablePointer(winners.pointer))
        Parallel.forRanges(batch, minimumChunk: 8) { range in
            for image in range {
                let destination = pr.pointer + image * imageSize
                for index in (image * outputImageSize)..<((image + 1) * outputImageSize) {
                    destination[pw.pointer[index]] += pg.pointer[index]
                }
            }
        }
        return [result]
    }
}

/// Sizes of one convolution: input, kernel, output, and the patch matrix they imply.
struct ConvolutionGeometry {
    let batch, height, width, channels: Int
    let kernelHeight, kernelWidth, stride, padding: Int
    let outputHeight, outputWidth: Int

    init(input shape: [Int], kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int) {
        (batch, height, width, channels) = (shape[0], shape[1], shape[2], shape[3])
        (self.kernelHeight, self.kernelWidth, self.stride, self.padding) = (kernelHeight, kernelWidth, stride, padding)
        precondition(height + 2 * padding >= kernelHeight && width + 2 * padding >= kernelWidth,
                     "convolution2D: kernel \(kernelHeight)×\(kernelWidth) exceeds padded image \(height)×\(width) (padding \(padding))")
        outputHeight = (height + 2 * padding - kernelHeight) / stride + 1
        outputWidth = (width + 2 * padding - kernelWidth) / stride + 1
    }

    /// Elements of one patch (one row of the patch matrix).
    var patch: Int { kernelHeight * kernelWidth * channels }
    /// Output pixels over the batch (rows of the patch matrix).
    var rows: Int { batch * outputHeight * outputWidth }
}

/// im2col and its adjoint col2im for channels-last images.
enum ConvolutionKernels {
    /// Fills the (zeroed) patch matrix: row (n, oh, ow) holds the receptive field of that output pixel,
    /// kernel positions outermost and channels innermost; positions in the padding stay zero.
    static func imageToColumns(_ image: Tensor, into patches: Tensor, _ g: ConvolutionGeometry) {
        let (source, destination) = (SendablePointer(image.data), SendablePointer(patches.data))
        Parallel.forRanges(g.rows, minimumChunk: 256) { range in
            for row in range {
                forEachTap(row, g) { patchOffset, imageOffset in
                    (destination.pointer + patchOffset).update(from: source.pointer + imageOffset, count: g.channels)
                }
            }
        }
    }

    /// Adds every patch-matrix entry back onto the image pixel it was copied from (the transpose of
    /// `imageToColumns`). Parallel over images, whose pixels no other image's patches touch.
    static func columnsToImage(_ patches: Tensor, into image: Tensor, _ g: ConvolutionGeometry) {
        let (source, destination) = (SendablePointer(patches.data), SendablePointer(image.data))
        let perImage = g.outputHeight * g.outputWidth
        Parallel.forRanges(g.batch, minimumChunk: 4) { range in
            for row in (range.lowerBound * perImage)..<(range.upperBound * perImage) {
                forEachTap(row, g) { patchOffset, imageOffset in
                    Elementwise.addInPlace(destination.pointer + imageOffset, source.pointer + patchOffset, count: g.channels)
                }
            }
        }
    }

    /// Calls `body(patchOffset, imageOffset)` for each kernel position of patch-matrix row `row` (output
    /// pixel (n, oh, ow)) that falls inside the image: the float offsets of its run of `channels` values in
    /// the patch matrix and in the image. Positions in the padding are skipped.
    @inline(__always)
    static func forEachTap(_ row: Int, _ g: ConvolutionGeometry, _ body: (Int, Int) -> Void) {
        let column = row % g.outputWidth, outputRow = (row / g.outputWidth) % g.outputHeight, image = row / (g.outputWidth * g.outputHeight)
        for kernelRow in 0..<g.kernelHeight {
            let inputRow = outputRow * g.stride - g.padding + kernelRow
            if inputRow < 0 || inputRow >= g.height { continue }
            for kernelColumn in 0..<g.kernelWidth {
                let inputColumn = column * g.stride - g.padding + kernelColumn
                if inputColumn < 0 || inputColumn >= g.width { continue }
                body(row * g.patch + (kernelRow * g.kernelWidth + kernelColumn) * g.channels,
                     ((image * g.height + inputRow) * g.width + inputColumn) * g.channels)
            }
        }
    }
}

/// A heap buffer of indices owned by a backward closure (freed with the graph).
final class IndexBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}
