import Engine

/// The one top-fraction weight mask of every modality (WAGLE, SalUn for classifiers and for diffusion):
/// exactly round(fraction · N) ones at the largest scores. Tie rule: every score above the cut-off is
/// kept, then scores equal to it in position order until the count is reached — so the density is
/// exact and the mask deterministic whatever the ties (many equal scores, e.g. zero gradients, are common).
public enum TopFractionMask {
    /// The mask over `scores` keeping the `fraction` (clamped to [0, 1]) largest.
    public static func select(_ scores: Tensor, fraction: Double) -> Tensor {
        let count = scores.count
        let keep = min(count, max(0, Int((min(max(fraction, 0), 1) * Double(count)).rounded())))
        let mask = Tensor(zeros: [count])
        guard keep > 0 else { return mask }
        var copy = Array(UnsafeBufferPointer(start: scores.data, count: count))
        let threshold = Selection.kthLargest(&copy, keep)
        var selected = 0
        for index in 0..<count where scores.data[index] > threshold {
            mask.data[index] = 1
            selected += 1
        }
        for index in 0..<count where selected < keep && scores.data[index] == threshold {
            mask.data[index] = 1
            selected += 1
        }
        return mask
    }
}

/// Quickselect, because sorting a score per weight (≈135 M for SmolLM2) only to read one rank is wasteful.
public enum Selection {
    /// The `k`-th largest value (1-based) of `values`, which is reordered in place.
    public static func kthLargest(_ values: inout [Float], _ k: Int) -> Float {
        precondition(k >= 1 && k <= values.count, "Selection: rank \(k) of \(values.count)")
        var (low, high, target) = (0, values.count - 1, k - 1)
        while low < high {
            // Median of three keeps already-ordered inputs from degrading to quadratic time.
            let middle = low + (high - low) / 2
            let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
            var (left, right) = (low, high)
            while left <= right {
                while values[left] > pivot { left += 1 }
                while values[right] < pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if target <= right { high = right } else if target >= left { low = left } else { return values[target] }
        }
        return values[target]
    }
}
