#!/usr/bin/env bash
# The intercepting proxy's relay against a plain relay of the same code (issue 16's targets): runs ProxyRelayBench
# RUNS times in fresh JVMs, each with ROUNDS alternated pairs, and prints every run's rows, then the median over the
# runs of each row's median ratio and of the added latency.
#
#   scripts/bench-relay.sh [RUNS] [ROUNDS] [--java-opts "..."]
#
# The JVM options default to the installed launcher's (packaging/linux/build.sh, without the renderer's), as a user
# runs `framescope proxy`. Builds target/benchmarks.jar (Maven profile "bench") when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=6
rounds=10
opts=""
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --java-opts) opts="$2"; shift 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -gt 0 ] && runs="${positional[0]}"
[ ${#positional[@]} -gt 1 ] && rounds="${positional[1]}"
if [ -z "$opts" ]; then
  opts=$(sed -n 's/^java_options="\(.*\)"$/\1/p' packaging/linux/build.sh | sed 's/ *-Dprism[^ ]*//g')
fi
[ -f target/benchmarks.jar ] || mvn -q -Pbench -DskipTests package
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "JVM options: $opts; $runs runs of $rounds rounds"
for i in $(seq 1 "$runs"); do
  echo "run $i, load $(cut -d' ' -f1 /proc/loadavg)"
  # shellcheck disable=SC2086
  java $opts -cp target/benchmarks.jar dev.framescope.bench.ProxyRelayBench "$rounds" | tee -a "$out" \
    | grep -E '^\| [0-9]+ B|^added by'
done
python3 - "$out" <<'EOF'
import re, statistics, sys
rows, p50, p99 = {}, [], []
for line in open(sys.argv[1]):
    m = re.match(r'\| (\d+) B \| [\d,]+ \| \d+ \| \d+ \| ([\d.]+) \|', line)
    if m:
        rows.setdefault(int(m.group(1)), []).append(float(m.group(2)))
    m = re.match(r'added by the recording proxy: p50 ([-\d.]+) µs, p99 ([-\d.]+) µs', line)
    if m:
        p50.append(float(m.group(1)))
        p99.append(float(m.group(2)))
print()
for size, ratios in sorted(rows.items()):
    print(f"{size} B: median ratio over the runs {statistics.median(ratios):.2f} (runs {', '.join(f'{r:.2f}' for r in ratios)});"
          f" below 0.8 in {sum(r < 0.8 for r in ratios)} of {len(ratios)}")
if p50:
    print(f"added latency per message (one way): p50 median {statistics.median(p50):.1f} µs (runs {min(p50):.1f}–{max(p50):.1f}),"
          f" p99 median {statistics.median(p99):.0f} µs (runs {min(p99):.0f}–{max(p99):.0f});"
          f" p50 above 100 µs in {sum(v > 100 for v in p50)}, p99 above 1 ms in {sum(v > 1000 for v in p99)} of {len(p50)}")
EOF
