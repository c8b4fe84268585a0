#!/usr/bin/env bash
# Times `framescope dissect`, `inspect` and `export --to json` against tshark (-T json, -T fields) on the same frames:
# 16 B, 1 KiB and 64 KiB payloads, median of 5 rounds, ours and tshark alternating within each round, start-up
# subtracted. Prints a Markdown table (the one in docs/bench-vs-tshark.md). Needs tshark and python3; builds
# target/framescope.jar first unless it exists. Extra arguments go to scripts/bench_vs_tshark.py (--help).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/framescope.jar ] || mvn -B -ntp -q -DskipTests package
python3 scripts/bench_vs_tshark.py "$@"
