import Foundation

/// Process peak resident memory on Linux: `VmHWM` of /proc/self/status, resettable by writing "5" to
/// /proc/self/clear_refs, so each erasure run reports its own peak rather than the process's lifetime peak.
public enum PeakMemory {
    /// Resets the high-water mark to the current resident size (no effect where unsupported).
    public static func reset() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Peak resident bytes since the last reset, or 0 when /proc is unavailable.
    public static func bytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            if let kilobytes = digits.first { return kilobytes * 1024 }
        }
        return 0
    }
}
