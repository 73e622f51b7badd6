#!/usr/bin/env python3
"""PyTorch/transformers figures for the same workloads as `unlearn bench` (run by hand, never in CI).

    venv/bin/pip install torch transformers
    venv/bin/python scripts/bench/pytorch_reference.py forward --preset smollm2-135m
    venv/bin/python scripts/bench/pytorch_reference.py step --preset tiny
    venv/bin/python scripts/bench/pytorch_reference.py generate --preset smollm2-135m

Random-weight Llama models of the presets' shapes, 2 threads, batch 4 × 256 by default; prints tokens/s
(median of the timed runs) and peak RSS, in the same words as `unlearn bench`.
"""
import argparse
import resource
import statistics
import time

import torch
from transformers import LlamaConfig, LlamaForCausalLM

PRESETS = {
    "smollm2-135m": dict(vocab_size=49152, hidden_size=576, intermediate_size=1536, num_hidden_layers=30,
                         num_attention_heads=9, num_key_value_heads=3, rope_theta=100000.0, rms_norm_eps=1e-5,
                         tie_word_embeddings=True, max_position_embeddings=8192),
    "tiny": dict(vocab_size=4096, hidden_size=256, intermediate_size=768, num_hidden_layers=4, num_attention_heads=8,
                 num_key_value_heads=4, rms_norm_eps=1e-5, tie_word_embeddings=True, max_position_embeddings=2048),
}


def timed(body, seconds, minimum_runs=2):
    body()  # warm-up
    samples, start = [], time.perf_counter()
    while len(samples) < minimum_runs or time.perf_counter() - start < seconds:
        begin = time.perf_counter()
        body()
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples), len(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=["forward", "step", "generate"])
    parser.add_argument("--preset", default="smollm2-135m", choices=sorted(PRESETS))
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--length", type=int, default=256)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--prompt", type=int, default=32)
    parser.add_argument("--tokens", type=int, default=128)
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(**PRESETS[args.preset], attn_implementation="sdpa"))
    tokens = args.batch * args.length
    ids = torch.randint(0, model.config.vocab_size, (args.batch, args.length))
    if args.workload == "forward":
        model.eval()
        with torch.no_grad():
            seconds, runs = timed(lambda: model(ids).logits, args.seconds)
        print(f"pytorch forward {args.batch}×{args.length}: {tokens / seconds:.1f} tokens/s, {seconds:.3f} s per run (median of {runs})", end="")
    elif args.workload == "step":
        model.train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.01)
        labels = ids.clone()

        def step():
            optimizer.zero_grad(set_to_none=True)
            loss = -model(input_ids=ids, labels=labels).loss  # gradient ascent
            loss.backward()
            optimizer.step()
        seconds, runs = timed(step, args.seconds)
        print(f"pytorch step {args.batch}×{args.length}: {tokens / seconds:.1f} tokens/s, {seconds:.3f} s per run (median of {runs})", end="")
    else:
        model.eval()
        prompt = torch.randint(0, model.config.vocab_size, (1, args.prompt))

        def generate():
            model.generate(prompt, max_new_tokens=args.tokens, min_new_tokens=args.tokens, do_sample=False)
        seconds, runs = timed(generate, args.seconds)
        print(f"pytorch generate {args.tokens} after {args.prompt}: {args.tokens / seconds:.1f} tokens/s, {seconds:.3f} s per run (median of {runs})", end="")
    print(f", peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
