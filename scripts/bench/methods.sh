#!/usr/bin/env bash
# Every unlearning method on the demo benchmark's forget10, each evaluated against the retrained oracle,
# then GA and SimNPO over three seeds. Usage: scripts/bench/methods.sh [WORK_DIR]
# Per-method settings are the YAML files in scripts/bench/methods/ (read with `unlearn run --config`).
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-bench-methods}"
swift build -c release --product unlearn >/dev/null
unlearn=.build/release/unlearn
benchmark="$work/benchmark"
data="$benchmark/data"
target="$benchmark/models/target/model"
oracle="$benchmark/models/retain90/model"
if [ ! -f "$target/config.json" ] || [ ! -f "$oracle/config.json" ]; then
  "$unlearn" benchmark prepare --preset demo --out "$benchmark" --models target retain90
fi
evaluate() { "$unlearn" eval --model "$1/model" --data "$data" --split forget10 --oracle "$oracle" --out "$1/eval" --json > /dev/null; }
mkdir -p "$work/target" "$work/oracle"
"$unlearn" eval --model "$target" --data "$data" --oracle "$oracle" --out "$work/target/eval" --json > /dev/null
"$unlearn" eval --model "$oracle" --data "$data" --oracle "$oracle" --out "$work/oracle/eval" --json > /dev/null
"$unlearn" attribute --model "$target" --forget "$data/forget10.json" --retain "$data/retain90.json" --density 0.8 --max-length 128 --out "$work/wagle-0.8.safetensors"
run() {  # name config [extra options]
  local name="$1" config="$2"; shift 2
  sed "s|MASK|$work/wagle-0.8.safetensors|" "$config" > "$work/$name.yaml"
  "$unlearn" run --config "$work/$name.yaml" --model "$target" --forget "$data/forget10.json" --retain "$data/retain90.json" \
    --out "$work/runs/$name" "$@" 2> /dev/null | head -n 1
  evaluate "$work/runs/$name"
}
runs=()
for config in scripts/bench/methods/*.yaml; do
  name="$(basename "$config" .yaml)"
  run "$name" "$config"
  runs+=("$work/runs/$name")
done
"$unlearn" compare "$work/target" "${runs[@]}" --oracle "$work/oracle" --out "$work"
echo
seeded=()
for seed in 1 2; do
  for method in ga simnpo; do
    run "$method-seed$seed" "scripts/bench/methods/$method.yaml" --seed "$seed"
    seeded+=("$work/runs/$method-seed$seed")
  done
done
"$unlearn" compare "$work/runs/ga" "$work/runs/simnpo" "${seeded[@]}" --oracle "$work/oracle" --out "$work/seeds"
