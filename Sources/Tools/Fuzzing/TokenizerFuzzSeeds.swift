import Foundation
import Tokenizers

extension TokenizerFuzzer {
    /// Small valid tokenizer.json documents covering the main pipelines (byte-level BPE with a Llama-3
    /// split, SentencePiece-style Metaspace with byte fallback, added tokens with strip flags), for
    /// `unlearn fuzz tokenizers` when no seed files are given.
    public static func builtInSeeds() -> [Data] {
        let byteLevel = #"""
        {"version":"1.0","truncation":null,"padding":null,
         "added_tokens":[{"id":9,"content":"<|begin_of_text|>","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}],
         "normalizer":{"type":"NFC"},
         "pre_tokenizer":{"type":"Sequence","pretokenizers":[
           {"type":"Split","pattern":{"Regex":"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"},"behavior":"Isolated","invert":false},
           {"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":false}]},
         "post_processor":{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<|begin_of_text|>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
           "pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":1}}],
           "special_tokens":{"<|begin_of_text|>":{"id":"<|begin_of_text|>","ids":[9],"tokens":["<|begin_of_text|>"]}}},
         "decoder":{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true},
         "model":{"type":"BPE","dropout":null,"unk_token":null,"continuing_subword_prefix":null,"end_of_word_suffix":null,
           "fuse_unk":false,"byte_fallback":false,"ignore_merges":true,
           "vocab":{"a":0,"b":1,"c":2,"Ġ":3,"Ġa":4,"ab":5,"abc":6,"1":7,"2":8,"<|begin_of_text|>":9},
           "merges":[["Ġ","a"],["a","b"],["ab","c"]]}}
        """#
        let metaspace = #"""
        {"version":"1.0","truncation":null,"padding":null,
         "added_tokens":[{"id":0,"content":"<unk>","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
           {"id":1,"content":"<s>","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}],
         "normalizer":{"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"▁"},{"type":"Replace","pattern":{"String":" "},"content":"▁"}]},
         "pre_tokenizer":null,
         "post_processor":{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<s>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
           "pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":1}}],
           "special_tokens":{"<s>":{"id":"<s>","ids":[1],"tokens":["<s>"]}}},
         "decoder":{"type":"Sequence","decoders":[{"type":"Replace","pattern":{"String":"▁"},"content":" "},{"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]},
         "model":{"type":"BPE","dropout":null,"unk_token":"<unk>","continuing_subword_prefix":null,"end_of_word_suffix":null,
           "fuse_unk":true,"byte_fallback":true,"ignore_merges":false,
           "vocab":{"<unk>":0,"<s>":1,"<0x41>":2,"<0xC3>":3,"<0xA9>":4,"▁":5,"h":6,"i":7,"▁h":8,"▁hi":9},
           "merges":["▁ h","▁h i"]}}
        """#
        let addedTokens = #"""
        {"version":"1.0","truncation":null,"padding":null,
         "added_tokens":[{"id":7,"content":"<sep>","single_word":false,"lstrip":true,"rstrip":true,"normalized":false,"special":true},
           {"id":8,"content":"cat","single_word":true,"lstrip":false,"rstrip":false,"normalized":false,"special":false}],
         "normalizer":{"type":"Lowercase"},"pre_tokenizer":{"type":"WhitespaceSplit"},"post_processor":null,"decoder":{"type":"Fuse"},
         "model":{"type":"BPE","dropout":null,"unk_token":"<unk>","continuing_subword_prefix":null,"end_of_word_suffix":null,
           "fuse_unk":false,"byte_fallback":false,"ignore_merges":false,
           "vocab":{"<unk>":0,"a":1,"b":2,"c":3,"ab":4,"abc":5,"t":6,"<sep>":7,"cat":8},"merges":["a b","ab c"]}}
        """#
        return [byteLevel, metaspace, addedTokens].map { Data($0.utf8) }
    }
}
