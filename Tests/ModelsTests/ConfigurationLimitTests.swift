import Checkpoints
import Foundation
import Testing

@testable import Models

/// Configurations that parse but cannot be a model are refused by name before anything is allocated;
/// several of these used to trap (integer overflow, an odd rotary dimension) instead.
@Suite struct ConfigurationLimitTests {
    /// A valid tiny Llama config with `changes` applied (nil removes a key).
    private func llama(_ changes: [String: Any?]) -> Data {
        var object: [String: Any] = [
            "model_type": "llama", "vocab_size": 32, "hidden_size": 16, "intermediate_size": 24, "num_hidden_layers": 2,
            "num_attention_heads": 4, "num_key_value_heads": 2, "rms_norm_eps": 1e-5, "rope_theta": 10_000.0,
        ]
        for (key, value) in changes { object[key] = value }
        return try! JSONSerialization.data(withJSONObject: object)
    }

    private func expectRejection(_ data: Data, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let configuration = try ModelConfiguration(json: data, source: "models/absurd/config.json")
            Issue.record("accepted: \(configuration)", sourceLocation: sourceLocation)
        } catch {
            let message = "\(error)"
            #expect(error is ConfigurationError, "\(type(of: error)): \(message)", sourceLocation: sourceLocation)
            #expect(message.hasPrefix("models/absurd/config.json: "), "\(message)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(message.contains(fragment), "'\(fragment)' missing from: \(message)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func baselineIsAccepted() throws {
        #expect(try ModelConfiguration(json: llama([:]), source: "tiny").parameterCount == 4_944)
    }

    @Test func negativeAndZeroSizes() {
        expectRejection(llama(["vocab_size": 0]), ["vocab_size 0 is out of range"])
        expectRejection(llama(["intermediate_size": -24]), ["intermediate_size -24 is out of range"])
        expectRejection(llama(["num_hidden_layers": 0]), ["num_hidden_layers 0 is out of range"])
        expectRejection(llama(["max_position_embeddings": -1]), ["max_position_embeddings -1 is out of range"])
        expectRejection(llama(["hidden_size": 0]), ["hidden_size and num_attention_heads must be positive"])
        expectRejection(llama(["num_key_value_heads": 0]), ["not a multiple of num_key_value_heads 0"])
    }

    @Test func hiddenSizeNotDivisibleByHeads() {
        expectRejection(llama(["hidden_size": 18]), ["hidden_size 18 is not divisible by num_attention_heads 4"])
        // An explicit head_dim decouples the two, as in Qwen3 or Gemma.
        #expect((try? ModelConfiguration(json: llama(["hidden_size": 18, "head_dim": 6]), source: "x"))?.headSize == 6)
        expectRejection(llama(["head_dim": 7]), ["head size 7 must be even"])
        expectRejection(Data(#"{"model_type":"gpt2","vocab_size":10,"n_embd":10,"n_layer":1,"n_head":3}"#.utf8), ["n_embd must be a positive multiple of n_head"])
    }

    @Test func vocabularyOfTenToTheTwelve() {
        expectRejection(llama(["vocab_size": 1_000_000_000_000]), ["vocab_size 1000000000000 is out of range (1 to 10000000)"])
    }

    @Test func layerCountsThatWouldNeedPetabytes() {
        // Every size is within its own range; together they describe 7.7e15 parameters (31 PB as float32).
        expectRejection(llama(["num_hidden_layers": 9_000_000, "hidden_size": 8192, "intermediate_size": 28_672, "num_attention_heads": 64,
                               "num_key_value_heads": 8]),
                        ["describes 7.7e+15 parameters (30.8 PB as float32), beyond the 1e+11 this CPU engine can hold"])
        expectRejection(llama(["hidden_size": 65_536, "intermediate_size": 262_144, "num_attention_heads": 512, "num_key_value_heads": 512,
                               "num_hidden_layers": 10_000_000]),
                        ["describes 6.87e+17 parameters (2.75 EB as float32)"])
    }

    @Test func sizesWhoseProductsOverflow() {
        // These multiplied past Int.max in the parameter count and trapped.
        expectRejection(llama(["num_attention_heads": 4_611_686_018_427_387_904, "num_key_value_heads": 4_611_686_018_427_387_904, "head_dim": 2]),
                        ["num_attention_heads 4611686018427387904 is out of range"])
        expectRejection(llama(["head_dim": 9_223_372_036_854_775_806]), ["head_dim 9223372036854775806 is out of range"])
        expectRejection(Data(#"{"model_type":"gpt2","vocab_size":10,"n_embd":4611686018427387904,"n_layer":1,"n_head":1}"#.utf8),
                        ["n_embd 4611686018427387904 is out of range"])
    }

    @Test func nonFiniteOrNonPositiveFloats() {
        expectRejection(llama(["rms_norm_eps": -1e-5]), ["rms_norm_eps -1e-05 must be a positive finite number"])
        expectRejection(llama(["rope_theta": 0]), ["rope_theta 0.0 must be a positive finite number"])
        expectRejection(llama(["rope_theta": 1e300]), ["rope_theta inf must be a positive finite number"])
        expectRejection(llama(["rope_scaling": ["rope_type": "linear", "factor": 0]]), ["rope_scaling factor 0.0 must be a positive finite number"])
        expectRejection(llama(["rope_scaling": ["rope_type": "llama3", "low_freq_factor": 4.0, "high_freq_factor": 4.0]]),
                        ["low_freq_factor 4.0 must be below high_freq_factor 4.0"])
        expectRejection(llama(["rope_scaling": ["rope_type": "llama3", "original_max_position_embeddings": 0]]),
                        ["original_max_position_embeddings 0 is out of range"])
        expectRejection(llama(["rope_parameters": 5]), ["'rope_parameters' must be an object"])
    }

    @Test func malformedValues() {
        expectRejection(Data("{\"model_type\": \"llama\", ".utf8), ["not valid JSON ("])
        expectRejection(llama(["eos_token_id": [1, 2.5]]), ["'eos_token_id[1]' must be an integer, found 2.5"])
        expectRejection(llama(["eos_token_id": [true]]), ["'eos_token_id[0]' must be an integer"])
        expectRejection(llama(["vocab_size": 1e300]), ["'vocab_size' must be an integer"])
        expectRejection(llama(["vocab_size": 18_446_744_073_709_551_615 as UInt64]), ["'vocab_size' must be an integer"])
    }

    @Test func qwen2IgnoresBiasFlagsAsTransformersDoes() throws {
        let qwen = try ModelConfiguration(json: llama(["model_type": "qwen2", "attention_bias": true, "mlp_bias": true]), source: "qwen")
        #expect(qwen.queryKeyValueBias && !qwen.outputProjectionBias && !qwen.mlpBias)
        let written = try JSONSerialization.data(withJSONObject: qwen.jsonObject())
        #expect(try ModelConfiguration(json: written, source: "round trip") == qwen)
    }
}
