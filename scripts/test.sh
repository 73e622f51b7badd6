#!/usr/bin/env bash
# Runs the test suite in a debug build (bounds checks on), installing what a fresh machine lacks, and
# lists every skipped test with its reason. With UNLEARN_REQUIRE_REAL_MODEL=1 (CI) a missing real model
# fails the run instead of skipping its tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/fetch_model.sh
swift build --build-tests
mkdir -p .build
log=.build/test-output.log
set +e
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
bash scripts/list_skipped_tests.sh "$log"
exit "$status"
