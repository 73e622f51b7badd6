import Foundation

/// Repeats a piece of work and reports its timing distribution.
public enum Timing {
    /// Seconds on the monotonic clock.
    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    /// Runs `body` once to warm up, then repeatedly until `minimumSeconds` have passed and at least
    /// `minimumRuns` runs were made; returns each run's seconds, sorted.
    public static func measure(minimumSeconds: Double = 0.5, minimumRuns: Int = 3, _ body: () -> Void) -> [Double] {
        body()
        var samples: [Double] = []
        let start = now()
        while samples.count < minimumRuns || now() - start < minimumSeconds {
            let begin = now()
            body()
            samples.append(now() - begin)
        }
        return samples.sorted()
    }

    /// The median of sorted samples.
    public static func median(_ sorted: [Double]) -> Double {
        sorted.isEmpty ? .nan : (sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
    }
}

/// Reads this process's memory high-water mark.
public enum ProcessMemory {
    /// Peak resident set size in MiB (`VmHWM` on Linux; 0 where unavailable).
    public static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
