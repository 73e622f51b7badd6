#!/usr/bin/env python3
"""Unlearn against PyTorch/transformers on one workload, in alternating rounds (run by hand, never in CI).

    venv/bin/python scripts/bench/compare_pytorch.py step --preset smollm2-135m --rounds 3
    venv/bin/python scripts/bench/compare_pytorch.py forward --preset smollm2-135m
    venv/bin/python scripts/bench/compare_pytorch.py step --preset tiny
    venv/bin/python scripts/bench/compare_pytorch.py generate --preset smollm2-135m

Each round runs `unlearn bench WORKLOAD` and then `pytorch_reference.py WORKLOAD` (this interpreter, which
needs torch and transformers) with the same shapes, so a drift in the shared machine's speed hits both
sides of a round alike. Prints every round, then the median tokens/s and peak RSS of each side, the
median of the per-round speed ratios, and the range of those ratios.
"""
import argparse
import pathlib
import re
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIGURES = re.compile(r"([0-9.]+) tokens/s.*peak RSS ([0-9.]+) MiB")


def measure(command):
    """Runs one benchmark command; returns (tokens/s, peak RSS MiB) from its result line."""
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        match = FIGURES.search(line)
        if match:
            return float(match.group(1)), float(match.group(2))
    sys.exit(f"no result line in the output of {' '.join(command)}:\n{output}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=["forward", "step", "generate"])
    parser.add_argument("--preset", default="smollm2-135m", choices=["smollm2-135m", "tiny"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=15, help="timed seconds per side and round")
    parser.add_argument("--unlearn", default=str(ROOT / ".build/release/unlearn"))
    args = parser.parse_args()
    ours = [args.unlearn, "bench", args.workload, "--preset", args.preset, "--seconds", str(args.seconds)]
    theirs = [sys.executable, str(ROOT / "scripts/bench/pytorch_reference.py"), args.workload,
              "--preset", args.preset, "--seconds", str(args.seconds)]
    rounds = []
    for index in range(args.rounds):
        unlearn, pytorch = measure(ours), measure(theirs)
        rounds.append((unlearn, pytorch))
        print(f"round {index + 1}: Unlearn {unlearn[0]:.1f} tokens/s, {unlearn[1]:.0f} MiB; "
              f"PyTorch {pytorch[0]:.1f} tokens/s, {pytorch[1]:.0f} MiB; ratio {unlearn[0] / pytorch[0]:.2f}", flush=True)
    ratios = [unlearn[0] / pytorch[0] for unlearn, pytorch in rounds]
    median = lambda values: statistics.median(values)
    print(f"{args.workload} {args.preset}: Unlearn {median([u[0] for u, _ in rounds]):.1f} tokens/s, "
          f"peak RSS {median([u[1] for u, _ in rounds]):.0f} MiB; PyTorch {median([p[0] for _, p in rounds]):.1f} tokens/s, "
          f"peak RSS {median([p[1] for _, p in rounds]):.0f} MiB; speed ratio median {median(ratios):.2f} "
          f"(range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
