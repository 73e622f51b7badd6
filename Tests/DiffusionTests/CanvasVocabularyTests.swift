import Diffusion
import Testing

/// The diffusion prompts' words come from the canvas world's shared style and object names; saved models
/// index tokens by this order, so it must not move.
@Suite struct CanvasVocabularyTests {
    @Test func standardWordsKeepTheirOrder() {
        let vocabulary = CanvasVocabulary.standard
        #expect(vocabulary.styles == ["stripes", "checker", "dots", "gradient", "solid"])
        #expect(vocabulary.objects == ["circle", "square", "triangle", "cross"])
        #expect(vocabulary.count == 16)
        #expect(vocabulary.token("dots") == 3 && vocabulary.token("cross") == 9)
    }
}
