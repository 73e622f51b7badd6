import Foundation

/// A one-line progress bar on standard error (standard output stays clean for results), redrawn in place
/// on a terminal and printed every ~5% otherwise.
struct ProgressBar {
    let label: String
    private let interactive = isatty(STDERR_FILENO) != 0
    private var lastPrinted = -1

    init(label: String) { self.label = label }

    mutating func update(step: Int, total: Int, detail: String, secondsRemaining: Double) {
        let fraction = Double(step) / Double(max(total, 1))
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = "\(label) [\(bar)] \(step)/\(total) \(detail) ETA \(Self.duration(secondsRemaining))"
        if interactive {
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K" + (step == total ? "\n" : "")).utf8))
        } else {
            let bucket = Int(fraction * 20)
            if bucket != lastPrinted || step == total {
                lastPrinted = bucket
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
                             : String(format: "%02d:%02d", total / 60, total % 60)
    }
}
