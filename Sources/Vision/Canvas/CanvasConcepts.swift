// The procedural canvas world's concepts, shared by the classifier images and the diffusion model's
// prompts: the same 5 styles × 4 objects, named once and drawn by one renderer (CanvasRenderer).

/// A painting style of the procedural canvas: a texture that fills the object (CanvasTexture.swift).
public enum CanvasStyle: Int, CaseIterable, Sendable {
    case stripes, checker, dots, gradient, solid

    /// Lower-case name used in class names.
    public var name: String { String(describing: self) }
}

/// An object of the procedural canvas: a silhouette (CanvasSilhouette.swift).
public enum CanvasObject: Int, CaseIterable, Sendable {
    case circle, square, triangle, cross

    /// Lower-case name used in class names.
    public var name: String { String(describing: self) }
}
