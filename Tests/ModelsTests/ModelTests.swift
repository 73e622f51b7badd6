import Foundation
import Testing
import TestSupport
@testable import Engine
@testable import Models
@testable import NN

/// Architecture-level behaviour of the Llama and GPT-2 implementations.
@Suite struct ModelTests {
    static func tinyLlama(tied: Bool = false, bias: Bool = false) -> ModelConfiguration {
        ModelConfiguration(architecture: .llama, modelType: bias ? "qwen2" : "llama", vocabularySize: 37, hiddenSize: 16,
                           intermediateSize: 24, layerCount: 2, attentionHeads: 4, keyValueHeads: 2, headSize: 4,
                           maximumPositions: 64, normEpsilon: 1e-5, ropeTheta: 10_000, ropeScaling: nil,
                           tiedEmbeddings: tied, queryKeyValueBias: bias, outputProjectionBias: false, mlpBias: false,
                           bosTokenId: 1, eosTokenIds: [2], padTokenId: nil)
    }

    static func tinyGPT2() -> ModelConfiguration {
        ModelConfiguration(architecture: .gpt2, modelType: "gpt2", vocabularySize: 41, hiddenSize: 16, intermediateSize: 64,
                           layerCount: 2, attentionHeads: 4, keyValueHeads: 4, headSize: 4, maximumPositions: 32,
                           normEpsilon: 1e-5, ropeTheta: 0, ropeScaling: nil, tiedEmbeddings: true,
                           queryKeyValueBias: true, outputProjectionBias: true, mlpBias: true,
                           bosTokenId: 0, eosTokenIds: [0], padTokenId: nil)
    }

    @Test func parameterNamesAndCountsFollowHuggingFace() {
        let llama = makeModel(Self.tinyLlama(), seed: 1)
        let names = llama.namedParameters().map(\.name)
        #expect(names.first == "model.embed_tokens.weight")
        #expect(names.contains("model.layers.1.self_attn.k_proj.weight"))
        #expect(names.contains("model.layers.0.post_attention_layernorm.weight"))
        #expect(names.last == "lm_head.weight")
        #expect(llama.parameterCount == Self.tinyLlama().parameterCount)
        #expect(makeModel(Self.tinyLlama(tied: true, bias: true), seed: 1).parameterCount
                == Self.tinyLlama(tied: true, bias: true).parameterCount)
        #expect(makeModel(Self.tinyLlama(bias: true), seed: 1).namedParameters().map(\.name).contains("model.layers.0.self_attn.q_proj.bias"))
        let gpt2 = makeModel(Self.tinyGPT2(), seed: 1)
        #expect(gpt2.namedParameters().map(\.name).contains("transformer.h.1.attn.c_attn.weight"))
        #expect(gpt2.parameterCount == Self.tinyGPT2().parameterCount)
        #expect(ModelConfiguration.preset(named: "smollm2-135m")!.parameterCount == 134_515_008)  // SmolLM2-135M
    }

    @Test func cachedDecodingMatchesFullForward() {
        for configuration in [Self.tinyLlama(), Self.tinyGPT2()] {
            let model = makeModel(configuration, seed: 2)
            let tokens = [3, 7, 1, 9, 4, 4, 8]
            let full = GradientMode.withoutGradients { model.logits(tokens: tokens, batch: 1, length: tokens.count) }.value
            let cache = model.makeCache(batch: 1, capacity: 16)
            let vocabulary = configuration.vocabularySize
            let prefix = GradientMode.withoutGradients {
                model.forward(ModelInput(tokens: Array(tokens[..<4]), batch: 1, length: 4), cache: cache).logits.value
            }
            assertClose(prefix.scalars, Array(full.scalars[..<(4 * vocabulary)]))
            for position in 4..<tokens.count {
                let step = GradientMode.withoutGradients {
                    model.forward(ModelInput(tokens: [tokens[position]], batch: 1, length: 1), cache: cache).logits.value
                }
                assertClose(step.scalars, Array(full.scalars[(position * vocabulary)..<((position + 1) * vocabulary)]))
            }
        }
    }

    @Test func batchRowsAreIndependent() {
        let model = makeModel(Self.tinyLlama(), seed: 3)
        let first = [5, 6, 7, 8], second = [9, 10, 11, 12]
        let batched = model.logits(tokens: first + second, batch: 2, length: 4).value.scalars
        let alone = model.logits(tokens: second, batch: 1, length: 4).value.scalars
        assertClose(Array(batched[(4 * 37)...]), alone)
    }

    @Test func endToEndGradientsMatchFiniteDifferences() {
        for configuration in [Self.tinyLlama(tied: true, bias: true), Self.tinyGPT2()] {
            let model = makeModel(configuration, seed: 4)
            let tokens = [1, 5, 9, 13, 2, 7], targets = [5, 9, 13, -100, 7, 3]
            func loss() -> Variable { sequenceLoss(logits: model.logits(tokens: tokens, batch: 2, length: 3), targets: targets).meanTokenLoss }
            let parameters = model.namedParameters()
            loss().backward()
            var generator = SeededGenerator(seed: 9)
            for (name, variable) in parameters {
                guard let gradient = variable.gradient else { Issue.record("\(name) received no gradient"); return }
                for _ in 0..<3 {
                    let index = Int(generator.next() % UInt64(variable.value.count))
                    let original = variable.value.data[index]
                    variable.value.data[index] = original + 1e-2
                    let plus = Double(GradientMode.withoutGradients { loss() }.value.scalar)
                    variable.value.data[index] = original - 1e-2
                    let minus = Double(GradientMode.withoutGradients { loss() }.value.scalar)
                    variable.value.data[index] = original
                    let numeric = (plus - minus) / 2e-2
                    #expect(abs(Double(gradient.data[index]) - numeric) <= 2e-3 + 2e-2 * abs(numeric), "\(name)[\(index)]")
                }
            }
        }
    }

    @Test func hiddenStatesCanBeCapturedAndSteered() throws {
        let model = makeModel(Self.tinyLlama(), seed: 5)
        let output = model.forward(ModelInput(tokens: [1, 2, 3], batch: 1, length: 3, capturedLayers: [0]), cache: nil)
        let hidden = try #require(output.hiddenStates[0])
        #expect(hidden.shape == [1, 3, 16])
        // A gradient injected at layer 0's output reaches layer 0's weights and not layer 1's.
        Backward.run(seeds: [(hidden, Tensor(repeating: 1, shape: hidden.shape))])
        let parameters = model.parameterDictionary()
        #expect(parameters["model.layers.0.mlp.down_proj.weight"]?.gradient != nil)
        #expect(parameters["model.layers.1.mlp.down_proj.weight"]?.gradient == nil)
    }

    @Test func greedyGenerationIsDeterministicAndStopsAtEOS() {
        let model = makeModel(Self.tinyLlama(), seed: 6)
        let first = TextGeneration.generate(model: model, prompt: [1, 4, 6], maximumTokens: 8)
        #expect(first == TextGeneration.generate(model: model, prompt: [1, 4, 6], maximumTokens: 8))
        #expect(first.count == 8)
        let stopped = TextGeneration.generate(model: model, prompt: [1, 4, 6], maximumTokens: 8, stopTokens: [first[2]])
        #expect(stopped == Array(first.prefix(through: first.firstIndex(of: first[2])!)))
        // Greedy continuation equals repeated argmax over full forwards.
        var sequence = [1, 4, 6]
        for _ in 0..<3 {
            let logits = model.logits(tokens: sequence, batch: 1, length: sequence.count).value
            sequence.append(TokenSampler.argmax(logits.data + (sequence.count - 1) * 37, count: 37))
        }
        #expect(Array(sequence[3...]) == Array(first.prefix(3)))
    }

    @Test func samplingRespectsTopKAndTopP() {
        let logits: [Float] = [0, 3, 1, 2.9, -5]
        var topOne = TokenSampler(options: SamplingOptions(greedy: false, temperature: 1, topK: 1, topP: nil, seed: 1))
        var nucleus = TokenSampler(options: SamplingOptions(greedy: false, temperature: 0.7, topK: nil, topP: 0.5, seed: 2))
        var free = TokenSampler(options: SamplingOptions(greedy: false, temperature: 1, topK: 3, topP: nil, seed: 3))
        var seen = Set<Int>()
        logits.withUnsafeBufferPointer { row in
            for _ in 0..<200 {
                #expect(topOne.next(row.baseAddress!, count: 5) == 1)
                #expect(nucleus.next(row.baseAddress!, count: 5) == 1)  // p(1) > 0.5 after temperature
                seen.insert(free.next(row.baseAddress!, count: 5))
            }
        }
        #expect(seen == [1, 2, 3])
    }
}

/// Parsing of Hugging Face `config.json` files.
@Suite struct ModelConfigurationTests {
    @Test func parsesLlamaQwenAndGPT2Configs() throws {
        let llama = try ModelConfiguration(json: Data("""
        {"model_type":"llama","vocab_size":49152,"hidden_size":576,"intermediate_size":1536,"num_hidden_layers":30,
         "num_attention_heads":9,"num_key_value_heads":3,"rms_norm_eps":1e-05,"rope_theta":100000.0,"tie_word_embeddings":true,
         "max_position_embeddings":8192,"bos_token_id":1,"eos_token_id":2,"rope_scaling":null}
        """.utf8), source: "config.json")
        #expect(llama == ModelConfiguration.preset(named: "smollm2-135m")!.with(padTokenId: nil))
        let qwen = try ModelConfiguration(json: Data("""
        {"model_type":"qwen2","vocab_size":10,"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,
         "num_attention_heads":2,"num_key_value_heads":1,"eos_token_id":[3,4],
         "rope_scaling":{"rope_type":"llama3","factor":8.0,"low_freq_factor":1.0,"high_freq_factor":4.0,"original_max_position_embeddings":8192}}
        """.utf8), source: "q.json")
        #expect(qwen.queryKeyValueBias)
        #expect(!qwen.outputProjectionBias)
        #expect(qwen.eosTokenIds == [3, 4])
        #expect(qwen.ropeScaling == .llama3(factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalMaxPositions: 8192))
        let gpt2 = try ModelConfiguration(json: Data(#"{"model_type":"gpt2","vocab_size":50257,"n_embd":768,"n_layer":12,"n_head":12}"#.utf8), source: "g.json")
        #expect(gpt2.parameterCount == 124_439_808)  // GPT-2 small
        // Round trip through our own config.json writer.
        let written = try JSONSerialization.data(withJSONObject: qwen.jsonObject())
        #expect(try ModelConfiguration(json: written, source: "round trip") == qwen)
    }

    @Test func errorsNameTheFileAndTheProblem() {
        let cases: [(String, String)] = [
            (#"{"model_type":"bert"}"#, "model_type 'bert' is not supported"),
            (#"{"model_type":"llama","hidden_size":8}"#, "missing 'num_attention_heads'"),
            (#"{"model_type":"llama","vocab_size":10,"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":3,"num_key_value_heads":2}"#, "not a multiple"),
            (#"{"model_type":"llama","vocab_size":"ten","hidden_size":8,"num_attention_heads":2}"#, "must be an integer"),
            (#"{"model_type":"llama","vocab_size":10,"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"num_attention_heads":2,"tie_word_embeddings":1}"#, "must be true or false"),
            ("[1,2]", "not a JSON object"),
        ]
        for (json, message) in cases {
            let data = Data(json.utf8)
            if let error = #expect(throws: (any Error).self, performing: { try ModelConfiguration(json: data, source: "bad/config.json") }) {
                #expect("\(error)".contains("bad/config.json"), "\(error)")
                #expect("\(error)".contains(message), "expected '\(message)' in \(error)")
            }
        }
    }
}

extension ModelConfiguration {
    func with(padTokenId: Int?) -> ModelConfiguration {
        var copy = self
        copy.padTokenId = padTokenId
        return copy
    }
}

/// Asserts two float arrays agree elementwise (relative to max(1, |expected|)).
func assertClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) {
    let result = closeness(actual, expected, tolerance: Double(tolerance))
    #expect(result.passes, "\(result.description)", sourceLocation: sourceLocation)
}
