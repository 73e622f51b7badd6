// The procedural canvas world's concepts, shared by the classifier images and the diffusion model's
// prompts: the same 5 styles × 4 objects, named once. (Each side draws them its own way: the classifier
// images are continuously jittered and noisy, the diffusion templates a small discrete set.)

/// A painting style of the procedural canvas: a texture laid over the whole image.
public enum CanvasStyle: Int, CaseIterable, Sendable {
    case stripes, checker, dots, gradient, solid

    /// Lower-case name used in class names.
    public var name: String { String(describing: self) }
}

/// An object of the procedural canvas: a shape drawn in the foreground colour.
public enum CanvasObject: Int, CaseIterable, Sendable {
    case circle, square, triangle, cross

    /// Lower-case name used in class names.
    public var name: String { String(describing: self) }
}
