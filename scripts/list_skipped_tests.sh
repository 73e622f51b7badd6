#!/usr/bin/env bash
# Lists every skipped test in a `swift test` log, with its reason, so CI says what it did not run.
# Swift Testing (the only framework): ➜ Test "name" skipped: "reason"   /   ➜ Suite "name" skipped: "reason"
# Swift Testing reports a disabled suite and then each of its tests, so only tests are counted; the
# suites follow the count, to say where test names that are not unique come from.
set -uo pipefail
log="$1"
grep -E '^➜ Test .* skipped' "$log" \
    | sed -E 's/^➜ Test (.*) skipped\.$/  Test \1: disabled unless its environment variable is set/; s/^➜ Test (.*) skipped: /  Test \1: /' \
    > "$log.skipped"
grep -E '^➜ Suite .* skipped' "$log" \
    | sed -E 's/^➜ Suite (.*) skipped\.$/  Suite \1: disabled unless its environment variable is set/; s/^➜ Suite (.*) skipped: /  Suite \1: /' \
    > "$log.skipped-suites"
count=$(wc -l < "$log.skipped")
echo "Skipped tests: $count"
cat "$log.skipped"
if [ -s "$log.skipped-suites" ]; then
    echo "Skipped suites (their tests are counted above): $(wc -l < "$log.skipped-suites")"
    cat "$log.skipped-suites"
fi
