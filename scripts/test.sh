#!/usr/bin/env bash
# Runs the test suite in a debug build (bounds checks on), installing what a fresh machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/fetch_model.sh   # the real-model tests skip, saying so, when this cannot download
swift build --build-tests
swift test --skip-build
