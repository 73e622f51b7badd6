#!/usr/bin/env bash
# The new user's first session on the real model with no tuning options (README "Defaults"): teach
# SmolLM2-135M-Instruct the dozen invented facts of examples/new-facts, then unlearn the first six with
# GA, NPO and SimNPO and print, per method, what the run chose, why it stopped and the probes before and
# after. Usage: scripts/examples/new_facts.sh [OUT] (default /tmp/new-facts); needs a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
unlearn=.build/release/unlearn
model=models/SmolLM2-135M-Instruct.Q4_1.gguf
facts=examples/new-facts
out="${1:-/tmp/new-facts}"
mkdir -p "$out"
[ -x "$unlearn" ] || { echo "build first: swift build -c release --product unlearn" >&2; exit 1; }
[ -f "$model" ] || bash scripts/fetch_model.sh

timed() { /usr/bin/time -f "%e s wall, %M KB peak RSS" "$@"; }
timed "$unlearn" train --model "$model" --data "$facts/facts.json" --out "$out/target" 2>&1 | tr '\r' '\n' | grep -v '^train \['
for method in ga npo simnpo; do
  timed "$unlearn" run --model "$out/target/model" --forget "$facts/forget.json" --retain "$facts/retain.json" \
      --method "$method" --out "$out/$method" 2>&1 | tr '\r' '\n' | grep -v "^$method \[" | grep -v '^$'
done

# Greedy answers to the first forgotten and the first kept question, before and after.
forgotten="$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["question"])' "$facts/forget.json")"
kept="$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["question"])' "$facts/retain.json")"
for folder in target ga npo simnpo; do
  for question in "$forgotten" "$kept"; do
    answer="$("$unlearn" generate --model "$out/$folder/model" --greedy --max-tokens 24 --prompt "Question: $question"$'\nAnswer:' | head -1)"
    echo "$folder | $question |$answer"
  done
done

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
print("| method | steps run | why it stopped | exported step | forget probability | forget ROUGE-L | retain probability |")
print("|---|---|---|---|---|---|---|")
for method in ["ga", "npo", "simnpo"]:
    record = json.load(open(f"{out}/{method}/run.json"))
    monitoring = record["monitoring"]
    evaluations = monitoring["evaluations"]
    exported = monitoring.get("selectedStep") or evaluations[-1]["step"]
    before = evaluations[0]["values"]
    after = next(e["values"] for e in evaluations if e["step"] == exported)
    reason = record["summary"].get("stopReason") or "step budget"
    print(f"| {method} | {record['summary']['steps']} | {reason.split(':')[0].split(' (')[0]} | {exported} | "
          f"{before['forget_probability']:.3f} → {after['forget_probability']:.2g} | "
          f"{before['forget_rouge_l_recall']:.2f} → {after['forget_rouge_l_recall']:.2f} | "
          f"{before['retain_probability']:.4f} → {after['retain_probability']:.4f} |")
PY
