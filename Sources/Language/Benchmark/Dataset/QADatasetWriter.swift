import Checkpoints
import Foundation

extension QADataset {
    /// Writes `examples` as JSON Lines (one object per line, trailing newline), replacing `url` atomically.
    public static func write(_ examples: [QAExample], to url: URL) throws {
        let data = encodeLines(examples)
        try AtomicFileWriter.write(to: url) { try $0.write(data) }
    }

    /// The exact bytes `write` puts on disk.
    public static func encodeLines(_ examples: [QAExample]) -> Data {
        var bytes: [UInt8] = []
        for example in examples {
            bytes += JSONLineEncoder.line(for: example)
            bytes.append(UInt8(ascii: "\n"))
        }
        return Data(bytes)
    }
}
