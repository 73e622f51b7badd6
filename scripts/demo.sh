#!/usr/bin/env bash
# Builds Unlearn in release mode and runs the main job, installing what a fresh machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --product unlearn
.build/release/unlearn demo "$@"
