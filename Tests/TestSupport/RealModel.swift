import Foundation

/// Where the tests find the real SmolLM2-135M-Instruct GGUF, and whether its absence is a failure.
///
/// On a user's machine the real-model tests skip, saying why, when `scripts/fetch_model.sh` could not
/// download the model. CI sets `UNLEARN_REQUIRE_REAL_MODEL=1` so that a missing model fails the run
/// instead of leaving it green with no real-model coverage.
public enum RealModel {
    /// The environment variable that turns a missing model into a test failure.
    public static let requiredSwitch = "UNLEARN_REQUIRE_REAL_MODEL"

    /// True when a missing model must fail the tests (CI).
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment[requiredSwitch] == "1"
    }

    /// The path looked at: `UNLEARN_SMOLLM2_GGUF`, else models/ in the repository (where fetch_model.sh puts it).
    public static var smolLM2Path: String {
        if let path = ProcessInfo.processInfo.environment["UNLEARN_SMOLLM2_GGUF"] { return path }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.appendingPathComponent("models/SmolLM2-135M-Instruct.Q4_1.gguf").path
    }

    /// The model file when it exists.
    public static var smolLM2URL: URL? {
        FileManager.default.fileExists(atPath: smolLM2Path) ? URL(fileURLWithPath: smolLM2Path) : nil
    }

    /// Why the real-model tests cannot run.
    public static var missingMessage: String {
        "SmolLM2-135M-Instruct GGUF not found at \(smolLM2Path): run scripts/fetch_model.sh to enable the real-model tests"
    }
}
