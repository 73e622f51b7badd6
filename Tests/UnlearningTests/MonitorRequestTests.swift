import Testing
import Unlearning

/// How `unlearn run` resolves its evaluation and stopping options: the default rule when none is given,
/// the user's choices as given, and refusals before anything is loaded.
@Suite struct MonitorRequestTests {
    @Test func noOptionsGiveTheDefaultRule() throws {
        let (settings, derived) = try MonitorRequest().resolve(totalSteps: 40, questionAnswerData: true, forgetRows: 6, hasRetain: true)
        let resolved = try #require(settings)
        #expect(resolved.every == 1 && resolved.stopWhen == "mismatched" && resolved.maximumRetainDrop == MonitorRequest.defaultRetainDrop)
        #expect(resolved.selectBest)
        #expect(derived.map(\.setting) == ["eval-every", "stop-when", "max-retain-drop", "select"])
        // Without a retain set there is nothing to guard.
        let alone = try #require(try MonitorRequest().resolve(totalSteps: 40, questionAnswerData: true, forgetRows: 6, hasRetain: false).0)
        #expect(alone.maximumRetainDrop == nil && alone.stopWhen == "mismatched")
        // An oracle or a holdout file becomes the rule.
        #expect(try MonitorRequest(oracle: "o").resolve(totalSteps: 5, questionAnswerData: true, forgetRows: 6, hasRetain: true).0?.stopWhen == "oracle")
        #expect(try MonitorRequest(holdout: "h").resolve(totalSteps: 5, questionAnswerData: true, forgetRows: 6, hasRetain: true).0?.every == 1)
        // Text data has no answers to compare: evaluation only, the budget decides.
        let text = try #require(try MonitorRequest().resolve(totalSteps: 100, questionAnswerData: false, forgetRows: 6, hasRetain: true).0)
        #expect(text.stopWhen == nil && !text.selectBest && text.every == 2)
    }

    @Test func givenOptionsAreKeptAndNothingIsAdded() throws {
        let probed = try #require(try MonitorRequest(every: 6).resolve(totalSteps: 24, questionAnswerData: true, forgetRows: 8, hasRetain: true).0)
        #expect(probed.every == 6 && probed.stopWhen == nil && probed.maximumRetainDrop == nil && !probed.selectBest)
        let (threshold, derived) = try MonitorRequest(stopWhen: "forget-probability<=0.1").resolve(totalSteps: 30, questionAnswerData: true, forgetRows: 8, hasRetain: true)
        #expect(threshold?.every == 1 && threshold?.maximumRetainDrop == nil && derived.map(\.setting) == ["eval-every"])
        #expect(try MonitorRequest(every: 0).resolve(totalSteps: 24, questionAnswerData: true, forgetRows: 8, hasRetain: true).0 == nil)
    }

    @Test func impossibleOptionsAreRefused() {
        #expect(throws: Error.self) { try MonitorRequest(every: 0, stopWhen: "mismatched").validate() }
        #expect(throws: Error.self) { try MonitorRequest(stopWhen: "oracle").validate() }
        #expect(throws: Error.self) { try MonitorRequest(selectBest: true).validate() }
        #expect(throws: Error.self) { try MonitorRequest(every: -1).validate() }
        #expect(throws: Never.self) { try MonitorRequest(stopWhen: "mismatched").validate() }
    }
}
