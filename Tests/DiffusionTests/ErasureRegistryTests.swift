@testable import Diffusion
import Optimization
import Testing

/// The erasure methods are found by name in one list and take their settings from the dedicated flags and
/// `--set key=value`, as the language and classifier methods do.
@Suite struct ErasureRegistryTests {
    @Test func everyRegisteredMethodBuildsFromItsDefaults() throws {
        #expect(ErasureRegistry.names == ["esd", "advunlearn", "salun"])
        for name in ErasureRegistry.names {
            #expect(try ErasureRegistry.method(named: name).name == name)
        }
    }

    @Test func flagsAndSetOverridesReachTheSettings() throws {
        var overrides = SettingOverrides()
        overrides.append("learning-rate", "0.005")
        let method = try ErasureRegistry.method(named: "ESD", scope: .textEncoder, iterations: 12, overrides: overrides)
        let esd = try #require(method as? ESD)
        #expect(esd.scope == .textEncoder && esd.iterations == 12 && esd.learningRate == 0.005)
        let fast = try #require(try ErasureRegistry.method(named: "advunlearn", fastAttack: true) as? AdvUnlearn)
        #expect(fast.attack == .fast && fast.attackSteps == 1)
    }

    @Test func unknownMethodsAndSettingsAreRefusedWithTheChoices() {
        #expect { try ErasureRegistry.method(named: "uce") } throws: { error in
            String(describing: error).contains("unknown erasure method 'uce'") && String(describing: error).contains("esd, advunlearn, salun")
        }
        var overrides = SettingOverrides()
        overrides.append("warmth", "3")
        #expect { try ErasureRegistry.method(named: "salun", overrides: overrides) } throws: { error in
            String(describing: error).contains("'warmth' is not a setting")
        }
    }
}
