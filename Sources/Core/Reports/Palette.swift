/// Okabe–Ito colours: distinguishable with common colour-vision deficiencies; yellow last as it is faint on white.
enum Palette {
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]

    static func colour(_ index: Int) -> String {
        colours[index % colours.count]
    }
}
