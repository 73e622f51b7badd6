import Foundation
import NN

/// The error for a step whose loss or gradients are NaN or infinite: which step, which tensor, and where
/// the last good state is, so the user can lower the learning rate and resume.
enum NumericalFailure {
    static func describe(step: Int, loss: Float, parameters: ParameterSet, checkpoint: URL?) -> TrainingError {
        var what = "the loss is \(loss)"
        if loss.isFinite {
            what = "a gradient is not finite"
            for (name, range) in zip(parameters.names, parameters.ranges) {
                let values = parameters.gradients.data + range.lowerBound
                if let index = (0..<range.count).first(where: { !values[$0].isFinite }) {
                    what = "the gradient of '\(name)' is \(values[index]) at element \(index)"
                    break
                }
            }
        }
        let recovery: String
        if let checkpoint, let data = try? Data(contentsOf: checkpoint.appendingPathComponent("state.json")),
           let state = try? JSONDecoder().decode(TrainingState.self, from: data) {
            recovery = "last good checkpoint: \(checkpoint.path) (step \(state.step)); lower the learning rate and --resume"
        } else {
            recovery = "no checkpoint was written yet"
        }
        return TrainingError("step \(step): \(what); \(recovery)")
    }
}
