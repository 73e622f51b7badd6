import Checkpoints
import Foundation

/// The text a checkpoint keeps of what made it (method, settings, scenario), so `--resume` refuses to
/// continue a run under other settings.
enum RunIdentity {
    static func describe(_ method: String, _ settings: ClassifierMethodSettings, _ scenario: ForgetScenario) throws -> String {
        let settingsText = String(decoding: try JSONFile.encode(settings, pretty: false), as: UTF8.self)
        let scenarioText = String(decoding: try JSONFile.encode(scenario, pretty: false), as: UTF8.self)
        return "\(method) \(settingsText) \(scenarioText)"
    }
}
