import Models
import Optimization
import Testing
import Unlearning

/// `--set key=value` over a method's Codable settings, and RMU's derived trainable layers.
@Suite struct SettingOverridesTests {
    static let model: ModelConfiguration = .preset(named: "micro")!

    @Test func keysInEitherSpellingSetTypedValues() throws {
        let overrides = try SettingOverrides(parsing: ["beta=0.25", "forgetWeight=2", "retain-loss=kl", "steering-layer=0"])
        let settings = try overrides.apply(to: MethodSettings(method: "npo"))
        #expect(settings.beta == 0.25)
        #expect(settings.forgetWeight == 2)
        #expect(settings.retainLoss == .kullbackLeibler)
        #expect(settings.steeringLayer == 0)
        // Settings not named keep their values.
        #expect(settings.margin == MethodSettings(method: "npo").margin)
    }

    @Test func textThatLooksLikeANumberStaysText() throws {
        let settings = try SettingOverrides(parsing: ["trainable-parameters=5"]).apply(to: MethodSettings(method: "ga"))
        #expect(settings.trainableParameters == "5")
        let cleared = try SettingOverrides(parsing: ["trainable-parameters=none"]).apply(to: settings)
        #expect(cleared.trainableParameters == nil)
    }

    @Test func unknownKeysAndBadValuesAreNamed() throws {
        do {
            _ = try SettingOverrides(parsing: ["bta=0.2"]).apply(to: MethodSettings(method: "npo"))
            Issue.record("an unknown key was accepted")
        } catch {
            #expect("\(error)".contains("'bta' is not a setting of this method"), "\(error)")
            #expect("\(error)".contains("steering-coefficient"), "the error lists the valid keys: \(error)")
        }
        do {
            _ = try SettingOverrides(parsing: ["beta=high"]).apply(to: MethodSettings(method: "npo"))
            Issue.record("a text value for a number was accepted")
        } catch {
            #expect("\(error)".contains("'high' is not a valid value for the setting beta"), "\(error)")
        }
        #expect(throws: ConfigurationFileError.self) { try SettingOverrides(parsing: ["beta"]) }
        #expect(throws: ConfigurationFileError.self) { try SettingOverrides(parsing: ["=3"]) }
    }

    @Test func rmuTrainableLayersFollowTheSteeredLayerUnlessChosen() throws {
        let defaults = try MethodRegistry.settings(for: "rmu", model: Self.model)
        #expect(defaults.trainableParameters == RepresentationMisdirection.steeredLayersPattern(layer: defaults.steeringLayer, model: Self.model))
        let moved = try MethodRegistry.settings(for: "rmu", model: Self.model, overrides: SettingOverrides(parsing: ["steering-layer=0"]))
        #expect(moved.trainableParameters == RepresentationMisdirection.steeredLayersPattern(layer: 0, model: Self.model))
        let chosen = try MethodRegistry.settings(for: "rmu", model: Self.model,
                                                 overrides: SettingOverrides(parsing: ["steering-layer=0", "trainable-parameters=lm_head\\.weight"]))
        #expect(chosen.trainableParameters == "lm_head\\.weight")
        // A layer the model does not have is refused when the objective is built.
        let missing = try MethodRegistry.settings(for: "rmu", model: Self.model, overrides: SettingOverrides(parsing: ["steering-layer=40"]))
        #expect(throws: (any Error).self) { try MethodRegistry.objective(for: missing, model: Self.model) }
    }

    @Test func flagsGivenBecomeOverridesAndSetArgumentsWinOverThem() throws {
        let beta: Float? = 0.5, margin: Float? = nil
        let overrides = try SettingOverrides(flags: ["beta": beta, "margin": margin, "retain-weight": 2], then: ["beta=0.25"])
        #expect(overrides.pairs.map { "\($0.key)=\($0.value)" } == ["beta=0.5", "retain-weight=2", "beta=0.25"])
        let settings = try MethodRegistry.settings(for: "npo", model: Self.model, overrides: overrides)
        #expect(settings.beta == 0.25 && settings.retainWeight == 2)
        #expect(throws: (any Error).self) { try SettingOverrides(flags: [:], then: ["beta"]) }
    }
}
