import Models

extension ModelConfigurationFuzzer {
    /// Real `config.json` files in the shapes Hugging Face publishes them (sizes as released; nothing is
    /// allocated while fuzzing): Llama 3.1 with llama3 RoPE scaling, SmolLM2 as transformers 5 writes it
    /// (`rope_parameters`), Mistral, Qwen2 and GPT-2.
    public static let builtInSeeds: [String] = [
        #"""
        {
          "architectures": ["LlamaForCausalLM"],
          "attention_bias": false,
          "attention_dropout": 0.0,
          "bos_token_id": 128000,
          "eos_token_id": [128001, 128008, 128009],
          "head_dim": 128,
          "hidden_act": "silu",
          "hidden_size": 4096,
          "initializer_range": 0.02,
          "intermediate_size": 14336,
          "max_position_embeddings": 131072,
          "mlp_bias": false,
          "model_type": "llama",
          "num_attention_heads": 32,
          "num_hidden_layers": 32,
          "num_key_value_heads": 8,
          "pretraining_tp": 1,
          "rms_norm_eps": 1e-05,
          "rope_scaling": {
            "factor": 8.0,
            "high_freq_factor": 4.0,
            "low_freq_factor": 1.0,
            "original_max_position_embeddings": 8192,
            "rope_type": "llama3"
          },
          "rope_theta": 500000.0,
          "tie_word_embeddings": false,
          "torch_dtype": "bfloat16",
          "transformers_version": "4.43.0.dev0",
          "use_cache": true,
          "vocab_size": 128256
        }
        """#,
        #"""
        {
          "architectures": ["LlamaForCausalLM"],
          "attention_bias": false,
          "attention_dropout": 0.0,
          "bos_token_id": 1,
          "dtype": "bfloat16",
          "eos_token_id": 2,
          "head_dim": 64,
          "hidden_act": "silu",
          "hidden_size": 576,
          "initializer_range": 0.041666666666666664,
          "intermediate_size": 1536,
          "is_llama_config": true,
          "max_position_embeddings": 8192,
          "mlp_bias": false,
          "model_type": "llama",
          "num_attention_heads": 9,
          "num_hidden_layers": 30,
          "num_key_value_heads": 3,
          "pad_token_id": 2,
          "pretraining_tp": 1,
          "rms_norm_eps": 1e-05,
          "rope_parameters": {
            "rope_theta": 100000,
            "rope_type": "default"
          },
          "tie_word_embeddings": true,
          "transformers_version": "5.0.0",
          "use_cache": true,
          "vocab_size": 49152
        }
        """#,
        #"""
        {
          "architectures": ["MistralForCausalLM"],
          "bos_token_id": 1,
          "eos_token_id": 2,
          "hidden_act": "silu",
          "hidden_size": 4096,
          "initializer_range": 0.02,
          "intermediate_size": 14336,
          "max_position_embeddings": 32768,
          "model_type": "mistral",
          "num_attention_heads": 32,
          "num_hidden_layers": 32,
          "num_key_value_heads": 8,
          "rms_norm_eps": 1e-05,
          "rope_theta": 1000000.0,
          "sliding_window": null,
          "tie_word_embeddings": false,
          "torch_dtype": "bfloat16",
          "use_cache": true,
          "vocab_size": 32768
        }
        """#,
        #"""
        {
          "architectures": ["Qwen2ForCausalLM"],
          "attention_dropout": 0.0,
          "bos_token_id": 151643,
          "eos_token_id": 151645,
          "hidden_act": "silu",
          "hidden_size": 896,
          "initializer_range": 0.02,
          "intermediate_size": 4864,
          "max_position_embeddings": 32768,
          "max_window_layers": 21,
          "model_type": "qwen2",
          "num_attention_heads": 14,
          "num_hidden_layers": 24,
          "num_key_value_heads": 2,
          "rms_norm_eps": 1e-06,
          "rope_scaling": null,
          "rope_theta": 1000000.0,
          "sliding_window": 32768,
          "tie_word_embeddings": true,
          "torch_dtype": "bfloat16",
          "use_cache": true,
          "use_sliding_window": false,
          "vocab_size": 151936
        }
        """#,
        #"""
        {
          "activation_function": "gelu_new",
          "architectures": ["GPT2LMHeadModel"],
          "attn_pdrop": 0.1,
          "bos_token_id": 50256,
          "embd_pdrop": 0.1,
          "eos_token_id": 50256,
          "initializer_range": 0.02,
          "layer_norm_epsilon": 1e-05,
          "model_type": "gpt2",
          "n_ctx": 1024,
          "n_embd": 768,
          "n_head": 12,
          "n_inner": null,
          "n_layer": 12,
          "n_positions": 1024,
          "resid_pdrop": 0.1,
          "summary_activation": null,
          "summary_first_dropout": 0.1,
          "vocab_size": 50257
        }
        """#,
        // Compact, with a linear RoPE scaling and biases, as small test models are written.
        #"{"model_type":"llama","vocab_size":37,"hidden_size":16,"intermediate_size":24,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,"attention_bias":true,"mlp_bias":true,"rope_scaling":{"type":"linear","factor":2.0},"bos_token_id":1,"eos_token_id":[2],"pad_token_id":null}"#,
    ]

    /// Keys the parser reads, for structure-aware edits.
    static let keys: [String] = [
        "model_type", "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
        "num_key_value_heads", "head_dim", "max_position_embeddings", "rms_norm_eps", "rope_theta", "rope_scaling",
        "rope_parameters", "rope_type", "type", "factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings",
        "tie_word_embeddings", "attention_bias", "mlp_bias", "bos_token_id", "eos_token_id", "pad_token_id", "n_embd", "n_head",
        "n_layer", "n_inner", "n_positions", "activation_function", "layer_norm_epsilon",
    ]

    /// String values the parser gives meaning to.
    static let words: [String] = [
        "llama", "mistral", "qwen2", "smollm", "smollm2", "gpt2", "bert", "llama3", "linear", "default", "dynamic", "yarn",
        "gelu_new", "gelu_pytorch_tanh", "relu", "",
    ]

    /// Keys, values and fragments the mutator inserts or substitutes.
    static let dictionary: [String] = [
        "model_type", "llama", "qwen2", "mistral", "gpt2", "smollm2", "bert", "vocab_size", "hidden_size", "intermediate_size",
        "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim", "max_position_embeddings", "rms_norm_eps",
        "rope_theta", "rope_scaling", "rope_parameters", "rope_type", "llama3", "linear", "dynamic", "yarn", "default", "factor",
        "low_freq_factor", "high_freq_factor", "original_max_position_embeddings", "tie_word_embeddings", "attention_bias",
        "mlp_bias", "bos_token_id", "eos_token_id", "pad_token_id", "n_embd", "n_head", "n_layer", "n_inner", "n_positions",
        "activation_function", "gelu_new", "relu", "layer_norm_epsilon",
        "null", "true", "false", "[]", "{}", "[1e300]", "\"\"", "\"vocab_size\": 1000000000000,", "\"num_hidden_layers\": 100000000,",
        "\"head_dim\": 7,", "\"hidden_size\": 4095,", "\"rope_scaling\": {\"rope_type\": \"llama3\", \"low_freq_factor\": 4.0},",
        "\"rope_parameters\": 5,", "\"eos_token_id\": [1.5, true],", ",", ":", "\"", "\\u0000", "\\ud800",
    ]
}
