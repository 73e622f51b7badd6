#!/usr/bin/env bash
# Lists every skipped test in a `swift test` log, with its reason, so CI says what it did not run.
# XCTest:        FILE:LINE: Class.testName : Test skipped - reason
# Swift Testing: ➜ Test "name" skipped: "reason"   /   ➜ Suite "name" skipped: "reason"
set -uo pipefail
log="$1"
{
    grep -E ': Test skipped' "$log" \
        | sed -E 's/^.*: ([A-Za-z0-9_.]+) : Test skipped(: required false value but got true)? - /  XCTest \1: /'
    grep -E '^➜ (Test|Suite) .* skipped' "$log" \
        | sed -E 's/^➜ (Test|Suite) (.*) skipped\.$/  \1 \2: disabled unless its environment variable is set/; s/^➜ (Test|Suite) (.*) skipped: /  \1 \2: /'
} > "$log.skipped"
count=$(wc -l < "$log.skipped")
echo "Skipped tests: $count"
cat "$log.skipped"
