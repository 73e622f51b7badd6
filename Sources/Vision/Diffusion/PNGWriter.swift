import CZlib
import Foundation

/// Minimal PNG encoder (8-bit RGB, filter 0 per row, zlib-deflated IDAT) using the system zlib.
public enum PNGWriter {
    /// PNG bytes of an RGB image given as `height·width·3` bytes, row-major.
    public static func encode(width: Int, height: Int, rgb: [UInt8]) throws -> Data {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw DiffusionError.invalidArgument("PNG", "\(rgb.count) bytes for a \(width)×\(height) RGB image")
        }
        var raw = [UInt8]()
        raw.reserveCapacity(height * (width * 3 + 1))
        for row in 0..<height {
            raw.append(0)  // filter type None
            raw.append(contentsOf: rgb[(row * width * 3)..<((row + 1) * width * 3)])
        }
        var compressedLength = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        let status = compress2(&compressed, &compressedLength, raw, uLong(raw.count), 9)
        guard status == Z_OK else { throw DiffusionError.invalidArgument("PNG", "zlib compress2 failed with status \(status)") }
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type RGB, deflate, adaptive filtering, no interlace
        data.append(chunk("IHDR", header))
        data.append(chunk("IDAT", Array(compressed[0..<Int(compressedLength)])))
        data.append(chunk("IEND", []))
        return data
    }

    /// One chunk: length, type, payload, CRC-32 of type + payload.
    static func chunk(_ type: String, _ payload: [UInt8]) -> Data {
        let typeBytes = Array(type.utf8)
        var data = Data(bigEndian(UInt32(payload.count)))
        data.append(contentsOf: typeBytes)
        data.append(contentsOf: payload)
        let checked = typeBytes + payload
        let checksum = checked.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        data.append(contentsOf: bigEndian(UInt32(checksum)))
        return data
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
