#!/usr/bin/env bash
# Builds the release binary and mutation-fuzzes every file parser: safetensors + GGUF, tokenizer.json,
# config.json, YAML run configs, QA data and text data (six parsers), N inputs each (default 200,000, so
# 1,200,000 in total). Exits non-zero if any input crashes the process or gives an unexpected outcome.
#
#   scripts/fuzz.sh            # 200,000 inputs per parser, seed 1
#   scripts/fuzz.sh 20000 7    # a quick run with another seed
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
iterations="${1:-200000}"
seed="${2:-1}"

swift build -c release --product unlearn
unlearn=.build/release/unlearn
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
# Separate runs so the YAML fuzzer can start from the benchmark's own configuration files as well.
"$unlearn" fuzz checkpoints --iterations "$iterations" --seed "$seed" | tee -a "$log"
"$unlearn" fuzz tokenizers --iterations "$iterations" --seed "$seed" | tee -a "$log"
"$unlearn" fuzz configs --iterations "$iterations" --seed "$seed" | tee -a "$log"
"$unlearn" fuzz yaml --iterations "$iterations" --seed "$seed" --seed-files scripts/bench/methods/*.yaml | tee -a "$log"
"$unlearn" fuzz data --iterations "$iterations" --seed "$seed" | tee -a "$log"
seconds=$(( $(date +%s) - start ))

echo
echo "== all parsers"
grep -E '^[^ ].*: [0-9]+ inputs, [0-9]+ unexpected$' "$log"
awk -v seconds="$seconds" '
    /^[^ ].*: [0-9]+ inputs, [0-9]+ unexpected$/ { inputs += $(NF-3); unexpected += $(NF-1) }
    END { printf "fuzz: %d mutated inputs across 6 parsers in %d s, %d unexpected outcomes, no crash\n", inputs, seconds, unexpected
          exit (unexpected > 0) }' "$log"
