import Optimization

/// One progress bar per named run (the demo's, a study's or a benchmark's models), each showing its loss.
final class NamedProgressBars {
    private var bars: [String: ProgressBar] = [:]
    /// Labels are padded to this many characters so the bars line up.
    private let labelWidth: Int

    init(labelWidth: Int = 0) { self.labelWidth = labelWidth }

    func update(_ name: String, _ step: TrainingProgress) {
        let label = name.count < labelWidth ? name.padding(toLength: labelWidth, withPad: " ", startingAt: 0) : name
        var bar = bars[name] ?? ProgressBar(label: label)
        bar.update(step: step.step, total: step.totalSteps, detail: String(format: "loss %.4f", step.loss), secondsRemaining: step.secondsRemaining)
        bars[name] = bar
    }
}
