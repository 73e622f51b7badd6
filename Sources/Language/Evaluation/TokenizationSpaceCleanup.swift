import Foundation

/// transformers' `clean_up_tokenization`: what `decode(..., clean_up_tokenization_spaces=True)` does to
/// decoded text, and muse_bench decodes both generations and ground truths that way before ROUGE.
public enum TokenizationSpaceCleanup {
    /// The replacements in transformers' order (order matters: " ' " is handled before " 's").
    static let replacements: [(String, String)] = [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ]

    public static func apply(_ text: String) -> String {
        replacements.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}
