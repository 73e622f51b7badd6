import Testing
@testable import Diffusion
import Engine

/// Deterministic data generation, the vocabulary, the autoencoder and the PNG writer.
@Suite struct CanvasDataTests {
    @Test func templatesAreDeterministicAndDistinct() {
        let canvas = CanvasGenerator()
        let first = canvas.templates(), second = canvas.templates()
        #expect(first.images.shape == [320, 768])
        #expect(first.images.scalars == second.images.scalars)
        #expect(Set(first.styles) == Set(0..<5))
        #expect(Set(first.objects) == Set(0..<4))
        // Every (style, object) pair looks different from every other pair at the same placement
        // (templates are ordered style, object, placement).
        let placements = canvas.templatePlacements.count
        #expect(placements == 16)
        let rows = (0..<20).map { Array(first.images.scalars[($0 * placements * 768)..<($0 * placements * 768 + 768)]) }
        #expect(Set(rows).count == 20)
        #expect(zip(first.styles, first.objects).enumerated().allSatisfy { $0.element == ($0.offset / (4 * placements), $0.offset / placements % 4) })
        #expect(first.images.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test func jitteredBatchesDependOnlyOnTheSeed() {
        let canvas = CanvasGenerator()
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
        let first = canvas.jitteredBatch(count: 16, noise: 0.2, generator: &a)
        let second = canvas.jitteredBatch(count: 16, noise: 0.2, generator: &b)
        let other = canvas.jitteredBatch(count: 16, noise: 0.2, generator: &c)
        #expect(first.images.scalars == second.images.scalars)
        #expect(first.styles == second.styles)
        #expect(first.images.scalars != other.images.scalars)
    }

    @Test func vocabularyParsesPromptsIntoSlots() throws {
        let vocabulary = CanvasVocabulary.standard
        #expect(vocabulary.count == 16)
        #expect(try vocabulary.parse("painting checker circle") == [vocabulary.token("painting")!, vocabulary.styleToken(1), vocabulary.objectToken(0)])
        #expect(try vocabulary.parse("cross dots") == [0, vocabulary.styleToken(2), vocabulary.objectToken(3)])
        #expect(throws: (any Error).self) { try vocabulary.parse("checker banana") }
        #expect(try CanvasConcept(name: "checker", vocabulary: vocabulary) == .style(1))
        #expect(try CanvasConcept(name: "cross", vocabulary: vocabulary) == .object(3))
    }

    @Test func pcaReconstructsTemplates() {
        let canvas = CanvasGenerator()
        let templates = canvas.templates().images
        let autoencoder = PCAAutoencoder.fit(images: templates, latentDimension: 48, seed: 1)
        #expect(autoencoder.explainedVariance > 0.85)
        let latents = autoencoder.encode(templates)
        // Unit mean variance per latent dimension, by construction of the scale.
        let meanSquare = latents.scalars.reduce(0) { $0 + $1 * $1 } / Float(latents.count)
        #expect(abs(meanSquare - 1) <= 0.05)
        let decoded = autoencoder.decode(latents)
        var error: Float = 0, total: Float = 0
        for index in 0..<templates.count {
            error += (decoded.data[index] - templates.data[index]) * (decoded.data[index] - templates.data[index])
            total += templates.data[index] * templates.data[index]
        }
        #expect(error / total < 0.15)
    }

    @Test func pngHasSignatureHeaderAndValidCRC() throws {
        let images = Tensor(repeating: 0.5, shape: [2, 768])
        let png = try ImageGrid(scale: 2, gap: 1).png(images, rows: 1, columns: 2)
        let bytes = [UInt8](png)
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        let width = Int(bytes[16]) << 24 | Int(bytes[17]) << 16 | Int(bytes[18]) << 8 | Int(bytes[19])
        let height = Int(bytes[20]) << 24 | Int(bytes[21]) << 16 | Int(bytes[22]) << 8 | Int(bytes[23])
        #expect(width == 2 * 32 + 3)
        #expect(height == 32 + 2)
        // The IHDR chunk's CRC (over its type and 13 data bytes) against a CRC-32 computed here, bit by bit.
        #expect(Array(bytes[8..<12]) == [0, 0, 0, 13], "IHDR length")
        let storedCRC = bytes[29..<33].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(storedCRC == Self.crc32(bytes[12..<29]), "IHDR CRC")
        // Every later chunk's CRC too, up to IEND (whose CRC over "IEND" alone is the well-known AE426082).
        var offset = 33
        var types: [String] = []
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let end = offset + 8 + length
            #expect(end + 4 <= bytes.count, "chunk at \(offset) runs past the file")
            guard end + 4 <= bytes.count else { break }
            types.append(String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self))
            let crc = bytes[end..<(end + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(crc == Self.crc32(bytes[(offset + 4)..<end]), "\(types.last!) CRC")
            offset = end + 4
        }
        #expect(offset == bytes.count, "chunks fill the file exactly")
        #expect(types.last == "IEND")
        #expect(types.contains("IDAT"))
        #expect(Self.crc32(Array("IEND".utf8)[...]) == 0xAE42_6082)
        #expect(throws: (any Error).self) { try PNGWriter.encode(width: 2, height: 2, rgb: [0, 0, 0]) }
    }

    /// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as PNG specifies it.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
